// The run page's charts: the stored window of a finished run (CloudWatch may have aged it out), else live.
import { db } from "@/lib/db";
import { formatRuntime } from "@/lib/format";
import { runtimeSegments } from "@/lib/upgrades/observation";
import { baselineOf, runScope, type Run } from "@/lib/upgrades/run-types";
import { chartSignals, runPeriod, runWindow } from "@/lib/upgrades/stored-metrics";
import type { Signal } from "./catalog";
import { toChartResult, type ChartEvent, type ChartSeries, type ChartWindow, type RunChartData } from "./chart-types";
import { fetchStitched } from "./fetch-stitched";
import { worstProblemBySignal, type MetricProblem } from "./problems";

export const extraRunSignals: Signal[] = ["checkpointSize", "cpu", "heap"];

type MarkFields = Pick<
  Run,
  | "state"
  | "toRuntime"
  | "updateCalledAt"
  | "runningAt"
  | "verdict"
  | "verdictAt"
  | "rollbackCalledAt"
  | "rolledBackBy"
  | "finishedAt"
  | "outcome"
>;

const iso = (d: Date) => d.toISOString();

/** Snapshot ready, update called, RUNNING, verdict, rollback: what happened when, for the time axis. */
export function runEvents(run: MarkFields, snapshotReadyAt: Date | null): ChartEvent[] {
  const events: ChartEvent[] = [];
  if (snapshotReadyAt) events.push({ at: iso(snapshotReadyAt), label: "snapshot ready" });
  if (run.updateCalledAt)
    events.push({ at: iso(run.updateCalledAt), label: `update → ${formatRuntime(run.toRuntime)}` });
  if (run.runningAt) events.push({ at: iso(run.runningAt), label: "RUNNING" });
  if (run.verdictAt && run.verdict) events.push({ at: iso(run.verdictAt), label: `verdict: ${run.verdict}` });
  if (run.rollbackCalledAt)
    events.push({ at: iso(run.rollbackCalledAt), label: run.rolledBackBy === "MSF" ? "rollback (MSF)" : "rollback" });
  return events.sort((a, b) => a.at.localeCompare(b.at));
}

/**
 * From the update call to the verdict (to the run's end when there was none, e.g. MSF rolled back first). While
 * the run is live a verdict is final only when UNHEALTHY; otherwise the window is still open.
 */
export function runChartWindow(
  run: Pick<Run, "state" | "updateCalledAt" | "verdict" | "verdictAt" | "finishedAt">,
): ChartWindow | null {
  if (!run.updateCalledAt) return null;
  const end =
    run.state === "DONE" ? (run.verdictAt ?? run.finishedAt) : run.verdict === "UNHEALTHY" ? run.verdictAt : null;
  return { from: iso(run.updateCalledAt), to: end ? iso(end) : null };
}

type ChartResult = ReturnType<typeof toChartResult>;

function isProblem(value: unknown): value is MetricProblem {
  const p = value as MetricProblem | null;
  return typeof p?.kind === "string" && typeof p.message === "string";
}

/** The window stored with a DONE run: a fetchStitched result as JSON (older runs stored only series and period). */
function storedSeries(run: Run): ChartResult | null {
  if (run.state !== "DONE" || !run.metrics) return null;
  try {
    const stored = JSON.parse(run.metrics) as Partial<Record<keyof ChartResult, unknown>>;
    if (!Array.isArray(stored.series) || typeof stored.period !== "number") return null;
    const problems = Array.isArray(stored.problems) ? stored.problems.filter(isProblem) : [];
    const problemBySignal = worstProblemBySignal(problems);
    return {
      series: (stored.series as ChartSeries[]).map((s) => {
        const problem = problemBySignal.get(s.signal);
        return { ...s, problem: problem ? { kind: problem.kind, message: problem.message } : null };
      }),
      period: stored.period,
      requestedPeriod: typeof stored.requestedPeriod === "number" ? stored.requestedPeriod : stored.period,
      coarserReason: typeof stored.coarserReason === "string" ? stored.coarserReason : null,
      problems: problems.map((p) => ({ kind: p.kind, message: p.message })),
    };
  } catch {
    return null;
  }
}

async function snapshotReadyAt(run: Run): Promise<Date | null> {
  if (!run.snapshotName) return null;
  const step = await db.upgradeStep.findUnique({ where: { runId_name: { runId: run.id, name: "snapshot" } } });
  return step?.status === "DONE" && step.finishedAt && step.note?.includes("READY") ? step.finishedAt : null;
}

/** The same read as stored-metrics' fetchRunSeries, keeping what it drops: the period's reason and the problems. */
async function liveSeries(run: Run, now: Date): Promise<ChartResult> {
  return toChartResult(
    await fetchStitched(runScope(run), {
      application: run.appName,
      window: runWindow(run, now),
      segments: runtimeSegments(run),
      signals: [...chartSignals],
      period: runPeriod(run, now),
    }),
  );
}

/** Null when the run does not exist. `extra` adds checkpoint size, CPU and heap, read live (one more call). */
export async function runChartData(
  runId: string,
  /** storedOnly: the window stored with a finished run, or null; never a CloudWatch read (for a page render). */
  options: { extra?: boolean; now?: Date; storedOnly?: boolean } = {},
): Promise<RunChartData | null> {
  const run = await db.upgradeRun.findUnique({ where: { id: runId } });
  if (!run) return null;
  const now = options.now ?? new Date();
  const window = runWindow(run, now);
  const stored = storedSeries(run);
  if (options.storedOnly && !stored) return null;
  const main = stored ?? (await liveSeries(run, now));
  const extra = options.extra
    ? toChartResult(
        await fetchStitched(runScope(run), {
          application: run.appName,
          window,
          segments: runtimeSegments(run),
          signals: extraRunSignals,
          period: main.period,
        }),
      )
    : undefined;
  return {
    source: stored ? "stored" : "live",
    period: main.period,
    requestedPeriod: main.requestedPeriod,
    coarserReason: main.coarserReason,
    range: { start: iso(window.start), end: iso(window.end) },
    series: main.series,
    ...(extra ? { extraSeries: extra.series } : {}),
    window: runChartWindow(run),
    baseline: { checkpointDurationMs: baselineOf(run).checkpointDurationMs ?? null },
    events: runEvents(run, await snapshotReadyAt(run)),
    problems: [...main.problems, ...(extra?.problems ?? [])],
  };
}
