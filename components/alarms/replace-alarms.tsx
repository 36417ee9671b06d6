"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import { replaceAlarmsAction } from "@/app/actions/upgrades";
import type { AlarmReplacement, ReplaceAlarmsResult } from "@/lib/metrics/alarm-fix";

/**
 * "Create replacement alarms…": a confirmation listing each old alarm → its replacement (name and metric), then the
 * result. The old alarms are never changed. Shown only to people who may start upgrades on this application.
 */
export function ReplaceAlarms({
  account,
  region,
  name,
  replacements,
}: {
  account: string;
  region: string;
  name: string;
  replacements: AlarmReplacement[];
}) {
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<ReplaceAlarmsResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const opener = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const outcome = useRef<HTMLDivElement>(null);
  /** Where focus goes when the confirmation closes: back to the button (cancel) or to the outcome. */
  const focusAfter = useRef<"opener" | "outcome" | null>(null);
  const creatable = replacements.filter((r) => r.create);
  const skipped = replacements.filter((r) => r.skipped);

  useEffect(() => {
    if (confirming) {
      heading.current?.focus();
      return;
    }
    const target = focusAfter.current === "opener" ? opener.current : outcome.current;
    if (focusAfter.current) target?.focus();
    focusAfter.current = null;
  }, [confirming, result, error]);

  function cancel() {
    focusAfter.current = "opener";
    setConfirming(false);
  }

  function confirm() {
    setError(null);
    startTransition(async () => {
      const answer = await replaceAlarmsAction({
        account,
        region,
        name,
        alarmNames: [...new Set(creatable.map((r) => r.alarmName))],
      });
      focusAfter.current = "outcome";
      setConfirming(false);
      if (answer.ok) setResult(answer.data);
      else setError(answer.fieldErrors?.alarmNames?.join("; ") ?? answer.error);
    });
  }

  return (
    <div className="mt-3 space-y-2 text-sm" data-testid="replace-alarms">
      {!confirming && creatable.length ? (
        <button
          ref={opener}
          type="button"
          onClick={() => {
            setResult(null);
            setError(null);
            setConfirming(true);
          }}
          className="rounded border border-sky-600 bg-sky-50 px-3 py-1.5 font-semibold text-sky-900 hover:bg-sky-100"
        >
          Create replacement alarms…
        </button>
      ) : null}
      {confirming ? (
        <section
          role="group"
          aria-labelledby="replace-alarms-heading"
          onKeyDown={(e) => e.key === "Escape" && !pending && cancel()}
          className="rounded border border-sky-300 bg-sky-50 p-3"
          data-testid="replace-alarms-confirm"
        >
          <h3 id="replace-alarms-heading" tabIndex={-1} ref={heading} className="font-semibold outline-none">
            Create {creatable.length} replacement alarm{creatable.length === 1 ? "" : "s"} in {region}?
          </h3>
          <p className="mb-2 text-slate-700">
            Each copies its alarm&apos;s statistic, threshold, comparison, periods, dimensions, missing-data treatment
            and actions onto the Flink 2.2 metric. The old alarms stay as they are and keep working until the upgrade;
            delete them afterwards.
          </p>
          <ul className="space-y-1" aria-label="Alarms to create">
            {creatable.map((r) => (
              <li key={`${r.alarmName}-${r.metric}`} data-testid="replacement-row">
                <span className="font-medium">{r.alarmName}</span> (
                <span className="font-mono text-xs">{r.metric}</span>)<span aria-hidden> → </span>
                <span className="sr-only"> becomes </span>
                <span className="font-medium">{r.create!.alarmName}</span> (
                <span className="font-mono text-xs">{r.create!.metric}</span>)
                {r.note ? <span className="block text-xs text-amber-800">{r.note}</span> : null}
              </li>
            ))}
          </ul>
          {skipped.length ? (
            <>
              <p className="mt-2 font-medium">Not replaced:</p>
              <ul className="space-y-1 text-slate-700" aria-label="Alarms not replaced">
                {skipped.map((r) => (
                  <li key={`${r.alarmName}-${r.metric}`}>
                    <span className="font-medium">{r.alarmName}</span> (
                    <span className="font-mono text-xs">{r.metric}</span>): {r.skipped}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <div className="mt-3 flex gap-2">
            <button
              type="button"
              onClick={confirm}
              disabled={pending}
              className="rounded bg-sky-700 px-3 py-1.5 font-semibold text-white hover:bg-sky-800 disabled:opacity-50"
            >
              {pending ? "Creating…" : `Create ${creatable.length} alarm${creatable.length === 1 ? "" : "s"}`}
            </button>
            <button
              type="button"
              onClick={cancel}
              disabled={pending}
              className="px-2 py-1.5 text-slate-600 hover:underline"
            >
              Cancel
            </button>
          </div>
        </section>
      ) : null}
      <div ref={outcome} tabIndex={-1} className="space-y-2 outline-none">
        {result ? (
          <div role="status" className="rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-emerald-900">
            <p className="font-medium">
              Created {result.created.length} alarm{result.created.length === 1 ? "" : "s"}:
            </p>
            <ul data-testid="replacements-created">
              {result.created.map((c) => (
                <li key={c.alarmName}>
                  <span className="font-medium">{c.alarmName}</span> on{" "}
                  <span className="font-mono text-xs">{c.metric}</span> (replaces {c.replaces})
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {result?.failed.length ? (
          <div role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
            <p className="font-medium">Not created:</p>
            <ul>
              {result.failed.map((f) => (
                <li key={f.alarmName}>
                  {f.alarmName}: {f.error}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {error ? (
          <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}
