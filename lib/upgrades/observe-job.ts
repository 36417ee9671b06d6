import { env } from "@/lib/env";
import { metricCadenceMs } from "@/lib/metrics/cadence";
import { touchesPause, type Evidence, type HealthPolicy } from "./health";
import { readJobFromLogs } from "./job-from-logs";
import { readJobView, type JobView } from "./job-view";
import { jobViewEvidence } from "./job-view-verdict";
import { pausesOf } from "./observation-clock";
import { recordEvent } from "./record";
import { rootCauseOf, type RootCause } from "./root-cause";
import { timings } from "./timing";
import type { Run, RunBaseline } from "./run-types";

/**
 * One poll of the job's own view during observation: its verdict evidence, and the job's first fault since RUNNING
 * (the root cause, should the verdict be UNHEALTHY; a lone restart of a healthy job is nobody's root cause).
 * When the view cannot be had, the run says why once and CloudWatch judges alone.
 */
export async function watchJob(
  run: Run,
  baseline: RunBaseline,
  now: Date,
  policy: HealthPolicy,
): Promise<{ baseline: RunBaseline; unhealthy: boolean; evidence?: Evidence; firstFault?: RootCause }> {
  if (env().JOB_VIEW === "off") return { baseline, unhealthy: false };
  const seen = await readEitherView(run, baseline, now);
  if (!seen.ok) return { baseline: seen.baseline, unhealthy: false };
  const { view, source } = seen;
  const runningAt = run.runningAt!;
  const pauses = pausesOf(baseline, now);
  const marginMs = metricCadenceMs() + timings().pollMs;
  // A restart MSF caused (maintenance, rescaling) is not the upgrade's fault.
  const fresh = view.failures.filter((f) => f.at >= runningAt && !touchesPause(f.at, f.at, pauses, marginMs));
  const { unhealthy, evidence } = jobViewEvidence({
    view,
    source,
    previousState: baseline.jobState,
    runningAt,
    now,
    policy,
    pauses,
    marginMs,
  });
  const firstFault = fresh[0] ? rootCauseOf({ ...fresh[0], source }) : undefined;
  return { baseline: { ...seen.baseline, jobState: view.state }, unhealthy, evidence, firstFault };
}

type EitherView =
  | { ok: true; view: JobView; source: RootCause["source"]; baseline: RunBaseline }
  | { ok: false; baseline: RunBaseline };

/**
 * The Flink dashboard first; when it cannot be had, the job's log (seconds behind the job); when neither, CloudWatch
 * judges alone. Each change of availability is said once in the run's events.
 */
async function readEitherView(run: Run, baseline: RunBaseline, now: Date): Promise<EitherView> {
  const rest = await readJobView(run);
  if (rest.ok) {
    if (baseline.jobView && baseline.jobView !== "ok") await recordEvent(run.id, "state", "job view available again");
    return { ok: true, view: rest.view, source: "job view", baseline: { ...baseline, jobView: "ok" } };
  }
  if (baseline.jobView !== rest.reason)
    await recordEvent(run.id, "state", `job view unavailable: ${rest.reason}; reading the job's log instead`);
  const since = run.updateCalledAt ?? run.runningAt!;
  const logged = await readJobFromLogs(run, since, now);
  const next = { ...baseline, jobView: rest.reason, logs: logged.ok ? "ok" : logged.reason };
  if (logged.ok) return { ok: true, view: logged.value, source: "logs", baseline: next };
  if (baseline.logs !== logged.reason)
    await recordEvent(
      run.id,
      "state",
      `logs unavailable: ${logged.reason}; CloudWatch alone judges health (minutes slower: 1-minute datapoints, 1–3 min late)`,
    );
  return { ok: false, baseline: next };
}
