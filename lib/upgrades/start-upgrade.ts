import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { auditOps, type AuditWrite } from "@/lib/audit/audit";
import { getFleetApp } from "@/lib/fleet/queries";
import { assessTargets, getApplicationView, type ApplicationView } from "@/lib/fleet/application-view";
import { compareRuntimes, isMajorJump, type RiskAssessment } from "@/lib/risk";
import { env } from "@/lib/env";
import { scaledPolicy } from "./health/policy";
import { healthPolicyOf, type StartUpgradeInput } from "./inputs";
import { currentRestoreSettings, snapshotChoiceProblem, type RestoreSettings } from "./restore-settings";
import type { RunOptions } from "./run-types";
import { Refused } from "@/lib/actions/action";

/** A refusal an engineer can act on; `fieldErrors` points at the wizard fields it is about. */
/** A refusal the engineer can act on (stale version, high risk unconfirmed, …), shown as is. */
export class UpgradeRefused extends Refused {}

export function snapshotNameFor(target: string, at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z")
    .replace("T", "-");
  return `pre-${target.toLowerCase().replace("_", "-")}-upgrade-${stamp}`;
}

/** The engineer's restore choice, or the application's current one; a custom snapshot must be one the sync saw. */
function restoreChosen(input: StartUpgradeInput, view: ApplicationView): RestoreSettings {
  const restore = input.restore ?? currentRestoreSettings(view.detail);
  const problem = restore.snapshotName ? snapshotChoiceProblem(restore.snapshotName, view.snapshots) : null;
  if (problem) throw new UpgradeRefused(problem, { "restore.snapshotName": [problem] });
  return restore;
}

/**
 * Records the intent to upgrade (a run the worker will advance) after the checks an engineer can act on.
 * Double submissions return the already active run: one active run per application, held by a unique key.
 */
export async function startUpgrade(
  actor: Actor,
  input: StartUpgradeInput,
  audit?: AuditWrite,
  now = new Date(),
): Promise<{ runId: string; existing: boolean }> {
  const app = await getFleetApp(input.region, input.name);
  const view = await getApplicationView(input.region, input.name);
  if (!app || !view) throw new UpgradeRefused(`${input.name} is not in the inventory of ${input.region}; sync first.`);
  const risk =
    assessTargets(view, now).find((t) => t.target === input.targetRuntime)?.risk ??
    (JSON.parse(app.risk) as RiskAssessment | null);
  const active = await db.upgradeRun.findUnique({ where: { activeKey: `${input.region}/${input.name}` } });
  if (active) return { runId: active.id, existing: true };
  if (compareRuntimes(input.targetRuntime, app.runtime) <= 0)
    throw new UpgradeRefused(`${input.targetRuntime} is not newer than ${app.runtime}.`);
  if (risk?.level === "blocked") throw new UpgradeRefused(`Blocked: ${risk.summary}`);
  if (risk?.level === "high" && input.confirmName !== input.name)
    throw new UpgradeRefused(`High risk: type the application name (${input.name}) to confirm.`);
  if (isMajorJump(app.runtime, input.targetRuntime) && !input.codeKey)
    throw new UpgradeRefused("A major upgrade needs new application code built for the target: give its S3 key.");
  if (input.expectedVersionId !== app.versionId)
    throw new UpgradeRefused(
      `The inventory knows version ${app.versionId} of ${input.name}, you saw ${input.expectedVersionId}: reload the page.`,
    );

  const options: RunOptions = {
    enableRollback: input.enableRollback,
    enableSnapshots: input.enableSnapshots,
    takeSnapshot: input.takeSnapshot,
    autoRollback: input.policy.autoRollback,
    policy: healthPolicyOf(input.policy, scaledPolicy(env().UPGRADE_TIME_SCALE)),
    restore: restoreChosen(input, view),
  };
  const fromCodeKey = app.codeLocation?.split("/").slice(3).join("/") || null;
  try {
    const [run] = await db.$transaction([
      db.upgradeRun.create({
        data: {
          region: input.region,
          appName: input.name,
          fromRuntime: app.runtime,
          toRuntime: input.targetRuntime,
          fromCodeKey,
          toCodeKey: input.codeKey ?? null,
          expectedVersionId: input.expectedVersionId,
          initiatedBy: actor.id,
          options: JSON.stringify(options),
          snapshotName: input.takeSnapshot ? snapshotNameFor(input.targetRuntime, now) : null,
          activeKey: `${input.region}/${input.name}`,
          steps: { create: { name: "preflight", status: "RUNNING" } },
          events: {
            create: {
              kind: "state",
              actor: actor.id,
              message: `upgrade ${app.runtime} → ${input.targetRuntime} requested (risk ${risk?.level ?? "unknown"} ${risk?.score ?? ""})`,
            },
          },
        },
      }),
      ...auditOps(audit, {
        target: `${input.region}/${input.name}`,
        before: { runtime: app.runtime, versionId: app.versionId },
        after: { runtime: input.targetRuntime, codeKey: input.codeKey ?? null, risk: risk?.level ?? null },
      }),
    ]);
    return { runId: run.id, existing: false };
  } catch (error) {
    if ((error as { code?: string }).code !== "P2002") throw error;
    const winner = await db.upgradeRun.findUniqueOrThrow({ where: { activeKey: `${input.region}/${input.name}` } });
    return { runId: winner.id, existing: true };
  }
}
