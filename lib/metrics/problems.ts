// What went wrong reading a chart's metrics, per query, in words a person can act on. A refused query is a
// permission problem, never "no data": the chart must say so rather than draw an empty line.
import type { Signal } from "./catalog";
import type { MetricResult } from "./fetch-metric-data";
import type { StitchPlan } from "./stitch";

export type MetricProblemKind = "forbidden" | "failed" | "partial" | "discovery";

export interface MetricProblem {
  kind: MetricProblemKind;
  /** null for problems of the whole fetch (ListMetrics) */
  signal: Signal | null;
  metric: string | null;
  message: string;
}

/** The worst problem of a fetch: "forbidden" (fix IAM), "failed" (CloudWatch error), "partial", else "complete". */
export type FetchStatus = "complete" | "partial" | "failed" | "forbidden";

const severity: Record<MetricProblemKind, number> = { forbidden: 3, failed: 2, partial: 1, discovery: 0 };

function describe(
  kind: Exclude<MetricProblemKind, "discovery">,
  metric: string,
  where: string,
  messages: string[],
): string {
  const detail = messages.length ? ` (${messages.join("; ")})` : "";
  switch (kind) {
    case "forbidden":
      return (
        `CloudWatch refused GetMetricData for ${metric} of ${where}: ` +
        `check cloudwatch:GetMetricData permission / cross-account access${detail}`
      );
    case "failed":
      return `CloudWatch could not read ${metric} of ${where}: ${messages.join("; ") || "InternalError"}`;
    case "partial":
      return `CloudWatch returned only part of ${metric} for ${where}${detail}`;
  }
}

const kindOf = { Forbidden: "forbidden", InternalError: "failed", PartialData: "partial" } as const;

/** One problem per query whose StatusCode was not Complete, tied to the signal it feeds. */
export function queryProblems(
  region: string,
  plan: Pick<StitchPlan, "queries" | "spans">,
  results: ReadonlyMap<string, MetricResult>,
): MetricProblem[] {
  return plan.queries.flatMap((query) => {
    const result = results.get(query.id);
    if (!result || result.status === "Complete") return [];
    const kind = kindOf[result.status];
    const signal = plan.spans.find((span) => span.queryIds.includes(query.id))?.signal ?? null;
    const where = `${query.application} in ${region}`;
    return [{ kind, signal, metric: query.metric, message: describe(kind, query.metric, where, result.messages) }];
  });
}

export function fetchStatus(problems: readonly MetricProblem[]): FetchStatus {
  const worst = Math.max(0, ...problems.map((p) => severity[p.kind]));
  return worst === 3 ? "forbidden" : worst === 2 ? "failed" : worst === 1 ? "partial" : "complete";
}

/** The most serious problem of each signal (a refusal outranks a failure outranks partial data). */
export function worstProblemBySignal(problems: readonly MetricProblem[]): Map<Signal, MetricProblem> {
  const worst = new Map<Signal, MetricProblem>();
  for (const problem of problems) {
    if (!problem.signal) continue;
    const current = worst.get(problem.signal);
    if (!current || severity[problem.kind] > severity[current.kind]) worst.set(problem.signal, problem);
  }
  return worst;
}
