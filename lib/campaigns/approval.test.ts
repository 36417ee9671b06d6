import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetWriteWorld, setupAppTestEnv, TEST_ACCOUNT, type AppTestEnv } from "@/tests/support/app-test-env";
import { matrixCandidateFilter } from "@/tests/support/scenario-matrix";
import type { SignedInUser } from "@/lib/auth/session";
import { signedIn } from "@/tests/support/session";

// With approvals on (env=prod), a campaign touching production waits for an approver who did not create it, or
// for a gate (released by an approver) in front of its production stage.
let env: AppTestEnv;
let db: (typeof import("@/lib/db"))["db"];
let action: typeof import("@/lib/actions/action");
let specs: typeof import("@/lib/actions/campaign-specs");
const region = "us-east-1";
const person = signedIn;

beforeAll(async () => {
  env = await setupAppTestEnv({
    regions: [region],
    extraEnv: { UPGRADE_TIME_SCALE: String(1 / 60), APPROVAL_TAG: "env=prod", APPROVAL_RISK: "off" },
  });
  db = (await import("@/lib/db")).db;
  action = await import("@/lib/actions/action");
  specs = await import("@/lib/actions/campaign-specs");
  await resetWriteWorld(env);
});

afterAll(async () => {
  await db.$disconnect();
  await env.close();
});

const stage = (name: string, selector: string[], gate = false) => ({
  name,
  selector,
  maxConcurrency: "1",
  errorBudget: "0",
  soakMinutes: 0,
  gate,
});

async function create(by: SignedInUser, stages: ReturnType<typeof stage>[]) {
  const apps = await db.fleetApp.findMany({ where: matrixCandidateFilter([region]) });
  const created = await action.runAction(specs.createCampaignSpec, by, {
    name: "to 2.2",
    targetRuntime: "FLINK-2_2",
    selection: {
      include: apps.filter((a) => a.riskLevel !== "blocked").map((a) => `${TEST_ACCOUNT}/${region}/${a.name}`),
    },
    codeKeys: { pattern: "{name}-flink-2.2.jar" },
    stages,
  });
  if (!created.ok) throw new Error(created.error);
  return created.data.campaignId;
}

describe("campaign approvals", () => {
  it("a campaign with production in its first stage waits for an approver other than its creator", async () => {
    const eli = person("eli@example.com", ["engineer", "approver"]);
    const campaignId = await create(eli, [stage("everything", [])]);
    expect(await action.runAction(specs.startCampaignSpec, eli, { campaignId })).toMatchObject({
      ok: true,
      data: { state: "AWAITING_APPROVAL" },
    });
    const own = await action.runAction(specs.approveCampaignSpec, eli, { campaignId });
    expect(own).toMatchObject({ ok: false, status: 403 });
    const engineer = await action.runAction(specs.approveCampaignSpec, person("bo@example.com", ["engineer"]), {
      campaignId,
    });
    expect(engineer).toMatchObject({ ok: false, status: 403 });
    const ada = person("ada@example.com", ["approver"]);
    expect(await action.runAction(specs.approveCampaignSpec, ada, { campaignId })).toMatchObject({ ok: true });
    expect(await db.campaign.findUniqueOrThrow({ where: { id: campaignId } })).toMatchObject({
      state: "RUNNING",
      approvedBy: ada.email,
    });
  });

  it("a gate in front of the production stage stands in for the campaign's approval", async () => {
    const eli = person("eli@example.com", ["engineer"]);
    const campaignId = await create(eli, [stage("staging", ["env=staging"], true), stage("prod", ["env=prod"])]);
    expect(await action.runAction(specs.startCampaignSpec, eli, { campaignId })).toMatchObject({
      ok: true,
      data: { state: "RUNNING" },
    });
  });
});
