"use client";

import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import type { AppChartData } from "@/lib/metrics/app-series";
import { parseAppRange } from "@/lib/metrics/app-range";
import { formatRuntime } from "@/lib/format";
import type { AppKey } from "@/lib/aws/accounts";
import { appApiPath } from "@/lib/fleet/paths";
import { queryKeys } from "@/lib/query-keys";
import { ChartsError, ChartsSkeleton } from "./chart-states";
import { fetchJson } from "./fetch-json";
import { MetricCharts } from "./lazy-charts";
import { RangePicker } from "./range-picker";

/** The application page's charts over the range in the URL (`?range=3h|24h|7d`, 24 h by default). */
export function AppCharts({ app }: { app: AppKey }) {
  const range = parseAppRange(useSearchParams().get("range"));
  const query = useQuery({
    queryKey: queryKeys.appMetrics(app, range),
    queryFn: () => fetchJson<AppChartData>(`${appApiPath(app, "metrics")}?range=${range}`),
    placeholderData: (previous) => previous,
  });
  const data = query.data;
  return (
    <div data-testid="app-charts" data-range={range}>
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <RangePicker current={range} />
        {query.isFetching && data ? (
          <span className="text-xs text-slate-500" aria-live="polite">
            Updating…
          </span>
        ) : null}
      </div>
      {query.isPending ? (
        <ChartsSkeleton />
      ) : !data ? (
        <ChartsError message={query.error?.message ?? "no data"} onRetry={() => void query.refetch()} />
      ) : (
        <MetricCharts
          series={data.series}
          period={data.period}
          coarserReason={data.coarserReason}
          problems={data.problems}
          range={data.window}
          window={data.upgradeWindow}
          events={data.events}
          extraSignals={data.extraSeries}
          caption={`${formatRuntime(data.runtime)} · live from CloudWatch`}
          canZoom={false}
        />
      )}
    </div>
  );
}
