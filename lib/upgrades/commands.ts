import { appKeyText } from "@/lib/aws/accounts";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { auditOps, type AuditWrite } from "@/lib/audit/audit";
import { getFleetApp } from "@/lib/fleet/queries";
import { endRequestOps } from "@/lib/approvals/decide";
import { UpgradeRefused } from "./start-upgrade";
import type { RollbackInput } from "./inputs";
import {
  applyPendingCommand,
  claimForCommand,
  commandRefusal,
  recordCommand,
  type CommandKind,
  type PendingCommand,
} from "./run-commands";

/**
 * A command is recorded on the run first, then applied at once if no worker holds the run, or by the worker at
 * the end of its current step: either way by the lease holder, so a step in flight can never overwrite it.
 */
async function command(
  runId: string,
  kind: CommandKind,
  actor: Actor,
  message: string,
  reason: string | undefined,
  audit: AuditWrite | undefined,
) {
  const run = await db.upgradeRun.findUnique({ where: { id: runId } });
  if (!run) throw new UpgradeRefused("Unknown run.");
  const refusal = commandRefusal(run, kind);
  if (refusal) throw new UpgradeRefused(refusal);
  const recorded: PendingCommand | null = await recordCommand(
    runId,
    { kind, actor: actor.id, reason },
    message,
    auditOps(audit, { target: `run:${runId}`, after: { command: kind, reason: reason ?? null } }),
  );
  if (!recorded) throw new UpgradeRefused("Another decision on this run is being applied; reload to see it.");
  const owner = await claimForCommand(runId);
  if (owner) {
    const claimed = await db.upgradeRun.findUniqueOrThrow({ where: { id: runId } });
    await applyPendingCommand(claimed, owner);
  }
  return { runId, applied: owner !== null };
}

/**
 * The engineer asks for a rollback: of the application's active run (only once its update was sent), or, with
 * no run active, as a stand-alone rollback run. The worker issues RollbackApplication and watches it finish.
 */
export async function requestRollback(
  actor: Actor,
  input: RollbackInput,
  audit?: AuditWrite,
): Promise<{ runId: string }> {
  const run = input.runId
    ? await db.upgradeRun.findUnique({ where: { id: input.runId } })
    : await db.upgradeRun.findUnique({
        where: { activeKey: appKeyText({ account: input.account!, region: input.region!, name: input.name! }) },
      });
  // A rollback never waits for an approval: a pending upgrade request of the application gives way to it.
  const superseded =
    run?.state === "AWAITING_APPROVAL"
      ? endRequestOps(run, "CANCELLED", actor.id, `superseded by ${actor.id}'s rollback: ${input.reason}`)
      : [];
  if (run && run.state !== "DONE" && !superseded.length) {
    return command(run.id, "rollback", actor, `rollback requested: ${input.reason}`, input.reason, audit);
  }
  const account = input.account ?? run?.account;
  const region = input.region ?? run?.region;
  const name = input.name ?? run?.appName;
  const app = account && region && name ? await getFleetApp({ account, region, name }) : null;
  if (!app) throw new UpgradeRefused("Unknown application.");
  const create = db.upgradeRun.create({
    data: {
      kind: "ROLLBACK",
      account: app.account,
      region: app.region,
      appName: app.name,
      fromRuntime: app.runtime,
      toRuntime: app.runtime,
      expectedVersionId: app.versionId,
      initiatedBy: actor.id,
      options: JSON.stringify({
        enableRollback: false,
        enableSnapshots: false,
        takeSnapshot: false,
        autoRollback: false,
      }),
      step: "rollback",
      rolledBackBy: actor.id,
      rollbackReason: input.reason,
      rollbackRequestedAt: new Date(),
      activeKey: appKeyText(app),
      steps: { create: { name: "rollback", status: "RUNNING" } },
      events: {
        create: { kind: "decision", actor: actor.id, message: `rollback of ${app.name} requested: ${input.reason}` },
      },
    },
  });
  // The request gives way in the same transaction: its active key is freed just before the rollback takes it.
  const ops: Prisma.PrismaPromise<unknown>[] = [
    ...superseded,
    create,
    ...auditOps(audit, {
      target: appKeyText(app),
      before: { runtime: app.runtime, versionId: app.versionId },
      after: { rollback: "to the previous version", reason: input.reason },
    }),
  ];
  const written = await db.$transaction(ops);
  const created = written[superseded.length] as Awaited<typeof create>;
  return { runId: created.id };
}

/** Stops watching: the application keeps the new runtime; the run is SUCCEEDED only if the last verdict was HEALTHY. */
export async function abortMonitoring(actor: Actor, runId: string, audit?: AuditWrite): Promise<void> {
  await command(runId, "abort", actor, "stop monitoring requested: keep the new runtime", undefined, audit);
}

/** Stops a run before its update is sent (a stuck or over-quota snapshot, a change of plan). */
export async function cancelRun(actor: Actor, runId: string, reason?: string, audit?: AuditWrite): Promise<void> {
  await command(runId, "cancel", actor, `cancel requested${reason ? `: ${reason}` : ""}`, reason, audit);
}
