import type { ApplicationSummary } from "@aws-sdk/client-kinesis-analytics-v2";
import { db } from "@/lib/db";
import { readApplication } from "./read-application";
import { fetchLogEvidence } from "@/lib/logs/log-evidence";
import { fetchRecentInstability } from "./recent-instability";
import { saveApplication } from "./save-region";

/**
 * Re-reads one application into the inventory, so the fleet, its risk and the next run see what an upgrade
 * or rollback just changed instead of waiting for the next full sync.
 */
export async function refreshApplication(region: string, name: string): Promise<void> {
  const row = await db.fleetApp.findUnique({ where: { region_name: { region, name } } });
  if (!row) return;
  const summary: ApplicationSummary = { ApplicationName: name, ApplicationARN: row.arn } as ApplicationSummary;
  const read = await readApplication(region, summary);
  if (!read) {
    await db.fleetApp.delete({ where: { region_name: { region, name } } });
    return;
  }
  const instability = await fetchRecentInstability(region, [{ name, runtime: read.detail.RuntimeEnvironment ?? "" }]);
  const logs = await fetchLogEvidence(region, [{ name, detail: read.detail }]);
  await saveApplication(
    row.syncId,
    region,
    { kind: "read", summary, read, instability: instability.get(name) ?? null, logs: logs.get(name) ?? null },
    new Date(),
  );
}
