"use client";

import { useMemo } from "react";
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
import { runtimeShare, type ShareTarget } from "@/lib/campaigns/runtime-share";
import { formatLocalTime, formatRuntime } from "@/lib/format";
import { niceAxis, timeTickFormat, timeTicks } from "@/lib/metrics/chart-format";
import { gridAt, plainTick, timeTick } from "@/components/charts/axis-ticks";

// The old runtimes greys and blues, the target green: the chart reads as "green grows", like the fleet's.
const oldPalette = ["#cbd5e1", "#94a3b8", "#a5b4fc", "#818cf8", "#7dd3fc", "#38bdf8", "#0ea5e9", "#0369a1"];
const targetColor = "#059669";

/** How many applications of the selection are on each runtime over the campaign, from its targets. */
export function RuntimeShareChart({
  targets,
  targetRuntime,
  from,
  to,
}: {
  targets: ShareTarget[];
  targetRuntime: string;
  from: number;
  to: number;
}) {
  const share = useMemo(() => runtimeShare(targets, targetRuntime, { from, to }), [targets, targetRuntime, from, to]);
  const colors = useMemo(
    () =>
      Object.fromEntries(
        share.runtimes.map((r, i) => [r, r === targetRuntime ? targetColor : oldPalette[i % oldPalette.length]!]),
      ),
    [share.runtimes, targetRuntime],
  );
  const data = useMemo(() => share.points.map((p) => ({ t: p.t, ...p.counts })), [share.points]);
  const last = share.points.at(-1);
  const onTarget = last?.counts[targetRuntime] ?? 0;
  const xTicks = timeTicks([from, Math.max(to, from + 1)]);
  const tickFormat = timeTickFormat(to - from, xTicks.stepMs);
  const y = niceAxis(share.total, true);

  return (
    <figure data-testid="runtime-share" data-on-target={onTarget} data-total={share.total}>
      <figcaption className="mb-2 text-sm text-slate-600">
        <span className="text-2xl font-semibold text-slate-900">{onTarget}</span> of {share.total} selected applications
        on {formatRuntime(targetRuntime)} now (skipped ones stay where they are)
      </figcaption>
      <div
        className="h-[220px]"
        role="img"
        aria-label={`${onTarget} of ${share.total} applications on ${formatRuntime(targetRuntime)}`}
      >
        <ResponsiveContainer width="100%" height="100%">
          <AreaChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid
              stroke="var(--chart-grid)"
              strokeDasharray="3 3"
              {...gridAt({ ticks: xTicks.ticks, domain: [from, to] }, y)}
            />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={[from, to]}
              ticks={xTicks.ticks}
              interval={0}
              tick={timeTick({
                ticks: xTicks.ticks,
                domain: [from, to],
                format: tickFormat,
              })}
            />
            <YAxis
              domain={[0, y.max]}
              ticks={y.ticks}
              allowDecimals={false}
              width={40}
              interval={0}
              tick={plainTick({ anchor: "end", format: String })}
              label={{
                value: "applications",
                angle: -90,
                position: "insideLeft",
                offset: 10,
                style: { fontSize: 11, fill: "var(--chart-label)", textAnchor: "middle" },
              }}
            />
            <Tooltip
              content={(p: TooltipContentProps) => <ShareTooltip {...p} runtimes={share.runtimes} colors={colors} />}
              isAnimationActive={false}
            />
            <Legend
              itemSorter={null}
              formatter={(value: string) => <span className="text-slate-700">{formatRuntime(value)}</span>}
              wrapperStyle={{ fontSize: 12 }}
            />
            {share.runtimes.map((r) => (
              <Area
                key={r}
                dataKey={r}
                name={r}
                stackId="runtime"
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
    </figure>
  );
}

function ShareTooltip({
  active,
  payload,
  runtimes,
  colors,
}: TooltipContentProps & { runtimes: string[]; colors: Record<string, string> }) {
  const datum = payload?.[0]?.payload as ({ t: number } & Record<string, number>) | undefined;
  if (!active || !datum) return null;
  return (
    <div className="rounded border border-slate-200 bg-white px-2 py-1 text-xs shadow">
      <p className="mb-1 text-slate-500">{formatLocalTime(new Date(datum.t))}</p>
      <ul>
        {[...runtimes]
          .reverse()
          .filter((r) => datum[r])
          .map((r) => (
            <li key={r} className="flex items-center gap-1">
              <span aria-hidden className="inline-block h-2 w-2 rounded-sm" style={{ background: colors[r] }} />
              {formatRuntime(r)}: {datum[r]}
            </li>
          ))}
      </ul>
    </div>
  );
}
