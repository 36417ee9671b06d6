import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { requestSync, runQueuedSync } from "@/lib/fleet/sync";

const tickMs = 1_000;
let started = false;
let busy = false;

/** The background loop started from instrumentation.ts: queues periodic syncs and runs queued work. */
export function startWorker(): void {
  if (started) return;
  started = true;
  setInterval(() => void tick(), tickMs).unref();
  void tick();
}

async function tick(): Promise<void> {
  if (busy) return;
  busy = true;
  try {
    await scheduleSyncIfDue();
    await runQueuedSync();
  } catch (error) {
    console.error("worker tick failed", error);
  } finally {
    busy = false;
  }
}

async function scheduleSyncIfDue(): Promise<void> {
  const latest = await db.inventorySync.findFirst({ orderBy: { startedAt: "desc" } });
  const dueAt = (latest?.startedAt.getTime() ?? 0) + env().SYNC_INTERVAL_SECONDS * 1000;
  if (Date.now() >= dueAt) await requestSync({ id: "scheduler", source: "system" });
}
