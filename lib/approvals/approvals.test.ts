import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { UpdateApplicationCommand } from "@aws-sdk/client-kinesis-analytics-v2";
import {
  callsBesidesCodeReads,
  resetWriteWorld,
  setupAppTestEnv,
  type AppTestEnv,
  TEST_ACCOUNT,
} from "@/tests/support/app-test-env";
import { driveRun, settleRuns, upgradeInput } from "@/tests/support/upgrade-driver";
import { msfClient } from "@/emulator/tests/harness";
import type { SignedInUser } from "@/lib/auth/session";
import { signedIn } from "@/tests/support/session";

// Four-eyes approvals against a real database and the emulator, through the one write path (runAction): the rule
// (env=prod, or high risk), the requester who cannot approve, the approver who starts the run, expiry, a change of
// the application that voids the request, rejection with a reason, team scope, and a rollback that never waits.
let env: AppTestEnv;
let db: (typeof import("@/lib/db"))["db"];
let action: typeof import("@/lib/actions/action");
let specs: typeof import("@/lib/actions/specs");
let decide: typeof import("./decide");
const region = "us-east-1";

const person = signedIn;
const eli = person("eli@example.com", ["engineer"]);
const ada = person("ada@example.com", ["approver"]);

beforeAll(async () => {
  env = await setupAppTestEnv({
    regions: [region],
    extraEnv: { UPGRADE_TIME_SCALE: String(1 / 60), APPROVAL_TAG: "env=prod", APPROVAL_RISK: "high" },
  });
  db = (await import("@/lib/db")).db;
  action = await import("@/lib/actions/action");
  specs = await import("@/lib/actions/specs");
  decide = await import("./decide");
});

afterAll(async () => {
  await settleRuns();
  await db.$disconnect();
  await env.close();
});

beforeEach(async () => {
  await settleRuns();
  await resetWriteWorld(env);
});

/** An application of the seeded fleet: production or not, at a risk below high (so the tag alone decides). */
async function appWhere(prod: boolean, risk: "low-or-medium" | "high" = "low-or-medium") {
  const rows = await db.fleetApp.findMany({ where: { account: TEST_ACCOUNT, region }, orderBy: { name: "asc" } });
  const found = rows.find(
    (r) =>
      (r.env === "prod") === prod &&
      r.runtime.startsWith("FLINK-1_") &&
      r.status === "RUNNING" &&
      (risk === "high" ? r.riskLevel === "high" : ["low", "medium"].includes(r.riskLevel)),
  );
  if (!found) throw new Error(`no ${prod ? "prod" : "non-prod"} ${risk} app in ${region}`);
  return found;
}

async function inputFor(app: { name: string; versionId: number }) {
  return upgradeInput(region, app.name, { expectedVersionId: app.versionId });
}

async function world() {
  const calls = await callsBesidesCodeReads(env);
  return {
    runs: await db.upgradeRun.count(),
    audits: await db.auditEvent.count(),
    aws: calls.reduce((n, c) => n + c.count, 0),
  };
}

async function request(who: SignedInUser = eli, prod = true) {
  const app = await appWhere(prod);
  const asked = await action.runAction(specs.requestApprovalSpec, who, await inputFor(app));
  if (!asked.ok) throw new Error(asked.error);
  return { app, runId: asked.data.runId };
}

describe("which upgrades need a second person", () => {
  it("an engineer's direct start of a production upgrade is refused, and nothing changes", async () => {
    const prod = await appWhere(true);
    const before = await world();
    const refused = await action.runAction(specs.startUpgradeSpec, eli, await inputFor(prod));
    expect(refused).toMatchObject({ ok: false, status: 403 });
    expect(!refused.ok && refused.error).toMatch(/production application \(tag env=prod\).*request it instead/);
    expect(await world()).toEqual(before);
  });

  it("a high-risk upgrade of a non-production application needs one too; a low-risk one needs none", async () => {
    const risky = await appWhere(false, "high");
    const refused = await action.runAction(specs.startUpgradeSpec, eli, await inputFor(risky));
    expect(!refused.ok && refused.error).toMatch(/high risk \(score \d+\)/);
    const plain = await appWhere(false);
    const needless = await action.runAction(specs.requestApprovalSpec, eli, await inputFor(plain));
    expect(needless).toMatchObject({ ok: false, status: 409, error: expect.stringMatching(/needs no approval/) });
    const started = await action.runAction(specs.startUpgradeSpec, eli, await inputFor(plain));
    expect(started.ok).toBe(true);
  });

  it("a request waits: the worker does not touch it, and it holds the application against a second start", async () => {
    const { app, runId } = await request();
    const run = await db.upgradeRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({ state: "AWAITING_APPROVAL", step: "approval", initiatedBy: eli.email });
    expect(JSON.parse(run.approval!)).toMatchObject({
      reasons: [expect.stringMatching(/production/)],
      requestedBy: eli.email,
      preflight: { from: app.runtime, to: "FLINK-2_2", versionId: app.versionId },
    });
    const { advanceDueRuns } = await import("@/lib/upgrades/advance");
    expect(await advanceDueRuns("test-worker")).toBe(0);
    const again = await action.runAction(specs.requestApprovalSpec, eli, await inputFor(app));
    expect(again).toMatchObject({ ok: true, data: { runId, existing: true } });
    expect(await callsBesidesCodeReads(env)).toEqual([]);
    expect(await db.auditEvent.findMany({ select: { action: true, actor: true } })).toEqual([
      { action: "upgrade.approval-requested", actor: eli.email },
    ]);
  });
});

