import { whereApp } from "@/lib/fleet/queries";
import type { Campaign, CampaignTarget } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { Refused } from "@/lib/actions/action";
import { changeGate, lineStopped } from "@/lib/controls/gate";
import { metricCadenceMs } from "@/lib/metrics/cadence";
import { cancelRun, requestRollback } from "@/lib/upgrades/commands";
import { defaultPolicyInput } from "@/lib/upgrades/defaults";
import { startForCampaign } from "@/lib/upgrades/start-upgrade";
import { optionsOf } from "@/lib/upgrades/run-types";
import { timings } from "@/lib/upgrades/timing";
import { budgetExceeded, failureOutcomes } from "./budget";
import { recheckHealth } from "./soak";
import { definitionOf, stageLogOf, withStageRecord, type StoredDefinition } from "./stored";

// The worker's side of a campaign. Each pass claims the campaign's lease (one instance at a time), reads its
// targets and their runs, and moves it on: starts what concurrency, budget, gates, windows and stop-the-line allow,
// soaks, and ends it. Everything it decides is derived from the database each pass, so a killed process resumes.

const liveStates = ["RUNNING", "PAUSED", "CANCELLING"];
const passMs = 1000;

type RunRow = {
  id: string;
  state: string;
  outcome: string | null;
  updateCalledAt: Date | null;
  rollbackRequestedAt: Date | null;
};

/** A run has failed once its outcome says so, or as soon as its rollback is decided (it counts before it ends). */
function runFailed(run: RunRow | undefined): boolean {
  return !!run && (failureOutcomes.has(run.outcome ?? "") || run.rollbackRequestedAt !== null);
}

