"use client";

import { useMemo } from "react";
import { FleetProgressPlot } from "./lazy-charts";
import type { FleetProgress } from "@/lib/fleet/progress";
import { formatRuntime } from "@/lib/format";
import { timeTickFormat, timeTicks } from "@/lib/metrics/chart-format";

// Oldest runtimes greyest, Flink 2.x green: the chart should read as "green grows".
const oldPalette = [
  "#cbd5e1",
  "#94a3b8",
  "#a5b4fc",
  "#818cf8",
  "#7dd3fc",
  "#38bdf8",
  "#0ea5e9",
  "#0369a1",
  "#fcd34d",
  "#f59e0b",
];
const newPalette = ["#34d399", "#059669", "#065f46"];

function colorsFor(runtimes: string[]): Record<string, string> {
  const isNew = (r: string) => /^FLINK-([2-9]|\d{2,})_/.test(r);
  const old = runtimes.filter((r) => !isNew(r));
  const fresh = runtimes.filter(isNew);
  return Object.fromEntries([
    ...old.map((r, i) => [r, oldPalette[i % oldPalette.length]!] as const),
    ...fresh.map((r, i) => [r, newPalette[i % newPalette.length]!] as const),
  ]);
}

/** The share of applications on each runtime over time, one point per successful inventory sync. */
export function FleetProgressChart({ progress, target = "FLINK-2_2" }: { progress: FleetProgress; target?: string }) {
  const { runtimes, points } = progress;
  const colors = useMemo(() => colorsFor(runtimes), [runtimes]);
  const data = useMemo(
    () =>
      points.map((p) => ({
        t: p.t,
        total: p.total,
        counts: p.counts,
        ...Object.fromEntries(runtimes.map((r) => [r, p.shares[r] ?? 0])),
      })),
    [points, runtimes],
  );
  const last = points[points.length - 1];

  if (!last) {
    return (
      <p
        className="rounded border border-dashed border-slate-300 p-4 text-sm text-slate-600"
        data-testid="fleet-progress-empty"
      >
        No inventory sync has finished yet: progress appears after the first one.
      </p>
    );
  }
  const onTarget = last.shares[target] ?? 0;
  const span = points.length > 1 ? points[points.length - 1]!.t - points[0]!.t : 0;
  const xTicks = timeTicks([points[0]!.t, last.t]);
  const tickFormat = timeTickFormat(span, xTicks.stepMs);

  return (
    <figure data-testid="fleet-progress" data-points={points.length}>
      <figcaption className="mb-2 text-sm text-slate-600">
        <span className="text-2xl font-semibold text-slate-900">{Math.round(onTarget)}%</span> of {last.total}{" "}
        applications on {formatRuntime(target)} at the last sync
        {points.length > 1 ? ` · ${points.length} syncs shown` : ""}
      </figcaption>
      {points.length < 2 ? (
        <p className="text-sm text-slate-600" data-testid="fleet-progress-single">
          One sync so far; the trend appears after the next.{" "}
          {runtimes.map((r) => `${formatRuntime(r)} ${Math.round(last.shares[r] ?? 0)}%`).join(" · ")}
        </p>
      ) : (
        <div className="h-[260px]">
          <FleetProgressPlot
            data={data}
            runtimes={runtimes}
            colors={colors}
            xTicks={xTicks.ticks}
            tickFormat={tickFormat}
          />
        </div>
      )}
    </figure>
  );
}
