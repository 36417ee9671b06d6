import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { requestSync, runQueuedSync } from "@/lib/fleet/sync";
import { pruneIfDue } from "@/lib/retention";
import { advanceDueRuns } from "@/lib/upgrades/advance";
import { sweepApprovals } from "@/lib/approvals/decide";
import { advanceDueCampaigns } from "@/lib/campaigns/engine";
import { scanDueApplications } from "@/lib/fleet/code-scan";

const tickMs = 250;
/** Identifies this process in upgrade leases, so several app instances can share one database. */
export const workerId = `worker-${randomUUID().slice(0, 8)}`;

let started = false;

/**
 * The background loop (started from instrumentation.ts, or alone by scripts/worker.ts). Four lanes that never
 * wait for each other: inventory syncs (long), upgrade runs (each advanced one step per poll), campaigns, and code
 * scans (a few JARs at a time).
 */
export function startWorker(): void {
  if (started) return;
  started = true;
  lane(async () => {
    await scheduleSyncIfDue();
    await pruneIfDue();
    await sweepApprovals();
    await runQueuedSync();
  }, "sync");
  lane(() => advanceDueRuns(workerId), "upgrades");
  lane(() => advanceDueCampaigns(workerId), "campaigns");
  lane(() => scanDueApplications(), "code scans");
}

function lane(work: () => Promise<unknown>, name: string): void {
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      await work();
    } catch (error) {
      console.error(`worker ${name} lane failed`, error);
    } finally {
      busy = false;
    }
  };
  setInterval(() => void tick(), tickMs).unref();
  void tick();
}

async function scheduleSyncIfDue(): Promise<void> {
  const latest = await db.inventorySync.findFirst({ orderBy: { startedAt: "desc" } });
  const dueAt = (latest?.startedAt.getTime() ?? 0) + env().SYNC_INTERVAL_SECONDS * 1000;
  if (Date.now() >= dueAt) await requestSync({ id: "scheduler", source: "system" });
}