export async function advanceDueCampaigns(owner: string): Promise<number> {
  const now = new Date();
  const due = await db.campaign.findMany({
    where: { state: { in: liveStates }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    select: { id: true },
  });
  let advanced = 0;
  for (const { id } of due) {
    const claim = await db.campaign.updateMany({
      where: { id, state: { in: liveStates }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
      data: { leaseOwner: owner, leaseUntil: new Date(now.getTime() + timings().leaseMs) },
    });
    if (claim.count === 0) continue;
    try {
      await advanceCampaign(id, owner);
      advanced++;
    } catch (error) {
      console.error(`campaign ${id} could not advance`, error);
    } finally {
      await db.campaign.updateMany({
        where: { id, leaseOwner: owner },
        data: { leaseUntil: new Date(Date.now() + passMs) },
      });
    }
  }
  return advanced;
}

/** Whether this owner still holds the lease (renewed): checked before each start, so a lapsed owner starts nothing. */
async function stillMine(id: string, owner: string): Promise<boolean> {
  const now = new Date();
  const renewed = await db.campaign.updateMany({
    where: { id, leaseOwner: owner, leaseUntil: { gt: now } },
    data: { leaseUntil: new Date(now.getTime() + timings().leaseMs) },
  });
  return renewed.count === 1;
}

interface StageCounts {
  total: number;
  pending: CampaignTarget[];
  inFlight: CampaignTarget[];
  failures: number;
}

function countsOf(targets: CampaignTarget[], runs: Map<string, RunRow>, stage: number): StageCounts {
  const of = targets.filter((t) => t.stage === stage);
  const running = (t: CampaignTarget) => t.state === "STARTED" && runs.get(t.runId ?? "")?.state !== "DONE";
  return {
    total: of.length,
    pending: of.filter((t) => t.state === "PENDING"),
    inFlight: of.filter(running),
    // A STUCK run counts while it still waits for a person; a late failure during the soak counts too.
    failures: of.filter(
      (t) =>
        t.state === "FAILED" ||
        t.state === "LATE_FAILED" ||
        (t.state === "STARTED" && runFailed(runs.get(t.runId ?? ""))),
    ).length,
  };
}

const targetStateOf: Record<string, string> = {
  SUCCEEDED: "SUCCEEDED",
  UNVERIFIED: "UNVERIFIED",
  CANCELLED: "CANCELLED",
};

/** Targets whose run ended take its outcome. */
async function settleTargets(targets: CampaignTarget[], runs: Map<string, RunRow>) {
  for (const t of targets) {
    const run = runs.get(t.runId ?? "");
    if (t.state !== "STARTED" || run?.state !== "DONE") continue;
    const state = failureOutcomes.has(run.outcome ?? "") ? "FAILED" : (targetStateOf[run.outcome ?? ""] ?? "FAILED");
    await db.campaignTarget.updateMany({
      where: { id: t.id, state: "STARTED" },
      data: { state, finishedAt: new Date(), note: run.outcome },
    });
    t.state = state;
  }
}

export async function advanceCampaign(id: string, owner: string): Promise<void> {
  const campaign = await db.campaign.findUniqueOrThrow({ where: { id } });
  const targets = await db.campaignTarget.findMany({
    where: { campaignId: id, stage: { gte: 0 } },
    orderBy: [{ stage: "asc" }, { position: "asc" }],
  });
  const runRows = await db.upgradeRun.findMany({
    where: { campaignId: id },
    select: { id: true, state: true, outcome: true, updateCalledAt: true, rollbackRequestedAt: true },
  });
  const runs = new Map(runRows.map((r) => [r.id, r]));
  await settleTargets(targets, runs);
  const actor: Actor = { id: `campaign:${campaign.name}`, source: "system" };
  if (campaign.state === "CANCELLING") return cancelling(campaign, targets, runs, actor, owner);
  if (campaign.state !== "RUNNING") return;
  if (campaign.stagePhase === "SOAKING") return soaking(campaign, targets, runs, actor, owner);
  if (campaign.stagePhase === "RUNNING") return running(campaign, targets, runs, actor, owner);
}

async function save(campaign: Campaign, owner: string, data: Parameters<typeof db.campaign.update>[0]["data"]) {
  await db.campaign.updateMany({ where: { id: campaign.id, leaseOwner: owner }, data });
}

async function finish(campaign: Campaign, owner: string, outcome: string, note: string, targets: CampaignTarget[]) {
  const notStarted = targets.filter((t) => t.state === "PENDING").map((t) => t.id);
  await db.campaignTarget.updateMany({
    where: { id: { in: notStarted }, state: "PENDING" },
    data: { state: "CANCELLED", note: `not started: ${note}` },
  });
  await save(campaign, owner, {
    state: "DONE",
    outcome,
    finishedAt: new Date(),
    waitingFor: null,
    stoppedReason: outcome === "COMPLETED" ? null : note,
  });
}

async function cancelling(
  campaign: Campaign,
  targets: CampaignTarget[],
  runs: Map<string, RunRow>,
  actor: Actor,
  owner: string,
) {
  const inFlight = targets.filter((t) => t.state === "STARTED" && runs.get(t.runId ?? "")?.state !== "DONE");
  if (campaign.cancelMode === "rollback") {
    for (const t of inFlight) {
      const run = runs.get(t.runId!)!;
      const why = "the campaign was cancelled with its runs rolled back";
      // Refusals (already rolling back, nothing sent yet) are expected on later passes: the command path says no.
      await (
        run.updateCalledAt ? requestRollback(actor, { runId: run.id, reason: why }) : cancelRun(actor, run.id, why)
      ).catch((error) => {
        if (!(error instanceof Refused)) throw error;
      });
    }
  }
  if (inFlight.length === 0) await finish(campaign, owner, "CANCELLED", campaign.stoppedReason ?? "cancelled", targets);
  else await save(campaign, owner, { waitingFor: `cancelling: ${inFlight.length} run(s) in flight finish first` });
}

async function running(
  campaign: Campaign,
  targets: CampaignTarget[],
  runs: Map<string, RunRow>,
  actor: Actor,
  owner: string,
) {
  const stored = definitionOf(campaign);
  const stage = stored.stages[campaign.stage]!;
  const counts = countsOf(targets, runs, campaign.stage);
  const now = new Date();
  if (!stageLogOf(campaign).some((r) => r.stage === campaign.stage && r.startedAt))
    await save(campaign, owner, {
      stageLog: withStageRecord(campaign, { stage: campaign.stage, startedAt: now.toISOString() }),
    });
  const stopped =
    campaign.stoppedReason ??
    (budgetExceeded(counts.failures, stage.allowedFailures)
      ? `error budget exceeded in stage ${stage.name}: ${counts.failures} failures, ${stage.allowedFailures} allowed`
      : null);
  // A run that waits for a person (DEGRADED, not proven healthy, STUCK) holds its slot until someone decides.
  const undecided = counts.inFlight.filter((t) => runs.get(t.runId ?? "")?.state === "NEEDS_DECISION");
  const decide = undecided.length
    ? `; ${undecided.length} wait for a person's decision on the run page (${undecided.map((t) => t.appName).join(", ")})`
    : "";
  if (stopped) {
    if (counts.inFlight.length === 0) return finish(campaign, owner, "STOPPED", stopped, targets);
    return save(campaign, owner, {
      stoppedReason: stopped,
      waitingFor: `stopped starting: ${counts.inFlight.length} run(s) in flight finish first${decide}`,
    });
  }
  if (counts.pending.length === 0 && counts.inFlight.length === 0) {
    // An empty stage has nothing to soak.
    const soakUntil = new Date(now.getTime() + (counts.total ? stage.soakMinutes * 60_000 : 0));
    return save(campaign, owner, {
      stagePhase: "SOAKING",
      soakUntil,
      waitingFor: null,
      stageLog: withStageRecord(await fresh(campaign), {
        stage: campaign.stage,
        endedAt: now.toISOString(),
        soakUntil: soakUntil.toISOString(),
      }),
    });
  }
  let slots = stage.concurrency - counts.inFlight.length;
  let waitingFor: string | null = null;
  const stop = await lineStopped();
  if (stop) waitingFor = `stop-the-line is on (${stop.by}: ${stop.reason})`;
  for (const target of counts.pending) {
    if (slots <= 0 || waitingFor) break;
    const app = await db.fleetApp.findUnique({
      where: whereApp({ account: target.account, region: target.region, name: target.appName }),
      select: { versionId: true, tags: true },
    });
    if (!app) {
      await skip(target, "no longer in the inventory");
      continue;
    }
    const gate = await changeGate({
      account: target.account,
      region: target.region,
      name: target.appName,
      tags: JSON.parse(app.tags) as Record<string, string>,
    });
    if (!gate.open) {
      waitingFor = `${gate.reason}${gate.opensAt ? `; opens ${gate.opensAt.toISOString()}` : ""}`;
      break;
    }
    if (!(await stillMine(campaign.id, owner))) return;
    const started = await startTarget(campaign, stored, target, app.versionId, actor);
    if (started) slots--;
  }
  if (!waitingFor && slots <= 0 && undecided.length) waitingFor = `all slots in use${decide}`;
  await save(campaign, owner, { waitingFor });
}

async function fresh(campaign: Campaign): Promise<Campaign> {
  return db.campaign.findUniqueOrThrow({ where: { id: campaign.id } });
}

async function skip(target: CampaignTarget, note: string) {
  await db.campaignTarget.updateMany({ where: { id: target.id, state: "PENDING" }, data: { state: "SKIPPED", note } });
}

/** One application's run, through the same checks as the wizard's; a refusal skips it (nothing was changed). */
async function startTarget(
  campaign: Campaign,
  stored: StoredDefinition,
  target: CampaignTarget,
  versionId: number,
  actor: Actor,
): Promise<boolean> {
  const released = stageLogOf(campaign).find((r) => r.stage === target.stage)?.releasedBy;
  try {
    const result = await startForCampaign(
      actor,
      {
        account: target.account,
        region: target.region,
        name: target.appName,
        targetRuntime: campaign.targetRuntime,
        codeKey: target.codeKey ?? undefined,
        expectedVersionId: versionId,
        enableRollback: true,
        enableSnapshots: true,
        takeSnapshot: true,
        confirmName: target.appName,
        policy: { ...defaultPolicyInput(), autoRollback: stored.input.autoRollback },
      },
      {
        campaignId: campaign.id,
        stage: target.stage,
        targetId: target.id,
        approvedBy: released ?? campaign.approvedBy,
      },
    );
    if (result && "existing" in result) {
      await skip(target, "another upgrade of this application was already under way");
      return false;
    }
    return result !== null;
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    await skip(target, error.message);
    return false;
  }
}

async function soaking(
  campaign: Campaign,
  targets: CampaignTarget[],
  runs: Map<string, RunRow>,
  actor: Actor,
  owner: string,
) {
  const stored = definitionOf(campaign);
  const stage = stored.stages[campaign.stage]!;
  const now = new Date();
  const record = stageLogOf(campaign).find((r) => r.stage === campaign.stage);
  const lastCheck = record?.recheckedAt;
  if (!lastCheck || now.getTime() - Date.parse(lastCheck) >= metricCadenceMs()) {
    await recheckStage(campaign, targets, actor, owner);
    await save(campaign, owner, {
      stageLog: withStageRecord(await fresh(campaign), { stage: campaign.stage, recheckedAt: now.toISOString() }),
    });
  }
  const after = await db.campaignTarget.findMany({ where: { campaignId: campaign.id, stage: { gte: 0 } } });
  const counts = countsOf(after, runs, campaign.stage);
  if (budgetExceeded(counts.failures, stage.allowedFailures))
    return finish(
      campaign,
      owner,
      "STOPPED",
      `error budget exceeded in stage ${stage.name} during its soak: ${counts.failures} failures, ${stage.allowedFailures} allowed`,
      after,
    );
  if (campaign.soakUntil && now < campaign.soakUntil) return;
  const last = campaign.stage === stored.stages.length - 1;
  if (last) return finish(campaign, owner, "COMPLETED", "completed", after);
  if (stage.gate)
    return save(campaign, owner, {
      stagePhase: "GATED",
      waitingFor: `an approver must release stage ${campaign.stage + 2} (${stored.stages[campaign.stage + 1]!.name})`,
    });
  await save(campaign, owner, { stage: campaign.stage + 1, stagePhase: "RUNNING", soakUntil: null, waitingFor: null });
}

/** Re-checks the stage's upgraded applications; an UNHEALTHY one is a late failure, rolled back if the policy says so. */
async function recheckStage(campaign: Campaign, targets: CampaignTarget[], actor: Actor, owner: string) {
  const upgraded = targets.filter((t) => t.stage === campaign.stage && t.state === "SUCCEEDED" && t.runId);
  for (const target of upgraded) {
    // One CloudWatch read per application: keep the lease while a large stage is re-checked.
    if (!(await stillMine(campaign.id, owner))) return;
    const run = await db.upgradeRun.findUnique({ where: { id: target.runId! } });
    if (!run) continue;
    const verdict = await recheckHealth(run, new Date()).catch(() => null);
    if (verdict?.verdict !== "UNHEALTHY") continue;
    const why = verdict.reasons
      .filter((r) => r.severity === "unhealthy")
      .map((r) => r.observation)
      .join("; ");
    await db.campaignTarget.updateMany({
      where: { id: target.id, state: "SUCCEEDED" },
      data: { state: "LATE_FAILED", note: `UNHEALTHY during the soak: ${why}` },
    });
    if (optionsOf(run).autoRollback)
      await requestRollback(actor, {
        region: run.region,
        name: run.appName,
        reason: `UNHEALTHY during campaign ${campaign.name}'s soak: ${why}`,
      }).catch((error) => {
        if (!(error instanceof Refused)) throw error;
      });
  }
}
