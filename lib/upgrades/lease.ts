import { db } from "@/lib/db";
import { timings } from "./timing";
import type { Run } from "./run-types";

/** The worker (or a command) no longer holds the run: whatever it was about to do must not happen. */
export class LeaseLost extends Error {
  constructor(runId: string) {
    super(`lost the lease on run ${runId}`);
    this.name = "LeaseLost";
  }
}

type Leased = Pick<Run, "id" | "leaseOwner">;

/** Extends the holder's lease, or throws LeaseLost. Called before every AWS call of a step. */
export async function renewLease(run: Leased): Promise<void> {
  if (!run.leaseOwner) return;
  const renewed = await db.upgradeRun.updateMany({
    where: { id: run.id, leaseOwner: run.leaseOwner, pendingCommand: null },
    data: { leaseUntil: new Date(Date.now() + timings().leaseMs) },
  });
  if (renewed.count === 0) throw new LeaseLost(run.id);
}

/**
 * An intent (the time and version of a mutation about to be sent) written only while the lease is still ours
 * and no command is waiting, so a rollback or cancel issued meanwhile is never overtaken by a stale step.
 */
export async function writeIntent(run: Leased, data: Partial<Run>): Promise<void> {
  const written = await db.upgradeRun.updateMany({
    where: { id: run.id, leaseOwner: run.leaseOwner, pendingCommand: null },
    data: { ...data, leaseUntil: new Date(Date.now() + timings().leaseMs) },
  });
  if (written.count === 0) throw new LeaseLost(run.id);
}
