import { db } from "@/lib/db";
import type { RootCause } from "@/lib/upgrades/root-cause";
import { failureOutcomes } from "./budget";
import { definitionOf, stageLogOf, type StageRecord, type StoredStage } from "./stored";

// What the campaign pages read: the list, one campaign's live view, and the manager's report.

export interface CampaignListRow {
  id: string;
  name: string;
  targetRuntime: string;
  state: string;
  outcome: string | null;
  createdBy: string;
  createdAt: string;
  applications: number;
  done: number;
  failures: number;
}

export async function listCampaigns(): Promise<CampaignListRow[]> {
  const campaigns = await db.campaign.findMany({ orderBy: { createdAt: "desc" }, take: 200 });
  const counts = await db.campaignTarget.groupBy({
    by: ["campaignId", "state"],
    where: { campaignId: { in: campaigns.map((c) => c.id) }, stage: { gte: 0 } },
    _count: true,
  });
  return campaigns.map((c) => {
    const of = counts.filter((k) => k.campaignId === c.id);
    const n = (states: string[]) => of.filter((k) => states.includes(k.state)).reduce((s, k) => s + k._count, 0);
    return {
      id: c.id,
      name: c.name,
      targetRuntime: c.targetRuntime,
      state: c.state,
      outcome: c.outcome,
      createdBy: c.createdBy,
      createdAt: c.createdAt.toISOString(),
      applications: n([
        "PENDING",
        "STARTED",
        "SUCCEEDED",
        "FAILED",
        "LATE_FAILED",
        "UNVERIFIED",
        "CANCELLED",
        "SKIPPED",
      ]),
      done: n(["SUCCEEDED", "FAILED", "LATE_FAILED", "UNVERIFIED", "CANCELLED", "SKIPPED"]),
      failures: n(["FAILED", "LATE_FAILED"]),
    };
  });
}

