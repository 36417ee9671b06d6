"use client";

import { usePathname, useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import type { FleetFilters } from "@/lib/fleet/filters";
import { codeStatuses } from "@/lib/fleet/filter-values";
import { filtersToQuery as fleetFiltersToQuery } from "@/lib/url-query";
import { formatRuntime } from "@/lib/format";

interface Options {
  runtimes: string[];
  accounts: { id: string; name: string }[];
  regions: string[];
  statuses: string[];
}

const riskLevels = ["blocked", "high", "medium", "low", "unknown"];

export function FleetFiltersBar({ filters, options }: { filters: FleetFilters; options: Options }) {
  const router = useRouter();
  const pathname = usePathname();
  const [q, setQ] = useState(filters.q ?? "");
  const [tag, setTag] = useState(filters.tag.join(","));
  // The view as the user has set it so far: quick successive changes build on each other, not on props
  // that the previous navigation has not delivered yet.
  const [view, setView] = useState(filters);
  const [pending, startTransition] = useTransition();
  const filtersKey = JSON.stringify(filters);
  const [seenKey, setSeenKey] = useState(filtersKey);
  if (seenKey !== filtersKey) {
    setSeenKey(filtersKey);
    setView(filters);
  }

  function apply(change: Partial<FleetFilters>) {
    const next = { ...view, ...change, page: 1 };
    setView(next);
    startTransition(() => router.push(`${pathname}?${fleetFiltersToQuery(next)}`));
  }

  useEffect(() => {
    if (q === (view.q ?? "")) return;
    const timer = setTimeout(() => apply({ q: q || undefined }), 300);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q]);

  const hasFilters = Boolean(
    view.q ||
    view.runtime.length ||
    view.risk.length ||
    view.region.length ||
    view.status.length ||
    view.tag.length ||
    view.code.length,
  );

  return (
    <form
      role="search"
      aria-label="Filter applications"
      className="mb-3 flex flex-wrap items-end gap-3 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        apply({ q: q || undefined, tag: tag ? tag.split(",") : [] });
      }}
    >
      <label className="flex flex-col gap-1">
        <span className="text-xs text-slate-500">Search</span>
        <input
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder="name, team, tag…"
          className="w-56 rounded border border-slate-300 px-2 py-1"
        />
      </label>
      <Select
        label="Runtime"
        value={view.runtime}
        options={options.runtimes}
        format={formatRuntime}
        onChange={(runtime) => apply({ runtime })}
      />
      <Select label="Risk" value={view.risk} options={riskLevels} onChange={(risk) => apply({ risk })} />
      <Select
        label="Account"
        value={view.account}
        options={options.accounts.map((a) => a.id)}
        format={(id) => {
          const name = options.accounts.find((a) => a.id === id)?.name;
          return name && name !== id ? `${name} (${id})` : id;
        }}
        onChange={(account) => apply({ account })}
      />
      <Select label="Region" value={view.region} options={options.regions} onChange={(region) => apply({ region })} />
      <Select label="Status" value={view.status} options={options.statuses} onChange={(status) => apply({ status })} />
      <Select
        label="Code"
        value={view.code}
        options={[...codeStatuses]}
        format={(c) => (c === "breaks" ? "will break" : c === "unscanned" ? "not scanned" : c)}
        onChange={(code) => apply({ code })}
      />
      <label className="flex flex-col gap-1">
        <span className="text-xs text-slate-500">Tag (key=value)</span>
        <input
          value={tag}
          onChange={(e) => setTag(e.target.value)}
          onBlur={() => tag !== view.tag.join(",") && apply({ tag: tag ? tag.split(",") : [] })}
          placeholder="env=prod"
          className="w-36 rounded border border-slate-300 px-2 py-1"
        />
      </label>
      <span aria-live="polite" className="pb-1 text-xs text-slate-500">
        {pending ? "Updating…" : ""}
      </span>
      {hasFilters ? (
        <button
          type="button"
          onClick={() => {
            setQ("");
            setTag("");
            router.push(pathname);
          }}
          className="rounded px-2 py-1 text-sky-700 hover:underline"
        >
          Clear filters
        </button>
      ) : null}
    </form>
  );
}

function Select({
  label,
  value,
  options,
  format = (s) => s,
  onChange,
}: {
  label: string;
  value: string[];
  options: string[];
  format?: (s: string) => string;
  onChange: (v: string[]) => void;
}) {
  const current = value.length > 1 ? value.join(",") : (value[0] ?? "");
  const all = value.length > 1 ? [current, ...options] : options;
  return (
    <label className="flex flex-col gap-1">
      <span className="text-xs text-slate-500">{label}</span>
      <select
        value={current}
        onChange={(e) => onChange(e.target.value ? e.target.value.split(",") : [])}
        className="rounded border border-slate-300 bg-white px-2 py-1"
      >
        <option value="">Any</option>
        {all.map((o) => (
          <option key={o} value={o}>
            {o.includes(",") ? o.split(",").map(format).join(" or ") : format(o)}
          </option>
        ))}
      </select>
    </label>
  );
}
