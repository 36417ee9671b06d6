import { db } from "@/lib/db";
import { rootCauseFromLogs } from "./job-from-logs";
import { recordEvent } from "./record";
import type { RootCause } from "./root-cause";
import type { Run } from "./run-types";

/** The first fault is kept once: later ones are usually its consequences. */
export async function storeRootCause(run: Pick<Run, "id">, cause: RootCause): Promise<void> {
  const stored = await db.upgradeRun.updateMany({
    where: { id: run.id, rootCause: null },
    data: { rootCause: JSON.stringify(cause), faultClass: cause.faultClass },
  });
  if (stored.count === 1)
    await recordEvent(run.id, "verdict", `root cause (${cause.source}): ${cause.faultClass}: ${cause.firstLine}`);
}

/**
 * A run found unhealthy, failed or rolled back without a root cause from the job view (a binary-incompatible job
 * crashes while MSF still says UPDATING, where no dashboard URL is given; failing checkpoints restart nothing) gets
 * attempt #0's exception from the logs, or says why it has none.
 */
export async function rootCauseFromLogsFor(
  run: Pick<Run, "id" | "account" | "region" | "appName" | "initiatedBy" | "rootCause">,
  since: Date,
  until: Date,
): Promise<void> {
  if (run.rootCause) return;
  const read = await rootCauseFromLogs(run, since, until);
  if (!read.ok) return recordEvent(run.id, "state", `no root cause from the logs: ${read.reason}`);
  if (!read.value) return recordEvent(run.id, "state", "the logs show no job failure since the update");
  await storeRootCause(run, read.value);
}
