import { appKeyText } from "@/lib/aws/accounts";
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { auditOps, type AuditWrite } from "@/lib/audit/audit";
import { getFleetApp } from "@/lib/fleet/queries";
import { assessTargets, getApplicationView, type ApplicationView } from "@/lib/fleet/application-view";
import { compareRuntimes, isMajorJump, type RiskAssessment } from "@/lib/risk";
import { env } from "@/lib/env";
import { scaledPolicy } from "./health/policy";
import { healthPolicyOf, type StartUpgradeInput } from "./inputs";
import {
  currentRestoreSettings,
  describeRestore,
  snapshotChoiceProblem,
  type RestoreSettings,
} from "./restore-settings";
import type { RunOptions } from "./run-types";
import { Refused } from "@/lib/actions/action";
import { approvalReasons, approvalRule, type ApprovalRequest } from "@/lib/approvals/policy";
import { changeGate, lineStopped } from "@/lib/controls/gate";
import { codeGateOf, isScannedTarget, scanNewCode, type CodeCheckRecord, type CodeGate } from "./code-check";

/** A refusal the engineer can act on (stale version, high risk unconfirmed, …); `fieldErrors` points at the fields. */
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

type Prepared =
  | { existing: string }
  | {
      existing?: undefined;
      data: Prisma.UpgradeRunCreateInput;
      audit: { target: string; before: object; after: object };
    };

/** Every check an engineer can act on, then the run to create; or the application's already active run. */
async function prepare(
  actor: Actor,
  input: StartUpgradeInput,
  now: Date,
  mode: "start" | "request" | CampaignLink,
): Promise<Prepared> {
  const key = { account: input.account, region: input.region, name: input.name };
  const app = await getFleetApp(key);
  const view = await getApplicationView(key);
  if (!app || !view)
    throw new UpgradeRefused(`${input.name} is not in the inventory of ${input.account} ${input.region}; sync first.`);
  const risk =
    assessTargets(view, now).find((t) => t.target === input.targetRuntime)?.risk ??
    (JSON.parse(app.risk) as RiskAssessment | null);
  const active = await db.upgradeRun.findUnique({ where: { activeKey: appKeyText(key) } });
  if (active) return { existing: active.id };
  // Whether a second person must approve is decided first: no other detail of the input changes it.
  const reasons = approvalReasons(view.tags, risk, approvalRule());
  if (mode === "start" && reasons.length)
    throw new UpgradeRefused(
      `This upgrade needs a second person's approval (${reasons.join(", ")}): request it instead.`,
      undefined,
      403,
    );
  if (mode === "request" && !reasons.length)
    throw new UpgradeRefused("This upgrade needs no approval: start it directly.", undefined, 409);
  // A request may wait out a freeze window for its approval; with the line stopped nothing new is taken at all.
  const stopped = mode === "request" ? await lineStopped() : null;
  if (stopped)
    throw new UpgradeRefused(`Nothing new starts now: Stop-the-line is on (by ${stopped.by}: ${stopped.reason}).`);
  if (mode === "start") {
    const gate = await changeGate({ ...key, tags: view.tags }, now);
    if (!gate.open)
      throw new UpgradeRefused(
        `Nothing new starts now: ${gate.reason}${gate.opensAt ? `; it opens at ${gate.opensAt.toISOString()}` : ""}.`,
      );
  }
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

  const restore = restoreChosen(input, view);
  const code = await checkCode(app, input);
  const options: RunOptions = {
    enableRollback: input.enableRollback,
    enableSnapshots: input.enableSnapshots,
    takeSnapshot: input.takeSnapshot,
    autoRollback: input.policy.autoRollback,
    policy: healthPolicyOf(input.policy, scaledPolicy(env().UPGRADE_TIME_SCALE)),
    restore,
  };
  const fromCodeKey = app.codeLocation?.split("/").slice(3).join("/") || null;
  const campaign = typeof mode === "object" ? mode : null;
  const approval: ApprovalRequest | null = reasons.length
    ? {
        reasons,
        requestedBy: actor.id,
        requestedAt: now.toISOString(),
        risk,
        preflight: {
          from: app.runtime,
          to: input.targetRuntime,
          codeKey: input.codeKey ?? null,
          versionId: input.expectedVersionId,
          restore: describeRestore(restore),
          ...(code ? { code } : {}),
        },
      }
    : null;
  return {
    audit: {
      target: appKeyText(key),
      before: { runtime: app.runtime, versionId: app.versionId },
      after: {
        runtime: input.targetRuntime,
        codeKey: input.codeKey ?? null,
        risk: risk?.level ?? null,
        ...(code ? { code } : {}),
      },
    },
    data: {
      account: input.account,
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
      activeKey: appKeyText(key),
      ...(campaign
        ? {
            campaignId: campaign.campaignId,
            campaignStage: campaign.stage,
            // The campaign's (or its stage's) approver approved this upgrade with the rest of the stage.
            ...(approval ? { approval: JSON.stringify(approval), decidedBy: campaign.approvedBy, decidedAt: now } : {}),
            steps: { create: { name: "preflight", status: "RUNNING" } },
          }
        : approval
          ? {
              state: "AWAITING_APPROVAL",
              step: "approval",
              approval: JSON.stringify(approval),
              approvalExpiresAt: new Date(now.getTime() + env().APPROVAL_HOURS * 3_600_000),
              steps: { create: { name: "approval", status: "RUNNING" } },
            }
          : { steps: { create: { name: "preflight", status: "RUNNING" } } }),
      events: {
        create: {
          kind: "state",
          actor: actor.id,
          message: `upgrade ${app.runtime} → ${input.targetRuntime} requested (risk ${risk?.level ?? "unknown"} ${risk?.score ?? ""})${campaign ? ` by campaign ${campaign.campaignId}, stage ${campaign.stage + 1}${approval ? `, approved by ${campaign.approvedBy}` : ""}` : approval ? `; waiting for a second person's approval: ${reasons.join(", ")}` : ""}${codeNote(code, actor)}`,
        },
      },
    },
  };
}

