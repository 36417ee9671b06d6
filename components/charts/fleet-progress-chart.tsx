"use client";

import { useMemo, useSyncExternalStore } from "react";
import {
  Area,
  AreaChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from "recharts";
import type { FleetProgress, ProgressPoint } from "@/lib/fleet/progress";
import { formatRuntime } from "@/lib/format";
import { timeTickOptions, timeTicks } from "@/lib/metrics/chart-format";

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

const emptySubscribe = () => () => {};

/** The share of applications on each runtime over time, one point per successful inventory sync. */
export function FleetProgressChart({ progress, target = "FLINK-2_2" }: { progress: FleetProgress; target?: string }) {
  const isClient = useSyncExternalStore(
    emptySubscribe,
    () => true,
    () => false,
  );
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
  const tickFormat = new Intl.DateTimeFormat(undefined, timeTickOptions(span, xTicks.stepMs));

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
          <ResponsiveContainer width="100%" height="100%">
            <AreaChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
              <XAxis
                dataKey="t"
                type="number"
                scale="time"
                domain={["dataMin", "dataMax"]}
                ticks={xTicks.ticks}
                tickFormatter={(t: number) => (isClient ? tickFormat.format(new Date(t)) : "")}
                tick={{ fontSize: 11, fill: "#475569" }}
                minTickGap={24}
              />
              <YAxis
                domain={[0, 100]}
                ticks={[0, 25, 50, 75, 100]}
                tickFormatter={(v: number) => `${v}%`}
                width={44}
                tick={{ fontSize: 11, fill: "#475569" }}
              />
              <Tooltip
                content={(p: TooltipContentProps) => <ProgressTooltip {...p} runtimes={runtimes} colors={colors} />}
                isAnimationActive={false}
              />
              <Legend
                itemSorter={null}
                formatter={(value: string) => <span className="text-slate-700">{formatRuntime(value)}</span>}
                wrapperStyle={{ fontSize: 12 }}
              />
              {runtimes.map((r) => (
                <Area
                  key={r}
                  dataKey={r}
                  name={r}
                  stackId="share"
                  type="stepAfter"
                  stroke={colors[r]}
                  fill={colors[r]}
                  fillOpacity={0.85}
                  isAnimationActive={false}
                />
              ))}
            </AreaChart>
          </ResponsiveContainer>
        </div>
      )}
    </figure>
  );
}

function ProgressTooltip({
  active,
  payload,
  runtimes,
  colors,
}: TooltipContentProps & { runtimes: string[]; colors: Record<string, string> }) {
  const datum = payload?.[0]?.payload as (ProgressPoint & { counts: Record<string, number> }) | undefined;
  if (!active || !datum) return null;
  return (
    <div className="rounded border border-slate-200 bg-white px-2 py-1 text-xs shadow">
      <p className="mb-1 text-slate-500">
        {new Date(datum.t).toLocaleString()} · {datum.total} applications
      </p>
      <ul>
        {[...runtimes]
          .reverse()
          .filter((r) => datum.counts[r])
          .map((r) => (
            <li key={r} className="flex items-center gap-1">
              <span aria-hidden className="inline-block h-2 w-2 rounded-sm" style={{ background: colors[r] }} />
              {formatRuntime(r)}: {datum.counts[r]} ({(((datum.counts[r] ?? 0) / datum.total) * 100).toFixed(1)}%)
            </li>
          ))}
      </ul>
    </div>
  );
}
