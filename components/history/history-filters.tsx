"use client";

import { usePathname, useRouter } from "next/navigation";
import type { HistoryFilters } from "@/lib/history/filters";
import { hasFilters, outcomeValues } from "@/lib/history/filter-values";
import { filtersToQuery as historyFiltersToQuery } from "@/lib/url-query";
import type { HistoryOptions } from "@/lib/history/queries";
import { formatRuntime } from "@/lib/format";
import { outcomeLabels } from "./outcome-badge";

export function HistoryFiltersBar({ filters, options }: { filters: HistoryFilters; options: HistoryOptions }) {
  const router = useRouter();
  const pathname = usePathname();

  function apply(change: Partial<HistoryFilters>) {
    router.push(`${pathname}?${historyFiltersToQuery({ ...filters, ...change, page: 1 })}`);
  }

  const hasAny = hasFilters(filters);
  const campaignName = new Map(options.campaigns.map((c) => [c.id, c.name]));

  return (
    <form
      role="search"
      aria-label="Filter upgrade runs"
      className="mb-3 flex flex-wrap items-end gap-3 text-sm"
      onSubmit={(e) => e.preventDefault()}
    >
      <Select
        label="Outcome"
        value={filters.outcome}
        options={[...outcomeValues]}
        format={(o) => outcomeLabels[o] ?? o}
        onChange={(v) => apply({ outcome: v as HistoryFilters["outcome"] })}
      />
      <Select
        label="Runtime"
        value={filters.runtime}
        options={options.runtimes}
        format={formatRuntime}
        onChange={(runtime) => apply({ runtime })}
      />
      <Select
        label="Account"
        value={filters.account}
        options={options.accounts.map((a) => a.id)}
        format={(id) => {
          const name = options.accounts.find((a) => a.id === id)?.name;
          return name && name !== id ? `${name} (${id})` : id || "unknown account";
        }}
        onChange={(account) => apply({ account })}
      />
      <Select
        label="Region"
        value={filters.region}
        options={options.regions}
        onChange={(region) => apply({ region })}
      />
      <Select label="Team" value={filters.team} options={options.teams} onChange={(team) => apply({ team })} />
      <Select
        label="Initiated by"
        value={filters.who}
        options={options.initiators}
        onChange={(who) => apply({ who })}
      />
      <Select
        label="Made"
        value={filters.source ? [filters.source] : []}
        options={["dashboard", "outside"]}
        format={(s) => (s === "outside" ? "outside the dashboard" : "in the dashboard")}
        onChange={([source]) => apply({ source: source as HistoryFilters["source"] })}
      />
      {options.campaigns.length ? (
        <Select
          label="Campaign"
          value={filters.campaign}
          options={options.campaigns.map((c) => c.id)}
          format={(id) => campaignName.get(id) ?? id}
          onChange={(campaign) => apply({ campaign })}
        />
      ) : null}
      <label className="flex flex-col gap-1">
        <span className="text-xs text-slate-500">From (UTC)</span>
        <input
          type="date"
          value={filters.from ?? ""}
          max={filters.to}
          onChange={(e) => apply({ from: e.target.value || undefined })}
          className="rounded border border-slate-300 px-2 py-1"
        />
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-xs text-slate-500">To (UTC)</span>
        <input
          type="date"
          value={filters.to ?? ""}
          min={filters.from}
          onChange={(e) => apply({ to: e.target.value || undefined })}
          className="rounded border border-slate-300 px-2 py-1"
        />
      </label>
      {hasAny ? (
        <button
          type="button"
          onClick={() => router.push(pathname)}
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
  const all =
    value.length > 1
      ? [current, ...options]
      : value.length === 1 && !options.includes(current)
        ? [current, ...options]
        : options;
  return (
    <label className="flex flex-col gap-1">
      <span className="text-xs text-slate-500">{label}</span>
      <select
        value={current}
        onChange={(e) => onChange(e.target.value ? e.target.value.split(",") : [])}
        className="max-w-48 rounded border border-slate-300 bg-white px-2 py-1"
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
