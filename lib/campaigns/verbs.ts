import { appKeyText } from "@/lib/aws/accounts";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { auditOps, type AuditWrite } from "@/lib/audit/audit";
import { Refused } from "@/lib/actions/action";
import { approvalRule } from "@/lib/approvals/policy";
import { env } from "@/lib/env";
import { scaledPolicy } from "@/lib/upgrades/health/policy";
import { parseCodeKeyCsv, type CsvProblem } from "./code-keys";
import type { CampaignInput } from "./definition";
import { loadPlanApps } from "./fleet-apps";
import { planCampaign, type Plan } from "./plan";
import { stageLogOf, type StoredDefinition } from "./stored";

// The campaign's writes, each one transaction with its audit row. The worker (engine.ts) does the rest.

/** Snapshot, update and wait for RUNNING, at real AWS timing (about 8 min), plus the observation window. */
export function perAppEstimateMs(): number {
  const scale = env().UPGRADE_TIME_SCALE;
  return 8 * 60_000 * scale + scaledPolicy(scale).observationWindowMs;
}

export interface Preview {
  plan: Plan;
  csvRejected: CsvProblem[];
  csvKept: number;
}

export async function previewCampaign(input: CampaignInput, teams: readonly string[] = []): Promise<Preview> {
  const apps = await loadPlanApps();
  const csv = parseCodeKeyCsv(input.codeKeys.csv, new Set(apps.map(appKeyText)));
  const plan = planCampaign(apps, input, csv, approvalRule(), perAppEstimateMs(), teams);
  return { plan, csvRejected: csv.rejected, csvKept: csv.keys.size };
}

/** A stage whose applications need an approval is covered by the campaign's approval, or by a gate before it. */
function needsCampaignApproval(plan: Plan): boolean {
  return plan.stages.some((s, i) => s.apps.some((a) => a.approval.length) && (i === 0 || !plan.stages[i - 1]!.gate));
}

export async function createCampaign(
  actor: Actor,
  input: CampaignInput,
  audit?: AuditWrite,
  teams: readonly string[] = [],
): Promise<{ campaignId: string }> {
  const { plan, csvRejected } = await previewCampaign(input, teams);
  if (plan.problems.length) throw new Refused(plan.problems.join(" "), { selection: plan.problems }, 400);
  if (csvRejected.length)
    throw new Refused(
      `${csvRejected.length} code-key line${csvRejected.length === 1 ? "" : "s"} rejected: fix or remove ${csvRejected.length === 1 ? "it" : "them"} first.`,
      { "codeKeys.csv": csvRejected.map((r) => `line ${r.line}: ${r.reason}`) },
      400,
    );
  const stored: StoredDefinition = {
    input,
    stages: plan.stages.map((s, i) => ({
      name: s.name,
      selector: input.stages[i]!.selector,
      apps: s.apps.length,
      concurrency: s.concurrency,
      allowedFailures: s.allowedFailures,
      soakMinutes: s.soakMinutes,
      gate: s.gate,
      estimatedMs: s.estimatedMs,
    })),
    estimatedMs: plan.estimatedMs,
    needsApproval: needsCampaignApproval(plan),
    approvalApps: plan.needsApproval,
  };
  const id = randomUUID();
  const targets = [
    ...plan.stages.flatMap((s) =>
      s.apps.map((a, position) => ({
        campaignId: id,
        account: a.account,
        region: a.region,
        appName: a.name,
        stage: s.index,
        position,
        riskLevel: a.riskLevel,
        riskScore: a.riskScore,
        codeKey: a.codeKey,
        fromRuntime: a.runtime,
      })),
    ),
    ...plan.skipped.map((a, position) => ({
      campaignId: id,
      account: a.account,
      region: a.region,
      appName: a.name,
      stage: -1,
      position,
      riskLevel: "",
      riskScore: 0,
      fromRuntime: a.runtime,
      state: "SKIPPED",
      note: a.reason,
    })),
  ];
  await db.$transaction([
    db.campaign.create({
      data: {
        id,
        name: input.name,
        targetRuntime: input.targetRuntime,
        definition: JSON.stringify(stored),
        cancelMode: input.cancelMode,
        createdBy: actor.id,
      },
    }),
    db.campaignTarget.createMany({ data: targets }),
    ...auditOps(audit, {
      target: `campaign:${id}`,
      after: { name: input.name, applications: targets.length - plan.skipped.length, skipped: plan.skipped.length },
    }),
  ]);
  return { campaignId: id };
}

async function campaignIn(id: string, states: string[], what: string) {
  const campaign = await db.campaign.findUnique({ where: { id } });
  if (!campaign) throw new Refused("Unknown campaign.", undefined, 400);
  if (!states.includes(campaign.state))
    throw new Refused(`This campaign is ${campaign.state.toLowerCase().replace("_", " ")}: it cannot ${what}.`);
  return campaign;
}

