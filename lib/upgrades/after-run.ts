import { describeAwsError } from "@/lib/aws/errors";
import { runKey } from "@/lib/upgrades/run-types";
import { db } from "@/lib/db";
import { refreshApplication } from "@/lib/fleet/refresh-application";
import { forgetJobView } from "./job-view";
import { recordEvent } from "./record";
import { rootCauseFromLogsFor } from "./root-cause-store";
import { storeRunMetrics } from "./stored-metrics";
import type { Run } from "./run-types";

const failedOutcomes = new Set(["FAILED", "AUTO_ROLLED_BACK", "ROLLED_BACK", "STUCK"]);

/** When a run ends: name its first fault, keep its metric window, and bring the inventory row up to date. */
export async function afterRunEnded(
  run: Pick<Run, "id" | "account" | "region" | "appName" | "initiatedBy">,
): Promise<void> {
  forgetJobView(run.id);
  await findRootCauseInLogs(run.id).catch((error) =>
    recordEvent(run.id, "error", `could not read the root cause from the logs: ${describeAwsError(error).message}`),
  );
  await storeRunMetrics(run.id).catch((error) =>
    recordEvent(run.id, "error", `could not store the metric window: ${describeAwsError(error).message}`),
  );
  await refreshApplication(runKey(run), run.initiatedBy).catch((error) =>
    recordEvent(run.id, "error", `could not refresh the inventory: ${describeAwsError(error).message}`),
  );
}

async function findRootCauseInLogs(runId: string): Promise<void> {
  const run = await db.upgradeRun.findUnique({ where: { id: runId } });
  if (!run?.outcome || !failedOutcomes.has(run.outcome) || !run.updateCalledAt) return;
  await rootCauseFromLogsFor(run, run.updateCalledAt, run.finishedAt ?? new Date());
}
