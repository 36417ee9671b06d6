import type { Campaign } from "@/generated/prisma/client";
import type { CampaignInput } from "./definition";

// What a campaign keeps of its plan once created: the definition as typed, and each stage's resolved numbers.

export interface StoredStage {
  name: string;
  selector: string[];
  apps: number;
  concurrency: number;
  allowedFailures: number;
  soakMinutes: number;
  gate: boolean;
  estimatedMs: number;
}

export interface StoredDefinition {
  input: CampaignInput;
  stages: StoredStage[];
  estimatedMs: number;
  /** Stages holding applications that need an approval and no gate in front of them: the campaign is approved. */
  needsApproval: boolean;
  /** How many applications would each have needed an approval of their own. */
  approvalApps: number;
}

export interface StageRecord {
  stage: number;
  startedAt?: string;
  endedAt?: string;
  soakUntil?: string;
  releasedBy?: string;
  releasedAt?: string;
  /** the soak's last health re-check */
  recheckedAt?: string;
}

export function definitionOf(campaign: Pick<Campaign, "definition">): StoredDefinition {
  return JSON.parse(campaign.definition) as StoredDefinition;
}

export function stageLogOf(campaign: Pick<Campaign, "stageLog">): StageRecord[] {
  return JSON.parse(campaign.stageLog) as StageRecord[];
}

/** The stage log with one stage's record merged. */
export function withStageRecord(campaign: Pick<Campaign, "stageLog">, record: StageRecord): string {
  const log = stageLogOf(campaign).filter((r) => r.stage !== record.stage);
  const old = stageLogOf(campaign).find((r) => r.stage === record.stage) ?? {};
  return JSON.stringify([...log, { ...old, ...record }].sort((a, b) => a.stage - b.stage));
}
