import { describeAwsError } from "@/lib/aws/errors";
import { refreshApplication } from "@/lib/fleet/refresh-application";
import { forgetJobView } from "./job-view";
import { recordEvent } from "./record";
import { storeRunMetrics } from "./stored-metrics";
import type { Run } from "./run-types";

/** When a run ends: keep its metric window, and bring the application's inventory row up to date. */
export async function afterRunEnded(run: Pick<Run, "id" | "region" | "appName">): Promise<void> {
  forgetJobView(run.id);
  await storeRunMetrics(run.id).catch((error) =>
    recordEvent(run.id, "error", `could not store the metric window: ${describeAwsError(error).message}`),
  );
  await refreshApplication(run.region, run.appName).catch((error) =>
    recordEvent(run.id, "error", `could not refresh the inventory: ${describeAwsError(error).message}`),
  );
}
