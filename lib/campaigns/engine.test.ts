import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  callsBesidesCodeReads,
  resetWriteWorld,
  setupAppTestEnv,
  type AppTestEnv,
  TEST_ACCOUNT,
} from "@/tests/support/app-test-env";
import { settleRuns } from "@/tests/support/upgrade-driver";
import { matrixCandidateFilter } from "@/tests/support/scenario-matrix";
import { signedIn } from "@/tests/support/session";
import { withLoadingBuilds } from "@/tests/support/loading-builds";

// Campaigns against the emulator at test speed, driven the way the worker drives them: the error budget with SSM's
// semantics, concurrency never exceeded, pause and resume, stop-the-line within 5 s, and a freeze window that
// holds a stage. Approvals are off here (setupAppTestEnv); campaign approvals have their own test below.
let env: AppTestEnv;
let db: (typeof import("@/lib/db"))["db"];
let action: typeof import("@/lib/actions/action");
let specs: typeof import("@/lib/actions/campaign-specs");
const region = "us-east-1";

const person = signedIn;
const eli = person("eli@example.com", ["engineer"]);
const ana = person("ana@example.com", ["admin"]);

beforeAll(async () => {
  env = await setupAppTestEnv({ regions: [region], extraEnv: { UPGRADE_TIME_SCALE: String(1 / 60) } });
  db = (await import("@/lib/db")).db;
  action = await import("@/lib/actions/action");
  specs = await import("@/lib/actions/campaign-specs");
});

afterAll(async () => {
  await settleRuns();
  await db.$disconnect();
  await env.close();
});

beforeEach(async () => {
  await settleRuns();
  await db.campaign.deleteMany();
  await db.changeControl.deleteMany();
  await db.freezeWindow.deleteMany();
  await resetWriteWorld(env);
});

async function candidates(count: number, scenario = "healthy") {
  const apps = await db.fleetApp.findMany({ where: matrixCandidateFilter([region]), orderBy: { name: "asc" } });
  const chosen = (await withLoadingBuilds(apps.filter((a) => a.riskLevel !== "blocked"))).slice(0, count);
  expect(chosen).toHaveLength(count);
  for (const app of chosen) await env.emulator.control.setScenario(region, app.name, scenario as never);
  return chosen.map((a) => `${TEST_ACCOUNT}/${region}/${a.name}`);
}

function definition(include: string[], stage: Record<string, unknown> = {}) {
  return {
    name: "to 2.2",
    targetRuntime: "FLINK-2_2",
    selection: { include, maxRisk: "high" },
    codeKeys: { pattern: "{name}-flink-2.2.jar" },
    stages: [{ name: "all", selector: [], maxConcurrency: "1", errorBudget: "0", soakMinutes: 0, ...stage }],
  };
}

async function ok<T>(outcome: Promise<{ ok: boolean; data?: T; error?: string }>): Promise<T> {
  const result = await outcome;
  if (!result.ok) throw new Error(result.error);
  return result.data as T;
}

async function createAndStart(include: string[], stage: Record<string, unknown> = {}) {
  const { campaignId } = await ok<{ campaignId: string }>(
    action.runAction(specs.createCampaignSpec, eli, definition(include, stage)),
  );
  await ok(action.runAction(specs.startCampaignSpec, eli, { campaignId }));
  return campaignId;
}

interface Drive {
  maxInFlight: number;
  startedAt: Map<string, number>;
}

/** Advances runs and the campaign like the worker until `until` holds; records in-flight peaks and start times. */
async function drive(campaignId: string, until: () => Promise<boolean>, timeoutMs = 120_000): Promise<Drive> {
  const { advanceDueRuns } = await import("@/lib/upgrades/advance");
  const { advanceDueCampaigns } = await import("./engine");
  const seen: Drive = { maxInFlight: 0, startedAt: new Map() };
  const deadline = Date.now() + timeoutMs;
  while (!(await until())) {
    if (Date.now() > deadline) throw new Error(`campaign ${campaignId} did not get there in time`);
    await advanceDueCampaigns("test-worker");
    await advanceDueRuns("test-worker");
    const runs = await db.upgradeRun.findMany({ where: { campaignId }, select: { id: true, state: true } });
    for (const r of runs) if (!seen.startedAt.has(r.id)) seen.startedAt.set(r.id, Date.now());
    seen.maxInFlight = Math.max(seen.maxInFlight, runs.filter((r) => r.state !== "DONE").length);
    await new Promise((r) => setTimeout(r, 100));
  }
  await settleRuns();
  return seen;
}