describe("stop-the-line", () => {
  it("takes no new request while the line is stopped, and nothing is written", async () => {
    const prod = await appWhere(true);
    await db.changeControl.create({ data: { id: "global", stopped: true, reason: "INC-7", changedBy: "ana" } });
    try {
      const before = await world();
      const refused = await action.runAction(specs.requestApprovalSpec, eli, await inputFor(prod));
      expect(refused).toMatchObject({
        ok: false,
        error: expect.stringMatching(/Stop-the-line is on \(by ana: INC-7\)/),
      });
      expect(await world()).toEqual(before);
    } finally {
      await db.changeControl.deleteMany();
    }
  });
});

describe("four eyes", () => {
  it("the requester cannot approve, even as an admin; a second person can, and the run then starts", async () => {
    const ana = person("ana@example.com", ["admin"]);
    const { runId } = await request(ana);
    const before = await world();
    const own = await action.runAction(specs.approveUpgradeSpec, ana, { runId });
    expect(own).toMatchObject({ ok: false, status: 403, error: expect.stringMatching(/second person must/) });
    const ownReject = await action.runAction(specs.rejectUpgradeSpec, ana, { runId, reason: "changed my mind" });
    expect(ownReject).toMatchObject({ ok: false, status: 403 });
    const engineer = await action.runAction(specs.approveUpgradeSpec, eli, { runId });
    expect(engineer).toMatchObject({ ok: false, status: 403, error: expect.stringMatching(/approval\.decide/) });
    expect(await world()).toEqual(before);

    const approved = await action.runAction(specs.approveUpgradeSpec, ada, { runId, note: "window agreed" });
    expect(approved).toMatchObject({ ok: true, data: { runId } });
    expect(await db.upgradeRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({
      state: "ACTIVE",
      step: "preflight",
      decidedBy: ada.email,
      approvalNote: "window agreed",
    });
    const second = await action.runAction(specs.approveUpgradeSpec, person("bo@example.com", ["approver"]), {
      runId,
    });
    expect(second).toMatchObject({ ok: false, error: expect.stringMatching(/already been decided/) });
    // The worker now advances it: preflight reads the application and passes on to the runbook's next step.
    const started = await driveRun(runId, (r) => r.step !== "preflight");
    expect(started).toMatchObject({ state: "ACTIVE", step: "safety" });
    const actions = await db.auditEvent.findMany({ orderBy: { id: "asc" }, select: { action: true, actor: true } });
    expect(actions).toEqual([
      { action: "upgrade.approval-requested", actor: ana.email },
      { action: "upgrade.approved", actor: ada.email },
    ]);
  });

  it("a rejection needs a reason, ends the request and frees the application", async () => {
    const { app, runId } = await request();
    const bare = await action.runAction(specs.rejectUpgradeSpec, ada, { runId, reason: " " });
    expect(bare).toMatchObject({ ok: false, status: 400, fieldErrors: { reason: [expect.any(String)] } });
    const rejected = await action.runAction(specs.rejectUpgradeSpec, ada, { runId, reason: "peak season freeze" });
    expect(rejected.ok).toBe(true);
    expect(await db.upgradeRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({
      state: "DONE",
      outcome: "REJECTED",
      activeKey: null,
      decidedBy: ada.email,
      approvalNote: "peak season freeze",
    });
    expect(await callsBesidesCodeReads(env)).toEqual([]);
    const { queryHistory } = await import("@/lib/history/queries");
    const { parseHistoryFilters } = await import("@/lib/history/filters");
    const { rows } = await queryHistory(parseHistoryFilters({}));
    expect(rows.find((r) => r.id === runId)).toMatchObject({
      outcome: "REJECTED",
      approval: "rejected",
      decidedBy: ada.email,
      approvalNote: "peak season freeze",
    });
    const anew = await action.runAction(specs.requestApprovalSpec, eli, await inputFor(app));
    expect(anew).toMatchObject({ ok: true, data: { existing: false } });
  });
});

describe("a request that no longer holds", () => {
  it("a new version of the application voids it at approval: refused, audited, nothing sent", async () => {
    const { app, runId } = await request();
    await msfClient(env.emulator.url, region).send(
      new UpdateApplicationCommand({
        ApplicationName: app.name,
        CurrentApplicationVersionId: app.versionId,
        RunConfigurationUpdate: { FlinkRunConfiguration: { AllowNonRestoredState: true } },
      }),
    );
    await env.emulator.control.resetCalls();
    const approved = await action.runAction(specs.approveUpgradeSpec, ada, { runId });
    expect(approved).toMatchObject({ ok: false, error: expect.stringMatching(/changed since the request/) });
    expect(await db.upgradeRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({
      state: "DONE",
      outcome: "VOIDED",
      activeKey: null,
    });
    const calls = await env.emulator.control.calls();
    expect(calls.map((c) => c.operation)).toEqual(["DescribeApplication"]);
    expect(await db.auditEvent.findMany({ where: { actor: ada.email }, select: { action: true } })).toEqual([
      { action: "upgrade.approval-voided" },
    ]);
  });

  it("the sweep voids a request once the inventory sees the new version, and expires one nobody decided", async () => {
    const stale = await request();
    // The same name in another account, at another version, is another application: it voids nothing.
    const mine = await db.fleetApp.findUniqueOrThrow({
      where: { account_region_name: { account: TEST_ACCOUNT, region, name: stale.app.name } },
    });
    await db.fleetApp.create({
      data: { ...mine, id: undefined, account: "210987654321", versionId: mine.versionId + 5 },
    });
    expect(await decide.sweepApprovals()).toBe(0);
    await msfClient(env.emulator.url, region).send(
      new UpdateApplicationCommand({
        ApplicationName: stale.app.name,
        CurrentApplicationVersionId: stale.app.versionId,
        RunConfigurationUpdate: { FlinkRunConfiguration: { AllowNonRestoredState: true } },
      }),
    );
    expect(await decide.sweepApprovals()).toBe(0);
    const { refreshApplication } = await import("@/lib/fleet/refresh-application");
    await refreshApplication({ account: TEST_ACCOUNT, region, name: stale.app.name });
    expect(await decide.sweepApprovals()).toBe(1);
    expect((await db.upgradeRun.findUniqueOrThrow({ where: { id: stale.runId } })).outcome).toBe("VOIDED");

    const late = await request();
    const expiresAt = (await db.upgradeRun.findUniqueOrThrow({ where: { id: late.runId } })).approvalExpiresAt!;
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(23 * 3_600_000);
    expect(await decide.sweepApprovals(new Date(expiresAt.getTime() - 1000))).toBe(0);
    expect(await decide.sweepApprovals(expiresAt)).toBe(1);
    expect((await db.upgradeRun.findUniqueOrThrow({ where: { id: late.runId } })).outcome).toBe("EXPIRED");
  });

  it("an approval after the request lapsed is refused and the request expires", async () => {
    const { runId } = await request();
    await db.upgradeRun.update({ where: { id: runId }, data: { approvalExpiresAt: new Date(Date.now() - 1000) } });
    const approved = await action.runAction(specs.approveUpgradeSpec, ada, { runId });
    expect(approved).toMatchObject({ ok: false, error: expect.stringMatching(/expired/) });
    expect(await db.upgradeRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ outcome: "EXPIRED" });
    expect(await callsBesidesCodeReads(env)).toEqual([]);
  });
});

describe("what never waits, and who may act where", () => {
  it("a rollback of the application gives the waiting request way, at once", async () => {
    const { app, runId } = await request();
    const rolled = await action.runAction(specs.requestRollbackSpec, eli, {
      account: TEST_ACCOUNT,
      region,
      name: app.name,
      reason: "restart loop seen on the dashboard",
    });
    expect(rolled.ok).toBe(true);
    const request_ = await db.upgradeRun.findUniqueOrThrow({ where: { id: runId } });
    expect(request_).toMatchObject({ state: "DONE", outcome: "CANCELLED", activeKey: null, decidedBy: null });
    const rollback = await db.upgradeRun.findUniqueOrThrow({
      where: { activeKey: `${TEST_ACCOUNT}/${region}/${app.name}` },
    });
    expect(rollback).toMatchObject({ kind: "ROLLBACK", state: "ACTIVE", step: "rollback" });
  });

  it("a user scoped to teams acts only on their applications; the refusal writes nothing", async () => {
    const app = await appWhere(true);
    const outsider = person("pat@example.com", ["engineer", "approver"], ["no-such-team"]);
    const before = await world();
    const refused = await action.runAction(specs.requestApprovalSpec, outsider, await inputFor(app));
    expect(refused).toMatchObject({ ok: false, status: 403, error: expect.stringMatching(/you act for no-such-team/) });
    expect(await world()).toEqual(before);
    const { runId } = await request();
    const approveOutside = await action.runAction(specs.approveUpgradeSpec, outsider, { runId });
    expect(approveOutside).toMatchObject({ ok: false, status: 403 });
    const member = person("tess@example.com", ["approver"], [app.team!]);
    expect(await action.runAction(specs.approveUpgradeSpec, member, { runId })).toMatchObject({ ok: true });
  });
});
