import { db } from "@/lib/db";
import { fetchStitched } from "@/lib/metrics/fetch-stitched";
import type { RuntimeSegment } from "@/lib/metrics/stitch";
import { formatRuntime } from "@/lib/format";
import { metricCadenceMs } from "@/lib/metrics/cadence";
import {
  baselineFrom,
  evaluateHealth,
  HEALTH_SIGNALS,
  samplesFromSeries,
  type Evidence,
  type HealthPolicy,
  type HealthResult,
} from "./health";
import { watchJob } from "./observe-job";
import { rootCauseFromLogsFor, storeRootCause } from "./root-cause-store";
import { describeApp, settingsOf } from "./msf-reads";
import { jobDataTimes, observationClock, pausesOf, type ObservationClock } from "./observation-clock";
import { timings } from "./timing";
import { metricCallRecorder, recordEvent } from "./record";
import { baselineOf, optionsOf, runScope, type Run, type RunBaseline, type StepResult } from "./run-types";

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
    runScope(run),
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

const pauseStatuses = new Set(["MAINTENANCE", "AUTOSCALING"]);

/**
 * Runbook steps 6–7, automated: the new job is RUNNING, but only the metrics say whether it is healthy.
 * UNHEALTHY is acted on as soon as it is seen. SUCCEEDED needs a HEALTHY verdict from datapoints that cover the
 * whole window (or a DEGRADED one a person accepts); otherwise the window is extended once, then a person decides.
 */
export async function observeHealth(run: Run): Promise<StepResult> {
  const now = new Date();
  const status = await followStatus(run, now);
  if (status.result) return status.result;
  const options = optionsOf(run);
  const runningAt = run.runningAt!;
  const job = await watchJob(run, status.baseline, now, options.policy);
  const baseline = job.baseline;
  const judged = job.unhealthy
    ? judgedByJobView(job.evidence!, baseline, runningAt, now, options.policy)
    : await judgedByCloudWatch(run, baseline, now, options.policy);
  if ("step" in judged) return judged.step;
  const { result, clock, dataTimes } = judged;
  if (job.evidence && !job.unhealthy) result.reasons.push(job.evidence);
  const withFirstData: RunBaseline = { ...baseline, firstDataAt: clock.firstDataAt?.toISOString() };
  await storeVerdict(run, result, now, withFirstData, clock);

  if (result.verdict === "UNHEALTHY") {
    if (job.firstFault) await storeRootCause(run, job.firstFault);
    else await rootCauseFromLogsFor(run, run.updateCalledAt ?? runningAt, now);
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
        patch: { verdictAt: now, baseline: JSON.stringify({ ...withFirstData, decisionReason: reason }) },
        note: `${reason}: the policy asks the engineer whether to roll back`,
      };
    return { kind: "wait", note: "unhealthy; waiting for the engineer's decision" };
  }
  // Waiting for a person is final until they decide: the verdict may change, the run does not end by itself.
  if (run.state === "NEEDS_DECISION") return { kind: "wait", note: "waiting for the engineer's decision" };
  const windowMs = options.policy.observationWindowMs;
  if (result.verdict === "HEALTHY" && clock.coveredMs >= windowMs) {
    return {
      kind: "finish",
      outcome: "SUCCEEDED",
      patch: { verdictAt: now },
      note: `HEALTHY from ${dataTimes.length} datapoints covering ${Math.round(clock.coveredMs / 1000)} s`,
    };
  }
  // DEGRADED is never accepted by the clock: one restart may be the first of a slow loop, so it is watched for a
  // second window, then a person accepts it (or rolls back).
  const degradedSettled = result.verdict === "DEGRADED" && clock.coveredMs >= (baseline.extendedAt ? 2 : 1) * windowMs;
  if (!degradedSettled && now < clock.deadline) return { kind: "wait", note: `observing: ${result.verdict}` };
  const why =
    result.verdict === "DEGRADED"
      ? `DEGRADED: ${result.reasons
          .filter((r) => r.severity === "degraded")
          .map((r) => r.observation)
          .join("; ")}`
      : notProvenReason(result, clock, runningAt, windowMs, dataTimes.length);
  if (!baseline.extendedAt) {
    await saveBaseline(run, { ...withFirstData, extendedAt: now.toISOString() });
    await recordEvent(
      run.id,
      "state",
      `not proven healthy yet (${why}); observing once more for ${Math.round(windowMs / 1000)} s`,
    );
    return { kind: "wait", note: "observation extended once" };
  }
  const note =
    result.verdict === "DEGRADED"
      ? `${why}. Accept it and keep ${formatRuntime(run.toRuntime)}, or roll back.`
      : `not proven healthy: ${why}. Roll back, or keep ${formatRuntime(run.toRuntime)} without proof.`;
  return {
    kind: "decide",
    patch: { verdictAt: now, baseline: JSON.stringify({ ...withFirstData, decisionReason: note }) },
    note,
  };
}

type Judged = { result: HealthResult; clock: ObservationClock; dataTimes: Date[] } | { step: StepResult };

/** A loop the job itself shows (its REST view or its log) needs no CloudWatch confirmation to act on: UNHEALTHY now. */
function judgedByJobView(
  evidence: Evidence,
  baseline: RunBaseline,
  runningAt: Date,
  now: Date,
  policy: HealthPolicy,
): Judged {
  const clock = observationClock({
    runningAt,
    now,
    dataTimes: [],
    baseline,
    policy,
    cadenceMs: metricCadenceMs(),
    graceMs: timings().metricGraceMs,
  });
  return {
    result: {
      verdict: "UNHEALTHY",
      reasons: [evidence],
      checkedAt: now,
      decidedBy: evidence.signal === "logs" ? "logs" : "job view",
    },
    clock,
    dataTimes: [],
  };
}

