"use client";

import { useSyncExternalStore } from "react";
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
import type { ProgressPoint } from "@/lib/fleet/progress";
import { formatLocalTime, formatRuntime } from "@/lib/format";
import { gridAt, plainTick, timeTick } from "./axis-ticks";

const percentTicks = [0, 25, 50, 75, 100];

const emptySubscribe = () => () => {};

/** The stacked areas of FleetProgressChart: loaded on their own (lazy-charts.tsx), since they need recharts. */
export function FleetProgressPlot({
  data,
  runtimes,
  colors,
  xTicks,
  tickFormat,
}: {
  data: Record<string, unknown>[];
  runtimes: string[];
  colors: Record<string, string>;
  xTicks: number[];
  tickFormat: (t: number) => string;
}) {
  const isClient = useSyncExternalStore(
    emptySubscribe,
    () => true,
    () => false,
  );
  const times = data.map((d) => Number(d.t));
  const dataDomain: [number, number] = times.length ? [Math.min(...times), Math.max(...times)] : [0, 0];
  return (
    <ResponsiveContainer width="100%" height="100%">
      <AreaChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid
          stroke="var(--chart-grid)"
          strokeDasharray="3 3"
          {...gridAt({ ticks: xTicks, domain: dataDomain }, { ticks: percentTicks, max: 100 })}
        />
        <XAxis
          dataKey="t"
          type="number"
          scale="time"
          domain={["dataMin", "dataMax"]}
          ticks={xTicks}
          interval={0}
          tick={timeTick({
            ticks: xTicks,
            domain: dataDomain,
            format: (t) => (isClient ? tickFormat(t) : ""),
          })}
        />
        <YAxis
          domain={[0, 100]}
          ticks={percentTicks}
          width={44}
          interval={0}
          tick={plainTick({ anchor: "end", format: (v) => `${v}%` })}
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
        {formatLocalTime(new Date(datum.t))} · {datum.total} applications
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
