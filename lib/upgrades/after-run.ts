import { describeAwsError } from "@/lib/aws/errors";
import { db } from "@/lib/db";
import { refreshApplication } from "@/lib/fleet/refresh-application";
import { forgetJobView } from "./job-view";
import { recordEvent } from "./record";
import { rootCauseFromLogsFor } from "./root-cause-store";
import { storeRunMetrics } from "./stored-metrics";
import type { Run } from "./run-types";

const failedOutcomes = new Set(["FAILED", "AUTO_ROLLED_BACK", "ROLLED_BACK", "STUCK"]);

/** When a run ends: name its first fault, keep its metric window, and bring the inventory row up to date. */
export async function afterRunEnded(run: Pick<Run, "id" | "region" | "appName">): Promise<void> {
  forgetJobView(run.id);
  await findRootCauseInLogs(run.id).catch((error) =>
    recordEvent(run.id, "error", `could not read the root cause from the logs: ${describeAwsError(error).message}`),
  );
  await storeRunMetrics(run.id).catch((error) =>
    recordEvent(run.id, "error", `could not store the metric window: ${describeAwsError(error).message}`),
  );
  await refreshApplication(run.region, run.appName).catch((error) =>
    recordEvent(run.id, "error", `could not refresh the inventory: ${describeAwsError(error).message}`),
  );
}

async function findRootCauseInLogs(runId: string): Promise<void> {
  const run = await db.upgradeRun.findUnique({ where: { id: runId } });
  if (!run?.outcome || !failedOutcomes.has(run.outcome) || !run.updateCalledAt) return;
  await rootCauseFromLogsFor(run, run.updateCalledAt, run.finishedAt ?? new Date());
}
