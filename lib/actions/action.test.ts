import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetWriteWorld, setupAppTestEnv, type AppTestEnv, TEST_ACCOUNT } from "@/tests/support/app-test-env";
import { upgradeInput } from "@/tests/support/upgrade-driver";
import type { Role } from "@/lib/auth/roles";
import type { SignedInUser } from "@/lib/auth/session";

// The one path of every write, against a real database and the emulator: no write without the right role, the
// audit row with the change or not at all, and no action that bypasses the wrapper.
let env: AppTestEnv;
let db: (typeof import("@/lib/db"))["db"];
let action: typeof import("./action");
let specs: typeof import("./specs");
const region = "us-east-1";
const app = "orders-enricher";

const user = (roles: Role[], email = `${roles.join("-")}@example.com`): SignedInUser => ({
  sessionId: "s",
  subject: email,
  email,
  name: email,
  roles,
  teams: [],
});

beforeAll(async () => {
  env = await setupAppTestEnv({ regions: [region], extraEnv: { UPGRADE_TIME_SCALE: String(1 / 60) } });
  db = (await import("@/lib/db")).db;
  action = await import("./action");
  specs = await import("./specs");
});

afterAll(async () => {
  await db.$disconnect();
  await env.close();
});

beforeEach(async () => {
  await resetWriteWorld(env);
});

async function inputFor(name = app) {
  const row = await db.fleetApp.findUniqueOrThrow({
    where: { account_region_name: { account: TEST_ACCOUNT, region, name } },
  });
  return upgradeInput(region, name, { expectedVersionId: row.versionId });
}

/** What a refused call must leave untouched: runs, syncs, audit rows, and every AWS call. */
async function world() {
  const calls = await env.emulator.control.calls();
  return {
    runs: await db.upgradeRun.count(),
    syncs: await db.inventorySync.count(),
    audits: await db.auditEvent.count(),
    aws: calls.reduce((n, c) => n + c.count, 0),
  };
}

describe("every write is refused without the right role, and nothing changes", () => {
  it("anonymous calls, and calls by roles without the permission, of each action are refused before any write or AWS call", async () => {
    const run = (await action.runAction(specs.startUpgradeSpec, user(["engineer"]), await inputFor())) as {
      ok: true;
      data: { runId: string };
    };
    expect(run.ok).toBe(true);
    await env.emulator.control.resetCalls();
    const before = await world();
    const notEngineers: Role[][] = [["viewer"], ["manager"], ["approver"]];
    const notApprovers: Role[][] = [["viewer"], ["manager"], ["engineer"]];
    const cases = [
      [specs.requestSyncSpec, null, notEngineers],
      [specs.startUpgradeSpec, await inputFor("clickstream-sessionizer"), notEngineers],
      [specs.requestApprovalSpec, await inputFor("clickstream-sessionizer"), notEngineers],
      [specs.requestRollbackSpec, { runId: run.data.runId, reason: "forged" }, notEngineers],
      [specs.abortMonitoringSpec, { runId: run.data.runId }, notEngineers],
      [specs.cancelRunSpec, { runId: run.data.runId }, notEngineers],
      [specs.approveUpgradeSpec, { runId: run.data.runId }, notApprovers],
      [specs.rejectUpgradeSpec, { runId: run.data.runId, reason: "forged" }, notApprovers],
      [
        specs.replaceAlarmsSpec,
        {
          account: TEST_ACCOUNT,
          region,
          name: "payments-fraud-scorer",
          alarmNames: ["payments-fraud-scorer-full-restarts"],
        },
        notEngineers,
      ],
    ] as const;
    for (const [spec, input, refusedRoles] of cases) {
      const anonymous = await action.runAction(spec as never, null, input);
      expect({ spec: spec.name, status: anonymous.ok ? 200 : anonymous.status }).toEqual({
        spec: spec.name,
        status: 401,
      });
      for (const roles of refusedRoles) {
        const refused = await action.runAction(spec as never, user(roles), input);
        expect({ spec: spec.name, roles, status: refused.ok ? 200 : refused.status }).toEqual({
          spec: spec.name,
          roles,
          status: 403,
        });
      }
    }
    expect(await world()).toEqual(before);
  });

  it("a forged body is refused by the schema, an oversized one before parsing", async () => {
    const before = await world();
    const forged = await action.runAction(specs.startUpgradeSpec, user(["engineer"]), { region, name: 5 });
    expect(forged).toMatchObject({ ok: false, status: 400, error: "Some fields need attention." });
    const huge = await action.runAction(specs.requestRollbackSpec, user(["engineer"]), {
      account: TEST_ACCOUNT,
      region,
      name: app,
      reason: "x".repeat(100_000),
    });
    expect(huge).toMatchObject({ ok: false, status: 400, error: "The request is too large." });
    expect(await world()).toEqual(before);
  });
});

