import type { ApplicationSummary } from "@aws-sdk/client-kinesis-analytics-v2";
import { db } from "@/lib/db";
import type { AppKey, AwsScope } from "@/lib/aws/accounts";
import { whereApp } from "./queries";
import { readApplication } from "./read-application";
import { fetchLogEvidence } from "@/lib/logs/log-evidence";
import { fetchRecentInstability } from "./recent-instability";
import { saveApplication } from "./save-region";

/**
 * Re-reads one application into the inventory, so the fleet, its risk and the next run see what an upgrade
 * or rollback just changed instead of waiting for the next full sync.
 */
export async function refreshApplication(app: AppKey, actingFor?: string): Promise<void> {
  const { name } = app;
  const scope: AwsScope = { account: app.account, region: app.region, actingFor };
  const row = await db.fleetApp.findUnique({ where: whereApp(app) });
  if (!row) return;
  const summary: ApplicationSummary = { ApplicationName: name, ApplicationARN: row.arn } as ApplicationSummary;
  const read = await readApplication(scope, summary);
  if (!read) {
    await db.fleetApp.delete({ where: whereApp(app) });
    return;
  }
  const instability = await fetchRecentInstability(scope, [{ name, runtime: read.detail.RuntimeEnvironment ?? "" }]);
  const logs = await fetchLogEvidence(scope, [{ name, detail: read.detail }]);
  await saveApplication(
    row.syncId,
    scope,
    { kind: "read", summary, read, instability: instability.get(name) ?? null, logs: logs.get(name) ?? null },
    new Date(),
  );
}
