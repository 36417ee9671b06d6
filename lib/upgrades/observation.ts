import { db } from "@/lib/db";
import { fetchStitched } from "@/lib/metrics/fetch-stitched";
import type { RuntimeSegment } from "@/lib/metrics/stitch";
import { baselineFrom, evaluateHealth, HEALTH_SIGNALS, isFinal, samplesFromSeries } from "./health";
import { metricCallRecorder, recordEvent } from "./record";
import { baselineOf, optionsOf, type Run, type StepResult } from "./run-types";

const hourMs = 3600_000;

/** The runtimes the application ran during a run, for stitching fullRestarts → numRestarts and the like. */
export function runtimeSegments(
  run: Pick<Run, "fromRuntime" | "toRuntime" | "updateCalledAt" | "outcome" | "finishedAt" | "rollbackCalledAt">,
): RuntimeSegment[] {
  const segments: RuntimeSegment[] = [{ from: new Date(0), runtime: run.fromRuntime }];
  if (run.updateCalledAt && run.toRuntime !== run.fromRuntime)
    segments.push({ from: run.updateCalledAt, runtime: run.toRuntime });
  const rolledBack = run.outcome === "ROLLED_BACK" || run.outcome === "AUTO_ROLLED_BACK";
  if (rolledBack && run.finishedAt)
    segments.push({ from: run.rollbackCalledAt ?? run.finishedAt, runtime: run.fromRuntime });
  return segments;
}

/** Median lastCheckpointDuration of the hour before the update (the same application's own baseline). */
export async function measureBaseline(run: Run, updateAt: Date): Promise<number | null> {
  const window = { start: new Date(updateAt.getTime() - hourMs), end: updateAt };
  const { series } = await fetchStitched(
    run.region,
    {
      application: run.appName,
      window,
      segments: [{ from: window.start, runtime: run.fromRuntime }],
      signals: ["checkpointDuration"],
    },
    metricCallRecorder(run, "pre-upgrade baseline"),
  );
  return baselineFrom(samplesFromSeries(series).checkpointDuration, updateAt).checkpointDurationMs;
}

/**
 * Runbook steps 6–7, automated: the new job is RUNNING, but only the metrics say whether it is healthy.
 * UNHEALTHY is acted on as soon as it is seen; HEALTHY and DEGRADED only after the observation window.
 */
export async function observeHealth(run: Run): Promise<StepResult> {
  const options = optionsOf(run);
  const now = new Date();
  const observedFrom = run.runningAt!;
  const window = {
    start: new Date(Math.min(observedFrom.getTime(), run.updateCalledAt?.getTime() ?? observedFrom.getTime())),
    end: now,
  };
  const { series } = await fetchStitched(
    run.region,
    {
      application: run.appName,
      window,
      segments: [{ from: window.start, runtime: run.toRuntime }],
      signals: HEALTH_SIGNALS,
    },
    metricCallRecorder(run, "health check"),
  );
  const result = evaluateHealth({
    runtime: run.toRuntime,
    observedFrom,
    now,
    samples: samplesFromSeries(series),
    baseline: { checkpointDurationMs: baselineOf(run).checkpointDurationMs ?? null },
    policy: options.policy,
  });
  const changed = result.verdict !== run.verdict;
  await db.upgradeRun.update({
    where: { id: run.id },
    data: { verdict: result.verdict, verdictDetail: JSON.stringify(result), ...(changed ? { verdictAt: now } : {}) },
  });
  // No data yet right after RUNNING is expected, not news: only conclusive verdicts become events.
  if (changed && result.verdict !== "INCONCLUSIVE")
    await recordEvent(
      run.id,
      "verdict",
      `${result.verdict}: ${
        result.reasons
          .filter((r) => r.severity !== "ok")
          .map((r) => r.observation)
          .join("; ") || "all signals normal"
      }`,
    );

  if (result.verdict === "UNHEALTHY") {
    const reason = `UNHEALTHY: ${result.reasons
      .filter((r) => r.severity === "unhealthy")
      .map((r) => r.observation)
      .join("; ")}`;
    if (options.autoRollback)
      return {
        kind: "next",
        step: "rollback",
        patch: { rolledBackBy: "auto", rollbackReason: reason, rollbackRequestedAt: now, verdictAt: now },
        note: "unhealthy after the upgrade; rolling back automatically",
      };
    if (run.state !== "NEEDS_DECISION")
      return {
        kind: "decide",
        patch: { verdictAt: now },
        note: "unhealthy after the upgrade; the policy asks the engineer whether to roll back",
      };
    return { kind: "wait" };
  }
  if (isFinal(result, options.policy, now.getTime() - observedFrom.getTime())) {
    return {
      kind: "finish",
      outcome: "SUCCEEDED",
      patch: { verdictAt: now },
      note: `${result.verdict} after ${Math.round((now.getTime() - observedFrom.getTime()) / 1000)} s of observation`,
    };
  }
  return { kind: "wait", note: `observing: ${result.verdict}` };
}