const campaign = (id: string) => db.campaign.findUniqueOrThrow({ where: { id } });
const done = (id: string) => async () => (await campaign(id)).state === "DONE";
const targetStates = async (id: string) =>
  (await db.campaignTarget.findMany({ where: { campaignId: id }, orderBy: { position: "asc" } })).map((t) => t.state);

describe("a campaign's stage", () => {
  it("runs its applications at the stage's concurrency, never above, and completes", async () => {
    const id = await createAndStart(await candidates(4), { maxConcurrency: "2" });
    const seen = await drive(id, done(id));
    expect(seen.maxInFlight).toBe(2);
    expect(await campaign(id)).toMatchObject({ outcome: "COMPLETED" });
    expect(await targetStates(id)).toEqual(["SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED"]);
    const runs = await db.upgradeRun.findMany({ where: { campaignId: id } });
    expect(runs.map((r) => [r.outcome, r.campaignStage, r.initiatedBy])).toEqual(
      runs.map(() => ["SUCCEEDED", 0, "campaign:to 2.2"]),
    );
  });

  it("stops starting once failures exceed the budget (1 allowed: stops at the 2nd), and in-flight runs finish", async () => {
    const id = await createAndStart(await candidates(4, "state-incompatible"), { errorBudget: "1" });
    await drive(id, done(id));
    expect(await campaign(id)).toMatchObject({
      outcome: "STOPPED",
      stoppedReason: "error budget exceeded in stage all: 2 failures, 1 allowed",
    });
    expect(await targetStates(id)).toEqual(["FAILED", "FAILED", "CANCELLED", "CANCELLED"]);
    expect(await db.upgradeRun.count({ where: { campaignId: id } })).toBe(2);
  });
});

describe("the code scan", () => {
  it("skips an application whose new build will break, says why, and sends MSF nothing", async () => {
    const app = await db.fleetApp.findUniqueOrThrow({
      where: { account_region_name: { account: TEST_ACCOUNT, region, name: "inventory-sync" } },
    });
    const id = await createAndStart([`${TEST_ACCOUNT}/${region}/${app.name}`]);
    await drive(id, done(id));
    const [target] = await db.campaignTarget.findMany({ where: { campaignId: id } });
    expect(target).toMatchObject({ state: "SKIPPED" });
    expect(target?.note).toMatch(/will break on the target runtime: .*SourceFunction/);
    expect(await db.upgradeRun.count({ where: { campaignId: id } })).toBe(0);
    expect((await callsBesidesCodeReads(env)).map((c) => c.operation)).not.toContain("UpdateApplication");
  });
});