export interface TargetView {
  account: string;
  region: string;
  appName: string;
  stage: number;
  position: number;
  riskLevel: string;
  riskScore: number;
  codeKey: string | null;
  fromRuntime: string;
  /** PENDING | STARTED | SUCCEEDED | FAILED | LATE_FAILED | UNVERIFIED | CANCELLED | SKIPPED */
  state: string;
  runId: string | null;
  /** the run's step while it is in flight, e.g. "observe" */
  step: string | null;
  /** the run's state: ACTIVE, NEEDS_DECISION (a person must decide on the run page), DONE */
  runState: string | null;
  outcome: string | null;
  note: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface StageView extends StoredStage {
  index: number;
  record: StageRecord | null;
  counts: Record<string, number>;
  failures: number;
  inFlight: number;
  targets: TargetView[];
}

export interface CampaignView {
  id: string;
  name: string;
  targetRuntime: string;
  state: string;
  outcome: string | null;
  stage: number;
  stagePhase: string;
  soakUntil: string | null;
  waitingFor: string | null;
  stoppedReason: string | null;
  cancelMode: string | null;
  createdBy: string;
  createdAt: string;
  approvedBy: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  needsApproval: boolean;
  estimatedMs: number;
  /** remaining work at the planned pace, from now; null when done */
  etaMs: number | null;
  stages: StageView[];
  skipped: TargetView[];
}

export async function campaignView(id: string): Promise<CampaignView | null> {
  const campaign = await db.campaign.findUnique({ where: { id } });
  if (!campaign) return null;
  const stored = definitionOf(campaign);
  const targets = await db.campaignTarget.findMany({
    where: { campaignId: id },
    orderBy: [{ stage: "asc" }, { position: "asc" }],
  });
  const runs = await db.upgradeRun.findMany({
    where: { campaignId: id },
    select: { id: true, step: true, state: true, outcome: true },
  });
  const runOf = new Map(runs.map((r) => [r.id, r]));
  const view = (t: (typeof targets)[number]): TargetView => {
    const run = t.runId ? runOf.get(t.runId) : undefined;
    return {
      account: t.account,
      region: t.region,
      appName: t.appName,
      stage: t.stage,
      position: t.position,
      riskLevel: t.riskLevel,
      riskScore: t.riskScore,
      codeKey: t.codeKey,
      fromRuntime: t.fromRuntime,
      state: t.state,
      runId: t.runId,
      step: run && run.state !== "DONE" ? run.step : null,
      runState: run?.state ?? null,
      outcome: run?.outcome ?? null,
      note: t.note,
      startedAt: t.startedAt?.toISOString() ?? null,
      finishedAt: t.finishedAt?.toISOString() ?? null,
    };
  };
  const log = stageLogOf(campaign);
  const stages = stored.stages.map((s, index): StageView => {
    const of = targets.filter((t) => t.stage === index).map(view);
    const counts: Record<string, number> = {};
    for (const t of of) counts[t.state] = (counts[t.state] ?? 0) + 1;
    return {
      ...s,
      index,
      record: log.find((r) => r.stage === index) ?? null,
      counts,
      failures: of.filter(
        (t) => t.state === "FAILED" || t.state === "LATE_FAILED" || failureOutcomes.has(t.outcome ?? ""),
      ).length,
      inFlight: of.filter((t) => t.state === "STARTED" && t.step !== null).length,
      targets: of,
    };
  });
  // What is left of each stage at its planned pace, plus the soaks not yet begun.
  const remaining = stages
    .filter((s) => s.index >= campaign.stage)
    .reduce((ms, s) => {
      const left = s.targets.filter((t) => t.state === "PENDING" || t.step !== null).length;
      const share = s.apps ? left / s.apps : 0;
      return ms + share * (s.estimatedMs - s.soakMinutes * 60_000) + (s.record?.endedAt ? 0 : s.soakMinutes * 60_000);
    }, 0);
  const soakLeft = campaign.soakUntil ? Math.max(0, campaign.soakUntil.getTime() - Date.now()) : 0;
  return {
    id: campaign.id,
    name: campaign.name,
    targetRuntime: campaign.targetRuntime,
    state: campaign.state,
    outcome: campaign.outcome,
    stage: campaign.stage,
    stagePhase: campaign.stagePhase,
    soakUntil: campaign.soakUntil?.toISOString() ?? null,
    waitingFor: campaign.waitingFor,
    stoppedReason: campaign.stoppedReason,
    cancelMode: campaign.cancelMode,
    createdBy: campaign.createdBy,
    createdAt: campaign.createdAt.toISOString(),
    approvedBy: campaign.approvedBy,
    startedAt: campaign.startedAt?.toISOString() ?? null,
    finishedAt: campaign.finishedAt?.toISOString() ?? null,
    needsApproval: stored.needsApproval,
    estimatedMs: stored.estimatedMs,
    etaMs: campaign.state === "DONE" ? null : Math.round(remaining + soakLeft),
    stages,
    skipped: targets.filter((t) => t.stage < 0).map(view),
  };
}

export interface CampaignReport {
  applications: number;
  finished: number;
  succeeded: number;
  failed: number;
  successRate: number | null;
  changeFailureRate: number | null;
  waves: { stage: number; name: string; durationMs: number | null; applications: number; failures: number }[];
  rolledBack: {
    account: string;
    region: string;
    appName: string;
    runId: string;
    outcome: string;
    faultClass: string | null;
    rootCause: string | null;
  }[];
}

export async function campaignReport(id: string): Promise<CampaignReport | null> {
  const view = await campaignView(id);
  if (!view) return null;
  const all = view.stages.flatMap((s) => s.targets);
  const changed = all.filter((t) => ["SUCCEEDED", "FAILED", "LATE_FAILED", "UNVERIFIED"].includes(t.state));
  const failed = changed.filter((t) => t.state === "FAILED" || t.state === "LATE_FAILED").length;
  const succeeded = changed.filter((t) => t.state === "SUCCEEDED").length;
  const runs = await db.upgradeRun.findMany({
    where: { campaignId: id, outcome: { in: ["ROLLED_BACK", "AUTO_ROLLED_BACK", "FAILED", "STUCK"] } },
    select: { id: true, account: true, region: true, appName: true, outcome: true, faultClass: true, rootCause: true },
  });
  return {
    applications: all.length,
    finished: changed.length,
    succeeded,
    failed,
    successRate: changed.length ? succeeded / changed.length : null,
    changeFailureRate: changed.length ? failed / changed.length : null,
    waves: view.stages.map((s) => ({
      stage: s.index,
      name: s.name,
      durationMs:
        s.record?.startedAt && s.record.endedAt ? Date.parse(s.record.endedAt) - Date.parse(s.record.startedAt) : null,
      applications: s.targets.length,
      failures: s.failures,
    })),
    rolledBack: runs.map((r) => ({
      account: r.account,
      region: r.region,
      appName: r.appName,
      runId: r.id,
      outcome: r.outcome!,
      faultClass: r.faultClass,
      rootCause: r.rootCause ? ((JSON.parse(r.rootCause) as RootCause).firstLine ?? null) : null,
    })),
  };
}
