import { db } from "@/lib/db";
import { env } from "@/lib/env";

const dayMs = 24 * 60 * 60 * 1000;
const pruneEveryMs = 60 * 60 * 1000;

export interface PruneResult {
  events: number;
  syncs: number;
}

/**
 * Deletes what is older than the retention period: the events of runs that ended before it (the runs themselves
 * stay in the history), and inventory syncs started before it — never the newest sync, nor one an application
 * row still points at.
 */
export async function pruneOldData(now: Date, retentionDays: number): Promise<PruneResult> {
  const cutoff = new Date(now.getTime() - retentionDays * dayMs);
  const newest = await db.inventorySync.findFirst({ orderBy: { startedAt: "desc" }, select: { id: true } });
  const [events, syncs] = await db.$transaction([
    db.upgradeEvent.deleteMany({ where: { run: { state: "DONE", finishedAt: { lt: cutoff } } } }),
    db.inventorySync.deleteMany({
      where: {
        startedAt: { lt: cutoff },
        status: { notIn: ["QUEUED", "RUNNING"] },
        apps: { none: {} },
        ...(newest ? { id: { not: newest.id } } : {}),
      },
    }),
  ]);
  return { events: events.count, syncs: syncs.count };
}

let lastPruneAt = -Infinity;

/** The worker's sync lane calls this every tick; it prunes at most once an hour per process. */
export async function pruneIfDue(now = new Date()): Promise<PruneResult | null> {
  if (now.getTime() - lastPruneAt < pruneEveryMs) return null;
  lastPruneAt = now.getTime();
  return pruneOldData(now, env().RETENTION_DAYS);
}