describe("controls", () => {
  it("pause starts nothing new while in-flight runs finish; resume carries on", async () => {
    const id = await createAndStart(await candidates(3));
    await drive(id, async () => (await db.upgradeRun.count({ where: { campaignId: id } })) === 1);
    await ok(action.runAction(specs.pauseCampaignSpec, eli, { campaignId: id }));
    await drive(id, async () => (await db.upgradeRun.count({ where: { campaignId: id, state: "DONE" } })) === 1);
    // A few more passes while paused: still only the first run.
    const quiet = Date.now() + 3000;
    await drive(id, async () => Date.now() > quiet);
    expect(await db.upgradeRun.count({ where: { campaignId: id } })).toBe(1);
    expect((await campaign(id)).waitingFor).toBe("paused by eli@example.com");
    await ok(action.runAction(specs.resumeCampaignSpec, eli, { campaignId: id }));
    await drive(id, done(id));
    expect(await targetStates(id)).toEqual(["SUCCEEDED", "SUCCEEDED", "SUCCEEDED"]);
  });

  it("stop-the-line: no new upgrade starts anywhere within 5 s, and it carries on once the line runs", async () => {
    const controls = await import("@/lib/actions/control-specs");
    const id = await createAndStart(await candidates(3));
    await drive(id, async () => (await db.upgradeRun.count({ where: { campaignId: id } })) === 1);
    await ok(action.runAction(controls.stopTheLineSpec, ana, { stopped: true, reason: "incident INC-1" }));
    const stoppedAt = Date.now();
    const seen = await drive(id, async () => Date.now() > stoppedAt + 8000);
    const lateStarts = [...seen.startedAt.values()].filter((t) => t > stoppedAt + 5000);
    expect(lateStarts).toEqual([]);
    expect((await campaign(id)).waitingFor).toBe("stop-the-line is on (ana@example.com: incident INC-1)");
    await ok(action.runAction(controls.stopTheLineSpec, ana, { stopped: false }));
    await drive(id, done(id));
    expect(await targetStates(id)).toEqual(["SUCCEEDED", "SUCCEEDED", "SUCCEEDED"]);
  });

  it("a deny window on the targets' account holds the stage and says so; deleting it lets the stage start", async () => {
    const controls = await import("@/lib/actions/control-specs");
    const window = await ok<{ id: string }>(
      action.runAction(controls.createWindowSpec, ana, {
        name: "peak trading",
        kind: "deny",
        cron: "* * * * *",
        durationMinutes: 5,
        timeZone: "UTC",
        selector: { accounts: TEST_ACCOUNT },
      }),
    );
    const id = await createAndStart(await candidates(1));
    const held = Date.now() + 3000;
    await drive(id, async () => Date.now() > held);
    expect(await db.upgradeRun.count({ where: { campaignId: id } })).toBe(0);
    expect((await campaign(id)).waitingFor).toMatch(/peak trading/);
    await ok(action.runAction(controls.deleteWindowSpec, ana, { id: window.id }));
    await drive(id, done(id));
    expect(await targetStates(id)).toEqual(["SUCCEEDED"]);
  });

  it("a gate waits for an approver other than the creator to release the next stage", async () => {
    const apps = await candidates(2);
    const { campaignId: id } = await ok<{ campaignId: string }>(
      action.runAction(specs.createCampaignSpec, eli, {
        ...definition(apps),
        stages: [
          { name: "first", selector: [], maxConcurrency: "1", errorBudget: "0", soakMinutes: 0, gate: true },
          { name: "rest", selector: [], maxConcurrency: "1", errorBudget: "0", soakMinutes: 0 },
        ],
      }),
    );
    // Every application matches the first stage: move one into the second by hand, as a selector would.
    const second = await db.campaignTarget.findFirstOrThrow({ where: { campaignId: id, position: 1 } });
    await db.campaignTarget.update({ where: { id: second.id }, data: { stage: 1, position: 0 } });
    await ok(action.runAction(specs.startCampaignSpec, eli, { campaignId: id }));
    await drive(id, async () => (await campaign(id)).stagePhase === "GATED");
    expect((await campaign(id)).waitingFor).toBe("an approver must release stage 2 (rest)");
    const own = await action.runAction(specs.releaseStageSpec, person(eli.email, ["approver"]), { campaignId: id });
    expect(own).toMatchObject({ ok: false, status: 403 });
    await ok(action.runAction(specs.releaseStageSpec, person("ada@example.com", ["approver"]), { campaignId: id }));
    await drive(id, done(id));
    expect(await campaign(id)).toMatchObject({ outcome: "COMPLETED" });
    const runs = await db.upgradeRun.findMany({ where: { campaignId: id }, orderBy: { campaignStage: "asc" } });
    expect(runs.map((r) => [r.campaignStage, r.outcome])).toEqual([
      [0, "SUCCEEDED"],
      [1, "SUCCEEDED"],
    ]);
  });

  it("cancel starts nothing new and lets the run in flight finish", async () => {
    const id = await createAndStart(await candidates(3));
    await drive(id, async () => (await db.upgradeRun.count({ where: { campaignId: id } })) === 1);
    await ok(action.runAction(specs.cancelCampaignSpec, eli, { campaignId: id, mode: "finish" }));
    await drive(id, done(id));
    expect(await campaign(id)).toMatchObject({ outcome: "CANCELLED", stoppedReason: "cancelled by eli@example.com" });
    expect(await targetStates(id)).toEqual(["SUCCEEDED", "CANCELLED", "CANCELLED"]);
  });
});
