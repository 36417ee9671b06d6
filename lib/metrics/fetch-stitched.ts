import { fetchMetricData } from "./fetch-metric-data";
import { planStitch, stitchSeries, type PlanStitchInput, type StitchedSeries } from "./stitch";

/** Every series of one chart (or one health check) from a single GetMetricData call, stitched across runtimes. */
export async function fetchStitched(
  region: string,
  input: PlanStitchInput,
  onCall?: Parameters<typeof fetchMetricData>[4],
): Promise<{ series: StitchedSeries[]; period: number }> {
  const plan = planStitch(input);
  const results = await fetchMetricData(region, plan.queries, input.window.start, input.window.end, onCall);
  return { series: stitchSeries(plan, results), period: plan.period };
}
