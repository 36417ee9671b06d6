"use client";

import Link from "@/components/ui/link";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { niceAxis } from "@/lib/metrics/chart-format";
import { ChartsError, ChartsSkeleton } from "@/components/charts/chart-states";
import { WhenVisible } from "@/components/lazy/when-visible";
import { gridAt, plainTick } from "@/components/charts/axis-ticks";
import { fetchJson } from "@/components/charts/fetch-json";
import { TargetStateBadge } from "./badges";
import { toMultiples, type CampaignMetrics, type Multiple } from "./metric-multiples-data";
import { campaignKeys } from "./query-keys";

const colors = { restarts: "var(--chart-line)", failedCheckpoints: "#ea580c" };
const failed = new Set(["FAILED", "LATE_FAILED"]);

/**
 * Restarts and failed checkpoints of the applications upgraded so far, one small chart each, grouped by wave, on
 * shared axes. Fetched again when another application finishes (`finished` is part of the key), not on a timer.
 */
export function MetricMultiples({ campaignId, finished }: { campaignId: string; finished: number }) {
  const query = useQuery({
    queryKey: [...campaignKeys.campaignMetrics(campaignId), finished],
    queryFn: () => fetchJson<CampaignMetrics>(`/api/campaigns/${encodeURIComponent(campaignId)}/metrics`),
    enabled: finished > 0,
    placeholderData: (previous) => previous,
  });
  const multiples = useMemo(() => (query.data ? toMultiples(query.data.apps) : null), [query.data]);

  if (finished === 0)
    return (
      <p
        className="rounded border border-dashed border-slate-300 p-4 text-sm text-slate-600"
        data-testid="multiples-empty"
      >
        No application has finished its upgrade yet: its restarts and failed checkpoints appear here when it does.
      </p>
    );
  if (!multiples) {
    if (query.error) return <ChartsError message={query.error.message} onRetry={() => void query.refetch()} />;
    return <ChartsSkeleton count={2} />;
  }
  const waves = [...new Set(multiples.charts.map((c) => c.app.stage))].sort((a, b) => a - b);
  const y = niceAxis(multiples.yMax, true, 2);
  return (
    <div className="space-y-3" data-testid="metric-multiples">
      {query.error ? <ChartsError message={`showing the last answer; ${query.error.message}`} /> : null}
      <p className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-600">
        <span>
          {multiples.charts.length >= finished
            ? `All ${multiples.charts.length} finished applications`
            : `The ${multiples.charts.length} most recently finished applications`}
          , counted from the start of each run&apos;s stored window; x: minutes from the update call (dotted line), y:
          count (same axes on every chart).
        </span>
        <Key color={colors.restarts} label="restarts" />
        <Key color={colors.failedCheckpoints} label="failed checkpoints" dashed />
      </p>
      {waves.map((wave) => {
        const charts = multiples.charts.filter((c) => c.app.stage === wave);
        return (
          <section key={wave} aria-label={`Wave ${wave + 1} metrics`}>
            <h3 className="mb-1 text-sm font-semibold">
              Wave {wave + 1} · {charts[0]?.app.stageName}
              <span className="ml-2 font-normal text-slate-600">
                {charts.filter((c) => failed.has(c.app.state)).length} of {charts.length} failed
              </span>
            </h3>
            <div className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-4 xl:grid-cols-6">
              {charts.map((chart) => (
                <SmallChart key={chart.app.runId} chart={chart} xDomain={multiples.xDomain} y={y} />
              ))}
            </div>
          </section>
        );
      })}
    </div>
  );
}

function Key({ color, label, dashed }: { color: string; label: string; dashed?: boolean }) {
  return (
    <span className="inline-flex items-center gap-1">
      <span
        aria-hidden
        className={`inline-block w-4 border-t-2 ${dashed ? "border-dashed" : ""}`}
        style={{ borderColor: color }}
      />
      {label}
    </span>
  );
}

function SmallChart({
  chart,
  xDomain,
  y,
}: {
  chart: Multiple;
  xDomain: [number, number];
  y: { max: number; ticks: number[] };
}) {
  const { app, data } = chart;
  const isFailed = failed.has(app.state);
  const last = data.at(-1);
  const summary = `${app.appName}: ${last?.restarts ?? 0} restarts and ${last?.failedCheckpoints ?? 0} failed checkpoints in its window`;
  return (
    <figure
      className={`rounded border p-2 ${isFailed ? "border-red-400 bg-red-50/60" : "border-slate-200 bg-white"}`}
      data-testid="metric-multiple"
      data-app={app.appName}
      data-state={app.state}
    >
      <figcaption className="mb-1">
        <Link
          href={`/upgrades/${app.runId}`}
          className="block truncate text-xs font-semibold text-sky-800 hover:underline"
          title={`${app.region}/${app.appName}`}
        >
          {app.appName}
        </Link>
        <span className="flex items-center justify-between gap-1 text-[10px] text-slate-500">
          {app.region}
          <TargetStateBadge state={app.state} />
        </span>
      </figcaption>
      {chart.hasData ? (
        <div className="h-[90px]" role="img" aria-label={summary}>
          {/* A campaign has dozens of these: each draws when it comes into view. */}
          <WhenVisible className="h-full" fallback={null}>
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: 0 }}>
                <CartesianGrid
                  stroke="var(--chart-grid)"
                  strokeDasharray="3 3"
                  vertical={false}
                  horizontalCoordinatesGenerator={
                    gridAt({ ticks: [], domain: xDomain }, y).horizontalCoordinatesGenerator
                  }
                />
                <XAxis
                  dataKey="x"
                  type="number"
                  domain={xDomain}
                  allowDataOverflow
                  tickCount={3}
                  interval={0}
                  tick={plainTick({
                    anchor: "middle",
                    fontSize: 9,
                    fill: "var(--chart-label)",
                    format: (x) => `${x > 0 ? "+" : ""}${Math.round(x)}`,
                  })}
                  height={14}
                />
                <YAxis
                  domain={[0, y.max]}
                  ticks={y.ticks}
                  width={24}
                  allowDecimals={false}
                  interval={0}
                  tick={plainTick({ anchor: "end", fontSize: 9, fill: "var(--chart-label)", format: String })}
                />
                <ReferenceLine x={0} stroke="#94a3b8" strokeDasharray="2 2" />
                <Line
                  dataKey="restarts"
                  stroke={colors.restarts}
                  strokeWidth={1.5}
                  dot={false}
                  connectNulls
                  isAnimationActive={false}
                />
                <Line
                  dataKey="failedCheckpoints"
                  stroke={colors.failedCheckpoints}
                  strokeWidth={1.5}
                  strokeDasharray="4 2"
                  dot={false}
                  connectNulls
                  isAnimationActive={false}
                />
              </LineChart>
            </ResponsiveContainer>
          </WhenVisible>
        </div>
      ) : (
        <p className="flex h-[90px] items-center justify-center text-center text-xs text-slate-500">
          {app.problems[0]?.message ?? "No datapoints stored for this run"}
        </p>
      )}
    </figure>
  );
}
