"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import type { RunChartData } from "@/lib/metrics/chart-types";
import { unpackRunChartData, type PackedRunChartData } from "@/lib/metrics/packed-chart-data";
import type { RunView } from "@/lib/upgrades/queries";
import { queryKeys } from "@/lib/query-keys";
import { ChartsError, ChartsSkeleton } from "./chart-states";
import { fetchJson } from "./fetch-json";
import { MetricCharts } from "./lazy-charts";

/** The metrics route sends points packed, as the page does. */
async function fetchRunChartData(url: string): Promise<RunChartData> {
  return unpackRunChartData(await fetchJson<PackedRunChartData>(url));
}

/**
 * Restarts, running time, failed checkpoints and checkpoint duration around a run's upgrade window. Polls while
 * the run is live; once it is DONE the route answers from the window stored with the run. `isLive` is the
 * server's view; the run page's own polled run (same query key) overrides it, so the charts end with the run.
 */
export function RunCharts({
  runId,
  isLive: isLiveInitially,
  refreshMs = 5000,
  stored,
}: {
  runId: string;
  isLive: boolean;
  refreshMs?: number;
  /** The window stored with a finished run, when the server had it: it arrives with the page, packed. */
  stored?: PackedRunChartData | null;
}) {
  const [wantsExtra, setWantsExtra] = useState(false);
  const initialData = useMemo(() => (stored ? unpackRunChartData(stored) : undefined), [stored]);
  const run = useQuery({
    queryKey: queryKeys.upgradeRun(runId),
    queryFn: () => fetchJson<Pick<RunView, "state">>(`/api/upgrades/${encodeURIComponent(runId)}`),
    enabled: false,
  });
  const isLive = run.data ? run.data.state !== "DONE" : isLiveInitially;
  const url = `/api/upgrades/${encodeURIComponent(runId)}/metrics`;
  const main = useQuery({
    queryKey: queryKeys.runMetrics(runId, { extra: false, isLive }),
    queryFn: () => fetchRunChartData(url),
    initialData,
    // The window stored with a finished run is final: it is not read again when the page loads.
    staleTime: isLive ? 0 : Infinity,
    refetchInterval: isLive ? refreshMs : false,
  });
  const extra = useQuery({
    queryKey: queryKeys.runMetrics(runId, { extra: true, isLive }),
    queryFn: () => fetchRunChartData(`${url}?extra=1`),
    enabled: wantsExtra,
    refetchInterval: isLive && wantsExtra ? refreshMs : false,
  });
  // The extra query carries the main series too; prefer it once it has arrived (fresher while live).
  const data = (wantsExtra && extra.data) || main.data;

  if (main.isPending) return <ChartsSkeleton />;
  if (!data) return <ChartsError message={main.error?.message ?? "no data"} onRetry={() => void main.refetch()} />;
  const caption =
    data.source === "stored"
      ? "Stored with the run"
      : isLive
        ? `Live from CloudWatch, refreshed every ${Math.round(refreshMs / 1000)} s`
        : "Read live from CloudWatch";

  return (
    <div data-testid="run-charts" data-source={data.source}>
      {main.error ? <ChartsError message={`showing the last answer; ${main.error.message}`} /> : null}
      <MetricCharts
        series={data.series}
        period={data.period}
        coarserReason={data.coarserReason}
        problems={data.problems}
        range={data.range}
        window={data.window}
        baseline={data.baseline}
        events={data.events}
        caption={caption}
        extraSignals={extra.data?.extraSeries ?? null}
        onShowExtra={() => setWantsExtra(true)}
        isLoadingExtra={extra.isFetching}
      />
      {extra.error ? <ChartsError message={extra.error.message} onRetry={() => void extra.refetch()} /> : null}
    </div>
  );
}

/** RunCharts in the run page's panel style, for the page's `charts` slot. */
export function RunChartsPanel(props: Parameters<typeof RunCharts>[0]) {
  return (
    <section className="rounded border border-slate-200 bg-white p-4" aria-labelledby="run-charts-heading">
      <h2 id="run-charts-heading" className="mb-3 text-base font-semibold">
        Metrics around the upgrade
      </h2>
      <RunCharts {...props} />
    </section>
  );
}
