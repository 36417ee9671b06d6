import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { metricCadenceMs } from "@/lib/metrics/cadence";
import { touchesPause, type Evidence, type HealthPolicy } from "./health";
import { readJobView } from "./job-view";
import { jobViewEvidence } from "./job-view-verdict";
import { pausesOf } from "./observation-clock";
import { recordEvent } from "./record";
import { rootCauseOf, type RootCause } from "./root-cause";
import { timings } from "./timing";
import type { Run, RunBaseline } from "./run-types";

/**
 * One poll of the job's own view during observation: its verdict evidence, and the first fault as the root cause.
 * When the view cannot be had, the run says why once and CloudWatch judges alone.
 */
export async function watchJob(
  run: Run,
  baseline: RunBaseline,
  now: Date,
  policy: HealthPolicy,
): Promise<{ baseline: RunBaseline; unhealthy: boolean; evidence?: Evidence }> {
  if (env().JOB_VIEW === "off") return { baseline, unhealthy: false };
  const read = await readJobView(run);
  if (!read.ok) {
    if (baseline.jobView !== read.reason)
      await recordEvent(
        run.id,
        "state",
        `job view unavailable: ${read.reason}; CloudWatch alone judges health (minutes slower: 1-minute datapoints, 1–3 min late)`,
      );
    return { baseline: { ...baseline, jobView: read.reason }, unhealthy: false };
  }
  if (baseline.jobView && baseline.jobView !== "ok") await recordEvent(run.id, "state", "job view available again");
  const runningAt = run.runningAt!;
  const pauses = pausesOf(baseline, now);
  const marginMs = metricCadenceMs() + timings().pollMs;
  // A restart MSF caused (maintenance, rescaling) is not the upgrade's fault.
  const fresh = read.view.failures.filter((f) => f.at >= runningAt && !touchesPause(f.at, f.at, pauses, marginMs));
  if (fresh[0]) await storeRootCause(run, rootCauseOf({ ...fresh[0], source: "job view" }));
  const { unhealthy, evidence } = jobViewEvidence({
    view: read.view,
    previousState: baseline.jobState,
    runningAt,
    now,
    policy,
    pauses,
    marginMs,
  });
  return { baseline: { ...baseline, jobView: "ok", jobState: read.view.state }, unhealthy, evidence };
}

/** The first fault is kept once: later ones are usually its consequences. */
export async function storeRootCause(run: Pick<Run, "id">, cause: RootCause): Promise<void> {
  const stored = await db.upgradeRun.updateMany({
    where: { id: run.id, rootCause: null },
    data: { rootCause: JSON.stringify(cause), faultClass: cause.faultClass },
  });
  if (stored.count === 1)
    await recordEvent(run.id, "verdict", `root cause (${cause.source}): ${cause.faultClass}: ${cause.firstLine}`);
}
