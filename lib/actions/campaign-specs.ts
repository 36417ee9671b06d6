import { z } from "zod";
import { CampaignInput } from "@/lib/campaigns/definition";
import {
  approveCampaign,
  cancelCampaign,
  createCampaign,
  pauseCampaign,
  previewCampaign,
  releaseStage,
  resumeCampaign,
  startCampaign,
  type Preview,
} from "@/lib/campaigns/verbs";
import type { ActionSpec } from "./action";

// Every campaign write, one spec each (the preview only reads, but goes the same way so its input is checked alike).

const CampaignId = z.object({ campaignId: z.string().min(1) });
const CancelInput = CampaignId.extend({ mode: z.enum(["finish", "rollback"]).default("finish") });
const paths = (input: { campaignId: string }) => ["/campaigns", `/campaigns/${input.campaignId}`];

export const previewCampaignSpec = {
  name: "campaign.previewed",
  permission: "upgrade.start",
  input: CampaignInput,
  run: (ctx, input) => previewCampaign(input, ctx.user.teams),
} satisfies ActionSpec<typeof CampaignInput, Preview>;

export const createCampaignSpec = {
  name: "campaign.created",
  permission: "upgrade.start",
  input: CampaignInput,
  run: (ctx, input) => createCampaign(ctx.actor, input, ctx.audit, ctx.user.teams),
  revalidate: () => ["/campaigns"],
} satisfies ActionSpec<typeof CampaignInput, { campaignId: string }>;

export const startCampaignSpec = {
  name: "campaign.started",
  permission: "upgrade.start",
  input: CampaignId,
  run: (ctx, input) => startCampaign(ctx.actor, input, ctx.audit),
  revalidate: paths,
} satisfies ActionSpec<typeof CampaignId, { campaignId: string; state: string }>;

export const approveCampaignSpec = {
  name: "campaign.approved",
  permission: "approval.decide",
  input: CampaignId,
  run: (ctx, input) => approveCampaign(ctx.actor, input, ctx.audit),
  revalidate: paths,
} satisfies ActionSpec<typeof CampaignId, { campaignId: string }>;

export const releaseStageSpec = {
  name: "campaign.stage-released",
  permission: "approval.decide",
  input: CampaignId,
  run: (ctx, input) => releaseStage(ctx.actor, input, ctx.audit),
  revalidate: paths,
} satisfies ActionSpec<typeof CampaignId, { campaignId: string }>;

export const pauseCampaignSpec = {
  name: "campaign.paused",
  permission: "run.control",
  input: CampaignId,
  run: (ctx, input) => pauseCampaign(ctx.actor, input, ctx.audit),
  revalidate: paths,
} satisfies ActionSpec<typeof CampaignId, { campaignId: string }>;

export const resumeCampaignSpec = {
  name: "campaign.resumed",
  permission: "run.control",
  input: CampaignId,
  run: (ctx, input) => resumeCampaign(ctx.actor, input, ctx.audit),
  revalidate: paths,
} satisfies ActionSpec<typeof CampaignId, { campaignId: string }>;

export const cancelCampaignSpec = {
  name: "campaign.cancelled",
  permission: "run.control",
  input: CancelInput,
  run: (ctx, input) => cancelCampaign(ctx.actor, input, ctx.audit),
  revalidate: paths,
} satisfies ActionSpec<typeof CancelInput, { campaignId: string }>;
