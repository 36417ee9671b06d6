"use server";

import { serve } from "@/lib/actions/serve";
import {
  approveCampaignSpec,
  cancelCampaignSpec,
  createCampaignSpec,
  pauseCampaignSpec,
  previewCampaignSpec,
  releaseStageSpec,
  resumeCampaignSpec,
  startCampaignSpec,
} from "@/lib/actions/campaign-specs";

export async function previewCampaignAction(input: unknown) {
  return serve(previewCampaignSpec, input);
}

export async function createCampaignAction(input: unknown) {
  return serve(createCampaignSpec, input);
}

export async function startCampaignAction(input: unknown) {
  return serve(startCampaignSpec, input);
}

export async function approveCampaignAction(input: unknown) {
  return serve(approveCampaignSpec, input);
}

export async function releaseStageAction(input: unknown) {
  return serve(releaseStageSpec, input);
}

export async function pauseCampaignAction(input: unknown) {
  return serve(pauseCampaignSpec, input);
}

export async function resumeCampaignAction(input: unknown) {
  return serve(resumeCampaignSpec, input);
}

export async function cancelCampaignAction(input: unknown) {
  return serve(cancelCampaignSpec, input);
}
