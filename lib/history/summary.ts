// The manager's view of upgrade history: how many changes, how many failed, how fast we noticed and reverted.
// Pure: the query layer hands over the runs of the filtered view.
import type { HistoryRunFields } from "./rows";

export interface PeriodStats {
  /** upgrade runs started in the period */
  runs: number;
  /** of which were made outside the dashboard (the console, the CLI, Terraform) */
  outside: number;
  /** of which have ended (the rates are over these) */
  finished: number;
  succeeded: number;
  /** ended rolled back (by MSF or by us) or failed */
  failedChanges: number;
  successRate: number | null;
  changeFailureRate: number | null;
  medianDurationMs: number | null;
  /** verdictAt − runningAt, over runs whose verdict became UNHEALTHY */
  medianTimeToDetectMs: number | null;
  detections: number;
  /** rollbackCalledAt − (UNHEALTHY verdictAt, else rollbackRequestedAt), over rollbacks we issued */
  medianTimeToRollbackMs: number | null;
  rollbacks: number;
}

export interface WeekStats extends PeriodStats {
  /** Monday of the week, UTC, as YYYY-MM-DD */
  weekStart: string;
}

export interface HistorySummary {
  overall: PeriodStats;
  /** oldest first, empty weeks included, at most `maxWeeks` (the most recent) */
  weeks: WeekStats[];
  /** stand-alone rollback runs are not changes, so they are left out of the summary */
  standaloneRollbacks: number;
}

const failedOutcomes = new Set(["ROLLED_BACK", "AUTO_ROLLED_BACK", "FAILED"]);
const dayMs = 86_400_000;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Monday 00:00 UTC of the week `at` falls in. */
export function weekStartOf(at: Date): Date {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * dayMs);
}

export function timeToDetectMs(run: Pick<HistoryRunFields, "verdict" | "runningAt" | "verdictAt">): number | null {
  if (run.verdict !== "UNHEALTHY" || !run.runningAt || !run.verdictAt) return null;
  return Math.max(0, run.verdictAt.getTime() - run.runningAt.getTime());
}

/**
 * From the moment we knew (the UNHEALTHY verdict, or the engineer's request) to our RollbackApplication call.
 * MSF's own rollbacks are left out: we record when we saw them, not when MSF decided.
 */
export function timeToRollbackMs(
  run: Pick<HistoryRunFields, "verdict" | "verdictAt" | "rollbackRequestedAt" | "rollbackCalledAt" | "rolledBackBy">,
): number | null {
  if (!run.rollbackCalledAt || run.rolledBackBy === "MSF") return null;
  const start =
    run.verdict === "UNHEALTHY" && run.verdictAt ? run.verdictAt : (run.rollbackRequestedAt ?? run.verdictAt);
  if (!start) return null;
  return Math.max(0, run.rollbackCalledAt.getTime() - start.getTime());
}

const unchangedOutcomes = new Set(["CANCELLED", "REJECTED", "EXPIRED", "VOIDED"]);

export function periodStats(runs: readonly HistoryRunFields[]): PeriodStats {
  // A cancelled run, or a request never approved, changed nothing, so it is not a change to rate.
  const finished = runs.filter((r) => r.state === "DONE" && r.outcome !== null && !unchangedOutcomes.has(r.outcome));
  const succeeded = finished.filter((r) => r.outcome === "SUCCEEDED").length;
  const failedChanges = finished.filter((r) => failedOutcomes.has(r.outcome!)).length;
  const durations = finished.flatMap((r) => (r.finishedAt ? [r.finishedAt.getTime() - r.createdAt.getTime()] : []));
  const detect = runs.flatMap((r) => {
    const v = timeToDetectMs(r);
    return v === null ? [] : [v];
  });
  const rollback = runs.flatMap((r) => {
    const v = timeToRollbackMs(r);
    return v === null ? [] : [v];
  });
  return {
    runs: runs.length,
    outside: runs.filter((r) => r.kind === "OUTSIDE").length,
    finished: finished.length,
    succeeded,
    failedChanges,
    successRate: finished.length ? succeeded / finished.length : null,
    changeFailureRate: finished.length ? failedChanges / finished.length : null,
    medianDurationMs: median(durations),
    medianTimeToDetectMs: median(detect),
    detections: detect.length,
    medianTimeToRollbackMs: median(rollback),
    rollbacks: rollback.length,
  };
}

/** Overall and per-week (by start, UTC weeks from Monday) statistics of the upgrade runs among `runs`. */
export function summarizeRuns(runs: readonly HistoryRunFields[], maxWeeks = 26): HistorySummary {
  const upgrades = runs.filter((r) => r.kind !== "ROLLBACK");
  const byWeek = new Map<number, HistoryRunFields[]>();
  for (const run of upgrades) {
    const key = weekStartOf(run.createdAt).getTime();
    byWeek.set(key, [...(byWeek.get(key) ?? []), run]);
  }
  const weeks: WeekStats[] = [];
  if (byWeek.size > 0) {
    const last = Math.max(...byWeek.keys());
    const first = Math.max(Math.min(...byWeek.keys()), last - (maxWeeks - 1) * 7 * dayMs);
    for (let week = first; week <= last; week += 7 * dayMs) {
      weeks.push({ weekStart: new Date(week).toISOString().slice(0, 10), ...periodStats(byWeek.get(week) ?? []) });
    }
  }
  return { overall: periodStats(upgrades), weeks, standaloneRollbacks: runs.length - upgrades.length };
}
