import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth";
import { getFleetApp } from "@/lib/fleet/queries";
import { UpgradeRefused } from "./start-upgrade";
import { afterRunEnded } from "./after-run";
import type { RollbackInput } from "./inputs";

const rollbackFromSteps = new Set(["preflight", "safety", "snapshot", "update", "wait-running", "observe"]);

/**
 * The engineer asks for a rollback: of the application's active run, or (no run active) as a
 * stand-alone rollback run. The worker issues RollbackApplication and watches it finish.
 */
export async function requestRollback(actor: Actor, input: RollbackInput): Promise<{ runId: string }> {
  const run = input.runId
    ? await db.upgradeRun.findUnique({ where: { id: input.runId } })
    : await db.upgradeRun.findUnique({ where: { activeKey: `${input.region}/${input.name}` } });
  if (run && run.state !== "DONE") {
    if (!rollbackFromSteps.has(run.step))
      throw new UpgradeRefused(
        `This run is already at "${run.step}"; a rollback is ${run.step.includes("rollback") ? "under way" : "not possible now"}.`,
      );
    if (run.step === "preflight" || run.step === "safety" || run.step === "snapshot")
      throw new UpgradeRefused("The runtime has not been changed yet: abort instead of rolling back.");
    await db.$transaction([
      db.upgradeRun.update({
        where: { id: run.id },
        data: {
          step: "rollback",
          state: "ACTIVE",
          rolledBackBy: actor.id,
          rollbackReason: input.reason,
          rollbackRequestedAt: new Date(),
          leaseUntil: null,
        },
      }),
      db.upgradeStep.upsert({
        where: { runId_name: { runId: run.id, name: "rollback" } },
        create: { runId: run.id, name: "rollback", status: "RUNNING" },
        update: { status: "RUNNING" },
      }),
      db.upgradeEvent.create({
        data: { runId: run.id, kind: "decision", actor: actor.id, message: `rollback requested: ${input.reason}` },
      }),
    ]);
    return { runId: run.id };
  }
  const region = input.region ?? run?.region;
  const name = input.name ?? run?.appName;
  const app = region && name ? await getFleetApp(region, name) : null;
  if (!app) throw new UpgradeRefused("Unknown application.");
  const created = await db.upgradeRun.create({
    data: {
      kind: "ROLLBACK",
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
      activeKey: `${app.region}/${app.name}`,
      steps: { create: { name: "rollback", status: "RUNNING" } },
      events: {
        create: { kind: "decision", actor: actor.id, message: `rollback of ${app.name} requested: ${input.reason}` },
      },
    },
  });
  return { runId: created.id };
}

/** Stops watching: the application keeps the new runtime and the run ends with the last verdict. */
export async function abortMonitoring(actor: Actor, runId: string): Promise<void> {
  const run = await db.upgradeRun.findUnique({ where: { id: runId } });
  if (!run || run.state === "DONE") throw new UpgradeRefused("This run has already ended.");
  if (run.step !== "observe")
    throw new UpgradeRefused("Monitoring has not started yet; only an observation can be aborted.");
  await db.$transaction([
    db.upgradeRun.update({
      where: { id: runId },
      data: {
        step: "done",
        state: "DONE",
        outcome: "SUCCEEDED",
        finishedAt: new Date(),
        activeKey: null,
        leaseUntil: null,
      },
    }),
    db.upgradeStep.updateMany({
      where: { runId, name: "observe" },
      data: { status: "DONE", finishedAt: new Date(), note: `aborted by ${actor.id}` },
    }),
    db.upgradeEvent.create({
      data: {
        runId,
        kind: "decision",
        actor: actor.id,
        message: `monitoring aborted; the application stays on ${run.toRuntime} (last verdict ${run.verdict ?? "none"})`,
      },
    }),
  ]);
  await afterRunEnded(run);
}
