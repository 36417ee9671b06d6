// Logs Insights queries of one account + region: Scheduled, then Running, then Complete on the emulator's clock
// (logsQueryScheduledMs, logsQueryMs), or Cancelled by StopQuery. Results are computed once, as of StartQuery.
import type { EmuDurations } from "../../core/types";
import type { QueryPlan } from "./query-parse";

export type QueryStatus = "Scheduled" | "Running" | "Complete" | "Cancelled";

export interface QueryOutcome {
  results: { field: string; value: string }[][];
  statistics: { recordsMatched: number; recordsScanned: number; bytesScanned: number };
}

export interface LogQuery {
  id: string;
  startedAt: number;
  groups: string[];
  /** Epoch ms, both inclusive (the API's epoch seconds × 1000). */
  startMs: number;
  endMs: number;
  plan: QueryPlan;
  /** StartQuery's `limit` (a `limit` command overrides it). */
  limit?: number;
  cancelledAt?: number;
  outcome?: QueryOutcome;
}

/** CloudWatch Logs Insights' default quota of concurrent queries per account and region. */
export const MAX_CONCURRENT_QUERIES = 30;
/** Finished queries kept per account + region (AWS keeps results 7 days; memory here is bounded). */
const KEPT_QUERIES = 500;

export function statusOf(query: LogQuery, now: number, durations: EmuDurations): QueryStatus {
  if (query.cancelledAt !== undefined) return "Cancelled";
  const age = now - query.startedAt;
  if (age < durations.logsQueryScheduledMs) return "Scheduled";
  return age < durations.logsQueryMs ? "Running" : "Complete";
}

export function activeQueries(queries: readonly LogQuery[], now: number, durations: EmuDurations): number {
  return queries.filter((q) => {
    const status = statusOf(q, now, durations);
    return status === "Scheduled" || status === "Running";
  }).length;
}

export function remember(queries: LogQuery[], query: LogQuery, now: number, durations: EmuDurations): void {
  queries.push(query);
  while (queries.length > KEPT_QUERIES) {
    const oldest = queries.findIndex(
      (q) => statusOf(q, now, durations) !== "Scheduled" && statusOf(q, now, durations) !== "Running",
    );
    if (oldest < 0) break;
    queries.splice(oldest, 1);
  }
}