async function judgedByCloudWatch(run: Run, baseline: RunBaseline, now: Date, policy: HealthPolicy): Promise<Judged> {
  const runningAt = run.runningAt!;
  const window = {
    start: new Date(Math.min(runningAt.getTime(), run.updateCalledAt?.getTime() ?? runningAt.getTime())),
    end: now,
  };
  const {
    series,
    status: readStatus,
    problems,
  } = await fetchStitched(
    runScope(run),
    {
      application: run.appName,
      window,
      segments: [{ from: window.start, runtime: run.toRuntime }],
      signals: HEALTH_SIGNALS,
    },
    metricCallRecorder(run, "health check"),
  );
  if (readStatus === "forbidden") {
    const note = `cannot judge health: ${problems.find((p) => p.kind === "forbidden")?.message ?? "CloudWatch refused GetMetricData"}. Fix the permission, or decide yourself.`;
    if (run.state === "NEEDS_DECISION") return { step: { kind: "wait", note: "CloudWatch refuses the metrics" } };
    return {
      step: { kind: "decide", patch: { baseline: JSON.stringify({ ...baseline, decisionReason: note }) }, note },
    };
  }
  // CloudWatch's InternalError on a query is its 5xx: nothing was learned, read again after a backoff.
  if (readStatus === "failed") return { step: { kind: "retry", reason: "CloudWatch InternalError" } };
  const samples = samplesFromSeries(series);
  const cadenceMs = metricCadenceMs();
  const result: HealthResult = {
    ...evaluateHealth({
      runtime: run.toRuntime,
      observedFrom: runningAt,
      now,
      samples,
      baseline: { checkpointDurationMs: baseline.checkpointDurationMs ?? null },
      policy,
      pauses: pausesOf(baseline, now),
      cadenceMs: cadenceMs + timings().pollMs,
    }),
    decidedBy: "CloudWatch",
  };
  const dataTimes = jobDataTimes(samples, runningAt);
  const clock = observationClock({
    runningAt,
    now,
    dataTimes,
    baseline,
    policy,
    cadenceMs,
    graceMs: timings().metricGraceMs,
  });
  return { result, clock, dataTimes };
}

/** MAINTENANCE and AUTOSCALING stop the observation clock (shown as events); any other status is not ours to judge. */
async function followStatus(run: Run, now: Date): Promise<{ baseline: RunBaseline; result?: StepResult }> {
  const baseline = baselineOf(run);
  const app = settingsOf(await describeApp(run));
  const pauses = baseline.pauses ?? [];
  const open = pauses.find((p) => !p.to);
  if (pauseStatuses.has(app.status)) {
    if (!open) {
      const next = { ...baseline, pauses: [...pauses, { status: app.status, from: now.toISOString() }] };
      await saveBaseline(run, next);
      await recordEvent(
        run.id,
        "state",
        `${app.status}: MSF is ${app.status === "MAINTENANCE" ? "maintaining" : "rescaling"} the application; the observation clock stops and restarts now are not counted`,
      );
      return { baseline: next, result: { kind: "wait", note: `${app.status}: observation paused` } };
    }
    return { baseline, result: { kind: "wait", note: `${app.status}: observation paused` } };
  }
  if (open) {
    open.to = now.toISOString();
    await saveBaseline(run, baseline);
    await recordEvent(
      run.id,
      "state",
      `${app.status} again after ${open.status} (${Math.round((now.getTime() - Date.parse(open.from)) / 1000)} s): the observation clock runs again`,
    );
  }
  if (app.status !== "RUNNING" || app.runtime !== run.toRuntime) {
    const note = `${run.appName} is ${app.status} on ${app.runtime} during the observation: someone or something else changed it. Check it, then roll back or keep it.`;
    if (run.state === "NEEDS_DECISION") return { baseline, result: { kind: "wait", note } };
    return {
      baseline,
      result: { kind: "decide", patch: { baseline: JSON.stringify({ ...baseline, decisionReason: note }) }, note },
    };
  }
  return { baseline };
}

async function saveBaseline(run: Run, baseline: RunBaseline): Promise<void> {
  await db.upgradeRun.updateMany({
    where: { id: run.id, leaseOwner: run.leaseOwner },
    data: { baseline: JSON.stringify(baseline) },
  });
}

async function storeVerdict(run: Run, result: HealthResult, now: Date, baseline: RunBaseline, clock: ObservationClock) {
  const changed = result.verdict !== run.verdict;
  const paused = clock.pausedMs > 0 ? `; paused ${Math.round(clock.pausedMs / 1000)} s` : "";
  await db.upgradeRun.updateMany({
    where: { id: run.id, leaseOwner: run.leaseOwner },
    data: {
      verdict: result.verdict,
      verdictDetail: JSON.stringify({ ...result, coveredMs: clock.coveredMs, deadline: clock.deadline, note: paused }),
      baseline: JSON.stringify(baseline),
      ...(changed ? { verdictAt: now } : {}),
    },
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
}

function notProvenReason(
  result: HealthResult,
  clock: ObservationClock,
  runningAt: Date,
  windowMs: number,
  points: number,
): string {
  const at = (d: Date) => `${d.toISOString().slice(11, 19)} UTC`;
  if (!clock.lastDataAt) return `no metrics since ${at(runningAt)} (RUNNING)`;
  if (result.verdict === "INCONCLUSIVE" && points === 0) return `no metrics since ${at(clock.lastDataAt)}`;
  return `${points} datapoints cover ${Math.round(clock.coveredMs / 1000)} s of the ${Math.round(windowMs / 1000)} s window; the last one is from ${at(clock.lastDataAt)}`;
}