/** Moves the campaign between states with its audit row; refused when another change won the race. */
async function transition(
  id: string,
  from: string[],
  data: Parameters<typeof db.campaign.update>[0]["data"],
  audit: ReturnType<typeof auditOps>,
) {
  try {
    await db.$transaction([db.campaign.update({ where: { id, state: { in: from } }, data }), ...audit]);
  } catch (error) {
    if ((error as { code?: string }).code === "P2025")
      throw new Refused("Someone else changed this campaign first; reload to see it.");
    throw error;
  }
}

export async function startCampaign(actor: Actor, input: { campaignId: string }, audit?: AuditWrite) {
  const campaign = await campaignIn(input.campaignId, ["DRAFT"], "start");
  const stored = JSON.parse(campaign.definition) as StoredDefinition;
  const state = stored.needsApproval ? "AWAITING_APPROVAL" : "RUNNING";
  await transition(
    campaign.id,
    ["DRAFT"],
    { state, ...(state === "RUNNING" ? { startedAt: new Date() } : {}) },
    auditOps(audit, { target: `campaign:${campaign.id}`, before: { state: "DRAFT" }, after: { state } }),
  );
  return { campaignId: campaign.id, state };
}

function notCreator(actor: Actor, createdBy: string, verb: string) {
  if (actor.id === createdBy)
    throw new Refused(`You created this campaign, so you cannot ${verb}: a second person must.`, undefined, 403);
}

export async function approveCampaign(actor: Actor, input: { campaignId: string }, audit?: AuditWrite) {
  const campaign = await campaignIn(input.campaignId, ["AWAITING_APPROVAL"], "be approved");
  notCreator(actor, campaign.createdBy, "approve it");
  const now = new Date();
  await transition(
    campaign.id,
    ["AWAITING_APPROVAL"],
    { state: "RUNNING", approvedBy: actor.id, approvedAt: now, startedAt: now },
    auditOps(audit, {
      target: `campaign:${campaign.id}`,
      before: { state: "AWAITING_APPROVAL" },
      after: { state: "RUNNING" },
    }),
  );
  return { campaignId: campaign.id };
}

export async function pauseCampaign(actor: Actor, input: { campaignId: string }, audit?: AuditWrite) {
  const campaign = await campaignIn(input.campaignId, ["RUNNING"], "be paused");
  await transition(
    campaign.id,
    ["RUNNING"],
    { state: "PAUSED", waitingFor: `paused by ${actor.id}` },
    auditOps(audit, { target: `campaign:${campaign.id}`, before: { state: "RUNNING" }, after: { state: "PAUSED" } }),
  );
  return { campaignId: campaign.id };
}

export async function resumeCampaign(actor: Actor, input: { campaignId: string }, audit?: AuditWrite) {
  const campaign = await campaignIn(input.campaignId, ["PAUSED"], "be resumed");
  await transition(
    campaign.id,
    ["PAUSED"],
    { state: "RUNNING", waitingFor: null },
    auditOps(audit, { target: `campaign:${campaign.id}`, before: { state: "PAUSED" }, after: { state: "RUNNING" } }),
  );
  return { campaignId: campaign.id };
}

export async function cancelCampaign(
  actor: Actor,
  input: { campaignId: string; mode: "finish" | "rollback" },
  audit?: AuditWrite,
) {
  const from = ["DRAFT", "AWAITING_APPROVAL", "RUNNING", "PAUSED"];
  const campaign = await campaignIn(input.campaignId, from, "be cancelled");
  await transition(
    campaign.id,
    from,
    { state: "CANCELLING", cancelMode: input.mode, stoppedReason: `cancelled by ${actor.id}` },
    auditOps(audit, {
      target: `campaign:${campaign.id}`,
      before: { state: campaign.state },
      after: { state: "CANCELLING", inFlight: input.mode },
    }),
  );
  return { campaignId: campaign.id };
}

/** An approver (not the campaign's creator) releases the stage after a gate; the engine starts it. */
export async function releaseStage(actor: Actor, input: { campaignId: string }, audit?: AuditWrite) {
  const campaign = await campaignIn(input.campaignId, ["RUNNING", "PAUSED"], "have a stage released");
  if (campaign.stagePhase !== "GATED") throw new Refused("No stage is waiting for a release.");
  notCreator(actor, campaign.createdBy, "release its next stage");
  const next = campaign.stage + 1;
  const now = new Date();
  const log = stageLogOf(campaign).filter((r) => r.stage !== next);
  log.push({ stage: next, releasedBy: actor.id, releasedAt: now.toISOString() });
  try {
    await db.$transaction([
      db.campaign.update({
        where: { id: campaign.id, stagePhase: "GATED", stage: campaign.stage },
        data: { stage: next, stagePhase: "RUNNING", waitingFor: null, stageLog: JSON.stringify(log) },
      }),
      ...auditOps(audit, {
        target: `campaign:${campaign.id}`,
        before: { stage: campaign.stage + 1 },
        after: { released: next + 1 },
      }),
    ]);
  } catch (error) {
    if ((error as { code?: string }).code === "P2025") throw new Refused("Someone else released it first.");
    throw error;
  }
  return { campaignId: campaign.id };
}