describe("the audit row", () => {
  it("is written with the change: who, roles, action, target, before/after, request id", async () => {
    const started = await action.runAction(
      specs.startUpgradeSpec,
      user(["engineer", "approver"], "eli@example.com"),
      await inputFor(),
    );
    expect(started.ok).toBe(true);
    const rows = await db.auditEvent.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor: "eli@example.com",
      roles: JSON.stringify(["engineer", "approver"]),
      action: "upgrade.requested",
      target: `${TEST_ACCOUNT}/${region}/${app}`,
    });
    expect(JSON.parse(rows[0]!.before!)).toMatchObject({ runtime: "FLINK-1_20" });
    expect(JSON.parse(rows[0]!.after!)).toMatchObject({ runtime: "FLINK-2_2" });
    expect(rows[0]!.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const run = await db.upgradeRun.findFirstOrThrow();
    expect(run.initiatedBy).toBe("eli@example.com");
  });

  it("is not written when the verb's write fails: a second start of the same app changes nothing", async () => {
    const engineer = user(["engineer"]);
    const first = await action.runAction(specs.startUpgradeSpec, engineer, await inputFor());
    const second = await action.runAction(specs.startUpgradeSpec, engineer, await inputFor());
    expect(second).toMatchObject({ ok: true, data: { existing: true } });
    expect(first.ok && second.ok && first.data.runId === second.data.runId).toBe(true);
    expect(await db.auditEvent.count()).toBe(1);
  });

  it("is not written when the verb refuses: a rollback of an unknown application", async () => {
    const refused = await action.runAction(specs.requestRollbackSpec, user(["engineer"]), {
      account: TEST_ACCOUNT,
      region,
      name: "no-such-app",
      reason: "test",
    });
    expect(refused).toMatchObject({ ok: false, status: 409, error: "Unknown application." });
    expect(await db.auditEvent.count()).toBe(0);
  });

  it("a rollback needs no approval: an engineer's request is recorded at once with its row", async () => {
    const rolled = await action.runAction(specs.requestRollbackSpec, user(["engineer"]), {
      account: TEST_ACCOUNT,
      region,
      name: app,
      reason: "restart loop",
    });
    expect(rolled.ok).toBe(true);
    expect(await db.auditEvent.findMany({ select: { action: true, target: true } })).toEqual([
      { action: "rollback.requested", target: `${TEST_ACCOUNT}/${region}/${app}` },
    ]);
  });
});

describe("no write bypasses the wrapper", () => {
  const root = path.resolve(import.meta.dirname, "../..");
  const files = (dir: string): string[] =>
    readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)],
    );

  it("every server action only serves a spec", () => {
    const sources = files("app").filter((f) => /\.(ts|tsx)$/.test(f));
    const actionFiles = sources.filter((f) => /^["']use server["']/m.test(readFileSync(path.join(root, f), "utf8")));
    expect(actionFiles.sort()).toEqual([
      "app/actions/campaigns.ts",
      "app/actions/controls.ts",
      "app/actions/sync.ts",
      "app/actions/upgrades.ts",
    ]);
    for (const file of actionFiles) {
      const source = readFileSync(path.join(root, file), "utf8");
      const exported = [...source.matchAll(/export async function (\w+)\([^)]*\) \{\n([\s\S]*?)\n\}/g)];
      expect(exported.length).toBeGreaterThan(0);
      expect(source.match(/^export /gm)?.length).toBe(exported.length);
      for (const [, name, body] of exported)
        expect({ file, name, body: body!.trim() }).toMatchObject({
          body: expect.stringMatching(/^return serve\(\w+Spec, \w+\);$/),
        });
    }
  });

  it("every mutating route handler goes through runAction, except the sign-in callback that creates the identity", () => {
    const handlers = files("app").filter((f) => /route\.ts$/.test(f));
    const mutating = handlers.filter((f) =>
      /export async function (POST|PUT|PATCH|DELETE)\b/.test(readFileSync(path.join(root, f), "utf8")),
    );
    expect(mutating).toEqual(["app/auth/logout/route.ts"]);
    for (const file of mutating) expect(readFileSync(path.join(root, file), "utf8")).toMatch(/runAction\(\w+Spec,/);
    // GET handlers write nothing, except the OIDC callback (a session and its audit row, in one transaction).
    const writers = handlers.filter((f) =>
      /db\.|createSession|\$transaction/.test(readFileSync(path.join(root, f), "utf8")),
    );
    expect(writers).toEqual(["app/auth/callback/route.ts"]);
  });
});
