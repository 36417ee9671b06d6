import type { AwsScope } from "@/lib/aws/accounts";
import { discoverDimensions, rediscoverUnlisted } from "./dimensions";
import { fetchMetricData } from "./fetch-metric-data";
import { fetchStatus, queryProblems, type FetchStatus, type MetricProblem } from "./problems";
import { planStitch, stitchSeries, type PlanStitchInput, type StitchedSeries } from "./stitch";

export interface StitchedResult {
  series: StitchedSeries[];
  /** seconds per point, as asked of CloudWatch */
  period: number;
  /** seconds per point the caller asked for (or the window's point budget) */
  requestedPeriod: number;
  /** why `period` is coarser than `requestedPeriod` (cadence or retention), for the chart; null when it is not */
  coarserReason: string | null;
  /** per query: refused (permission), failed (CloudWatch error), partial; and a ListMetrics that could not be read */
  problems: MetricProblem[];
  status: FetchStatus;
}

/**
 * Every series of one chart (or one health check) from a single GetMetricData call, stitched across runtimes,
 * with each metric queried under the dimensions ListMetrics lists for it.
 */
export async function fetchStitched(
  scope: AwsScope,
  input: PlanStitchInput,
  onCall?: Parameters<typeof fetchMetricData>[4],
): Promise<StitchedResult> {
  const discovery = await discoverDimensions(scope, input.application);
  const plan = planStitch(input, { dimensionSets: discovery.sets });
  const results = await fetchMetricData(scope, plan.queries, input.window.start, input.window.end, onCall);
  const empty = plan.queries.filter((q) => {
    const result = results.get(q.id);
    return result?.status === "Complete" && result.timestamps.length === 0;
  });
  rediscoverUnlisted(
    scope,
    input.application,
    empty.map((q) => q.metric),
  );
  const problems: MetricProblem[] = [
    ...(discovery.problem
      ? [{ kind: "discovery" as const, signal: null, metric: null, message: discovery.problem }]
      : []),
    ...queryProblems(scope.region, plan, results),
  ];
  return {
    series: stitchSeries(plan, results),
    period: plan.period,
    requestedPeriod: plan.requestedPeriod,
    coarserReason: plan.coarserReason,
    problems,
    status: fetchStatus(problems),
  };
}
