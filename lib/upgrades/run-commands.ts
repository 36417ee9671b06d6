import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { afterRunEnded } from "./after-run";
import { timings } from "./timing";
import type { Run } from "./run-types";
import type { auditOps } from "@/lib/audit/audit";

export type CommandKind = "rollback" | "abort" | "cancel";

/** A command an engineer gave; stored on the run and applied only by whoever holds the lease. */
export interface PendingCommand {
  id: string;
  kind: CommandKind;
  actor: string;
  reason?: string;
  at: string;
}

export function pendingCommandOf(run: Pick<Run, "pendingCommand">): PendingCommand | null {
  return run.pendingCommand ? (JSON.parse(run.pendingCommand) as PendingCommand) : null;
}

/** Why a command cannot apply to the run as it is now; null when it can. */
export function commandRefusal(run: Run, kind: CommandKind): string | null {
  if (run.state === "DONE") return "This run has already ended.";
  const updateIssued = run.kind === "ROLLBACK" || run.updateCalledAt !== null;
  if (kind === "cancel") {
    return updateIssued ? "The update has already been sent to AWS: roll back instead of cancelling." : null;
  }
  if (kind === "rollback") {
    if (!updateIssued) return "The update has not been sent yet, so there is nothing to roll back: cancel instead.";
    if (run.step === "rollback" || run.step === "wait-rollback") return "A rollback is already under way.";
    return null;
  }
  if (run.step !== "observe") return "Only a run that is watching the new job's health can stop watching.";
  return null;
}

/**
 * Records the command on the run (never overwritten by the worker) together with its audit row, atomically:
 * the update matches only while no other command waits and the run is live, and the event is a nested write.
 */
export async function recordCommand(
  runId: string,
  command: Omit<PendingCommand, "id" | "at">,
  message: string,
  audit: ReturnType<typeof auditOps> = [],
): Promise<PendingCommand | null> {
  const full: PendingCommand = { ...command, id: randomUUID(), at: new Date().toISOString() };
  try {
    await db.$transaction([
      db.upgradeRun.update({
        where: { id: runId, pendingCommand: null, state: { not: "DONE" } },
        data: {
          pendingCommand: JSON.stringify(full),
          events: { create: { actor: command.actor, kind: "decision", message } },
        },
      }),
      ...audit,
    ]);
    return full;
  } catch (error) {
    if ((error as { code?: string }).code === "P2025") return null;
    throw error;
  }
}

/** Takes a free lease for a command so it can apply at once; false while a worker is mid-step. */
export async function claimForCommand(runId: string): Promise<string | null> {
  const owner = `command-${randomUUID().slice(0, 8)}`;
  const now = new Date();
  const claim = await db.upgradeRun.updateMany({
    where: { id: runId, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    data: { leaseOwner: owner, leaseUntil: new Date(now.getTime() + timings().leaseMs) },
  });
  return claim.count === 1 ? owner : null;
}

/** Applies the run's pending command under the caller's lease, then releases the lease. */
export async function applyPendingCommand(run: Run, owner: string): Promise<void> {
  const command = pendingCommandOf(run);
  if (!command) return;
  const mine = { id: run.id, leaseOwner: owner, pendingCommand: run.pendingCommand };
  const refusal = commandRefusal(run, command.kind);
  const now = new Date();
  if (refusal) {
    await db.$transaction([
      db.upgradeRun.updateMany({ where: mine, data: { pendingCommand: null, leaseUntil: now } }),
      event(run.id, command.actor, `${command.kind} not applied: ${refusal}`),
    ]);
    return;
  }
  if (command.kind === "rollback") {
    await db.$transaction([
      db.upgradeRun.updateMany({
        where: mine,
        data: {
          pendingCommand: null,
          step: "rollback",
          state: "ACTIVE",
          outcome: null,
          rolledBackBy: command.actor,
          rollbackReason: command.reason ?? null,
          rollbackRequestedAt: new Date(command.at),
          retryCount: 0,
          retryReason: null,
          retrySince: null,
          leaseUntil: now,
        },
      }),
      db.upgradeStep.updateMany({
        where: { runId: run.id, name: run.step, status: "RUNNING" },
        data: { status: "DONE", finishedAt: now, note: `interrupted by ${command.actor}'s rollback` },
      }),
      db.upgradeStep.upsert({
        where: { runId_name: { runId: run.id, name: "rollback" } },
        create: { runId: run.id, name: "rollback", status: "RUNNING", startedAt: now },
        update: { status: "RUNNING", startedAt: now, finishedAt: null },
      }),
      event(run.id, command.actor, `${run.step} → rollback: rollback requested (${command.reason ?? "no reason"})`),
    ]);
    return;
  }
  // Keeping a DEGRADED job is a person's acceptance of it; anything unproven stays UNVERIFIED.
  const accepted = run.verdict === "HEALTHY" || (run.verdict === "DEGRADED" && run.state === "NEEDS_DECISION");
  const outcome = command.kind === "cancel" ? "CANCELLED" : accepted ? "SUCCEEDED" : "UNVERIFIED";
  const note =
    command.kind === "cancel"
      ? `cancelled by ${command.actor} before the update was sent: ${run.appName} still runs ${run.fromRuntime}`
      : `monitoring stopped by ${command.actor}: ${run.appName} stays on ${run.toRuntime} (last verdict ${run.verdict ?? "none"}${outcome === "UNVERIFIED" ? ", not proven healthy" : run.verdict === "DEGRADED" ? ", accepted" : ""})`;
  await db.$transaction([
    db.upgradeRun.updateMany({
      where: mine,
      data: {
        pendingCommand: null,
        step: "done",
        state: "DONE",
        outcome,
        finishedAt: now,
        activeKey: null,
        leaseUntil: null,
      },
    }),
    db.upgradeStep.updateMany({
      where: { runId: run.id, name: run.step, status: "RUNNING" },
      data: { status: command.kind === "cancel" ? "SKIPPED" : "DONE", finishedAt: now, note },
    }),
    event(run.id, command.actor, `${outcome}: ${note}`, "state"),
  ]);
  await afterRunEnded(run);
}

function event(runId: string, actor: string, message: string, kind = "decision") {
  return db.upgradeEvent.create({ data: { runId, actor, kind, message } });
}