/**
 * The new code for a Flink 2.x target, scanned before anything is sent: code that will break (or cannot be read) is
 * refused unless the engineer writes why to go on anyway; that reason goes to the audit trail with the findings.
 */
async function checkCode(
  app: { account: string; region: string; codeLocation: string | null },
  input: StartUpgradeInput,
): Promise<CodeCheckRecord | null> {
  if (!input.codeKey || !isScannedTarget(input.targetRuntime)) return null;
  const scanned = await scanNewCode(app, input.codeKey);
  const gate: CodeGate = codeGateOf(scanned);
  if (gate.refused) throw new UpgradeRefused(gate.refused, { codeKey: [gate.refused] });
  if (gate.blocker && !input.scanOverride)
    throw new UpgradeRefused(`${gate.blocker}. Fix the build, or write why to upgrade to it anyway.`, {
      codeKey: [gate.blocker],
      scanOverride: ["Say why this code should be upgraded to anyway (recorded in the audit trail)."],
    });
  if (!scanned) return null;
  return {
    status: scanned.scan.status,
    breaks: gate.breaks,
    warnings: gate.warnings,
    override: gate.blocker ? input.scanOverride! : null,
  };
}

function codeNote(code: CodeCheckRecord | null, actor: Actor): string {
  if (!code) return "";
  if (code.override)
    return `; the code scan found what will break (${code.breaks.join(", ")}), overridden by ${actor.id}: ${code.override}`;
  return code.warnings.length ? `; code scan warnings: ${code.warnings.join(", ")}` : "";
}

/** Creates the run with its audit row; a concurrent double submission returns the run that won the unique key. */
async function createRun(prepared: Exclude<Prepared, { existing: string }>, audit: AuditWrite | undefined) {
  try {
    const [run] = await db.$transaction([
      db.upgradeRun.create({ data: prepared.data }),
      ...auditOps(audit, prepared.audit),
    ]);
    return { runId: run.id, existing: false };
  } catch (error) {
    if ((error as { code?: string }).code !== "P2002") throw error;
    const winner = await db.upgradeRun.findUniqueOrThrow({ where: { activeKey: prepared.data.activeKey! } });
    return { runId: winner.id, existing: true };
  }
}

/** A campaign's start of one of its applications: approved with the campaign or its stage. */
export interface CampaignLink {
  campaignId: string;
  stage: number;
  targetId: string;
  approvedBy: string | null;
}

/**
 * Starts a campaign's application: the same checks and run as the wizard's, linked to the campaign, and the target
 * claimed (PENDING → STARTED) in the same transaction, so a restart never starts an application twice.
 * Returns null when the target was no longer pending.
 */
export async function startForCampaign(
  actor: Actor,
  input: StartUpgradeInput,
  link: CampaignLink,
  now = new Date(),
): Promise<{ runId: string } | { existing: string } | null> {
  const prepared = await prepare(actor, input, now, link);
  if (prepared.existing !== undefined) return { existing: prepared.existing };
  const runId = randomUUID();
  try {
    await db.$transaction([
      db.upgradeRun.create({ data: { ...prepared.data, id: runId } }),
      db.campaignTarget.update({
        where: { id: link.targetId, state: "PENDING" },
        data: { state: "STARTED", startedAt: now, runId },
      }),
    ]);
    return { runId };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "P2025") return null;
    if (code === "P2002") return { existing: "another run holds the application" };
    throw error;
  }
}

/**
 * Records the intent to upgrade (a run the worker will advance) after the checks an engineer can act on.
 * Double submissions return the already active run: one active run per application, held by a unique key.
 * An upgrade that needs an approval is refused here: it is asked for with `requestUpgradeApproval`.
 */
export async function startUpgrade(
  actor: Actor,
  input: StartUpgradeInput,
  audit?: AuditWrite,
  now = new Date(),
): Promise<{ runId: string; existing: boolean }> {
  const prepared = await prepare(actor, input, now, "start");
  if (prepared.existing !== undefined) return { runId: prepared.existing, existing: true };
  return createRun(prepared, audit);
}

/**
 * Records an upgrade waiting for a second person (AWAITING_APPROVAL): the worker does not touch it until it is
 * approved, and it holds the application's active key so nothing else starts meanwhile.
 */
export async function requestUpgradeApproval(
  actor: Actor,
  input: StartUpgradeInput,
  audit?: AuditWrite,
  now = new Date(),
): Promise<{ runId: string; existing: boolean }> {
  const prepared = await prepare(actor, input, now, "request");
  if (prepared.existing !== undefined) return { runId: prepared.existing, existing: true };
  return createRun(prepared, audit);
}
