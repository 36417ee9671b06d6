import { ListApplicationsCommand } from "@aws-sdk/client-kinesis-analytics-v2";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { setupAppTestEnv, TEST_ACCOUNT, type AppTestEnv } from "@/tests/support/app-test-env";
import { driveRun, settleRuns, upgradeInput } from "@/tests/support/upgrade-driver";

// Integration: many accounts through STS AssumeRole, with the real SDK against the emulator (its STS, its roles and
// its per-account fleets), the real sync and a real database.
const PAYMENTS = "210987654321";
const ANALYTICS = "345678901234";
const role = "MsfFleetDashboard";
const accounts = [
  { id: TEST_ACCOUNT, name: "platform", role },
  { id: PAYMENTS, name: "payments-prod", role },
  { id: ANALYTICS, name: "analytics-dev", role, externalId: "msf-demo-external" },
];
const regions = ["us-east-1", "eu-west-1", "ap-southeast-2"];
const actor = { id: "tester@example.com", source: "user" as const };

let env: AppTestEnv;
let lib: {
  db: (typeof import("@/lib/db"))["db"];
  sync: typeof import("@/lib/fleet/sync");
  envModule: typeof import("@/lib/env");
  accounts: typeof import("./accounts");
  clients: typeof import("./clients");
};

beforeAll(async () => {
  env = await setupAppTestEnv({
    regions,
    extraEnv: { MSF_ACCOUNTS: JSON.stringify(accounts), UPGRADE_TIME_SCALE: String(1 / 60) },
  });
  lib = {
    db: (await import("@/lib/db")).db,
    sync: await import("@/lib/fleet/sync"),
    envModule: await import("@/lib/env"),
    accounts: await import("./accounts"),
    clients: await import("./clients"),
  };
});

afterAll(async () => {
  await lib.db.$disconnect();
  await env.close();
});

beforeEach(async () => {
  await env.emulator.control.reset();
  // The reset emulator forgot the sessions it issued; real AWS never does.
  lib.clients.forgetAllSessions();
  await lib.db.fleetApp.deleteMany();
  await lib.db.inventorySync.deleteMany();
  await env.emulator.control.resetCalls();
});

async function syncOnce() {
  const { id } = await lib.sync.requestSync(actor, undefined, { full: true });
  expect(await lib.sync.runQueuedSync()).toBe(id);
  const sync = await lib.db.inventorySync.findUniqueOrThrow({ where: { id } });
  return { ...sync, errors: JSON.parse(sync.regionErrors) as { account: string; region: string; message: string }[] };
}

async function seeded(account: string) {
  const state = await env.emulator.control.state();
  return state.accounts
    .filter((a) => a.accountId === account)
    .flatMap((a) => a.regions.flatMap((r) => r.apps.map((app) => `${account}/${r.region}/${app.name}`)));
}

async function stored(account: string) {
  const rows = await lib.db.fleetApp.findMany({ where: { account }, select: { region: true, name: true } });
  return rows.map((r) => `${account}/${r.region}/${r.name}`).sort();
}

const assumeRoles = async () =>
  (await env.emulator.control.calls()).filter((c) => c.service === "sts" && c.operation === "AssumeRole");

describe("accounts through STS AssumeRole", () => {
  it("reads every account's fleet through its own role, keyed by account + region + name", async () => {
    const sync = await syncOnce();
    expect(sync.errors).toEqual([]);
    expect(sync.status).toBe("SUCCEEDED");
    for (const account of [TEST_ACCOUNT, PAYMENTS, ANALYTICS]) {
      const expected = (await seeded(account)).sort();
      expect(expected.length).toBeGreaterThan(0);
      expect(await stored(account)).toEqual(expected);
    }
    // One application name lives in all three accounts: three rows, never one overwriting another.
    const shared = await lib.db.fleetApp.groupBy({ by: ["region", "name"], _count: { account: true } });
    expect(shared.some((g) => g._count.account === 3)).toBe(true);
    // One AssumeRole per account for the whole sync (cached across regions and services), as the sync's session.
    const assumed = await assumeRoles();
    expect(assumed.reduce((n, c) => n + c.count, 0)).toBe(3);
    const calls = await env.emulator.control.calls();
    const listed = calls.filter((c) => c.operation === "ListApplications");
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((c) => c.sessionName === "msf-dashboard-sync")).toBe(true);
  });

  it("an account whose role cannot be assumed is one clear error; the others are read, its rows are kept", async () => {
    await syncOnce();
    const before = await stored(PAYMENTS);
    // A session already issued outlives a trust-policy change (as in AWS): the next hour's sync needs a new one.
    lib.clients.forgetAllSessions();
    await env.emulator.control.setRole({ accountId: PAYMENTS, roleName: role, assumable: false });
    const sync = await syncOnce();
    expect(sync.status).toBe("PARTIAL");
    const errors = sync.errors.filter((e) => e.account === PAYMENTS);
    expect(errors.map((e) => e.region).sort()).toEqual([...regions].sort());
    expect(errors[0]!.message).toMatch(/could not be assumed/);
    expect(errors[0]!.message).toMatch(/AccessDenied/);
    expect(sync.errors.filter((e) => e.account !== PAYMENTS)).toEqual([]);
    expect(await stored(PAYMENTS)).toEqual(before);
    // The fleet page says it once, for the account, with its regions.
    const { syncStatus } = await import("@/lib/fleet/queries");
    const shown = (await syncStatus()).lastFinished!.regionErrors;
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({
      account: `payments-prod (${PAYMENTS})`,
      regions: expect.arrayContaining(regions),
    });
    expect((await stored(ANALYTICS)).length).toBeGreaterThan(0);
  });

  it("an ExternalId mismatch is refused by AWS and reported the same way", async () => {
    await env.emulator.control.setRole({
      accountId: ANALYTICS,
      roleName: role,
      externalId: "another-id",
      assumable: true,
    });
    const sync = await syncOnce();
    expect(sync.status).toBe("PARTIAL");
    expect(sync.errors.filter((e) => e.account === ANALYTICS)).toHaveLength(regions.length);
    expect(sync.errors.find((e) => e.account === ANALYTICS)!.message).toMatch(/could not be assumed.*AccessDenied/);
    expect(await stored(ANALYTICS)).toEqual([]);
    expect((await stored(PAYMENTS)).length).toBeGreaterThan(0);
  });

  it("credentials that expire mid-sync are renewed and the sync finishes; no half-written region", async () => {
    await syncOnce();
    await env.emulator.control.resetCalls();
    // The cached sessions look valid to us for another hour; AWS says otherwise on the next call.
    await env.emulator.control.expireSessions();
    const sync = await syncOnce();
    expect(sync.errors).toEqual([]);
    expect(sync.status).toBe("SUCCEEDED");
    const calls = await env.emulator.control.calls();
    // Each account's first list was refused and sent again, after assuming its role again once.
    const lists = calls.filter((c) => c.operation === "ListApplications");
    expect(lists.reduce((n, c) => n + c.count, 0)).toBe(2 * 3 * regions.length);
    expect((await assumeRoles()).reduce((n, c) => n + c.count, 0)).toBe(3);
    for (const account of [TEST_ACCOUNT, PAYMENTS, ANALYTICS])
      expect(await stored(account)).toEqual((await seeded(account)).sort());
  });

  it("a session AWS no longer recognises is dropped: that call fails, the next assumes the role again", async () => {
    const scope = { account: PAYMENTS, region: "us-east-1" };
    const list = () => lib.clients.msfClient(scope).send(new ListApplicationsCommand({}));
    expect((await list()).ApplicationSummaries!.length).toBeGreaterThan(0);
    // The emulator's reset forgets the sessions it issued, the way a revoked or unknown key is met in AWS.
    await env.emulator.control.reset();
    await expect(list()).rejects.toMatchObject({ name: "UnrecognizedClientException" });
    expect((await list()).ApplicationSummaries!.length).toBeGreaterThan(0);
    expect((await assumeRoles()).reduce((n, c) => n + c.count, 0)).toBe(1);
  });

  it("a region not enabled in one account fails alone, with its rows kept", async () => {
    await syncOnce();
    const before = await stored(PAYMENTS);
    await env.emulator.control.setRegionEnabled(PAYMENTS, "ap-southeast-2", false);
    const sync = await syncOnce();
    expect(sync.status).toBe("PARTIAL");
    expect(sync.errors).toHaveLength(1);
    expect(sync.errors[0]).toMatchObject({ account: PAYMENTS, region: "ap-southeast-2" });
    expect(await stored(PAYMENTS)).toEqual(before);
  });

  it("an upgrade in one account touches only that account's application of that name, as its starter", async () => {
    await syncOnce();
    const name = "orders-enricher";
    const key = { account: PAYMENTS, region: "us-east-1", name };
    const row = await lib.db.fleetApp.findUniqueOrThrow({ where: { account_region_name: key } });
    const versions = async () => {
      const state = await env.emulator.control.state();
      return Object.fromEntries(
        state.accounts.map((a) => [
          a.accountId,
          a.regions.find((r) => r.region === "us-east-1")?.apps.find((app) => app.name === name)?.versionId,
        ]),
      );
    };
    const before = await versions();
    expect(Object.keys(before).sort()).toEqual([TEST_ACCOUNT, PAYMENTS, ANALYTICS].sort());
    await env.emulator.control.resetCalls();
    const { startUpgrade } = await import("@/lib/upgrades/start-upgrade");
    const input = upgradeInput("us-east-1", name, {
      account: PAYMENTS,
      targetRuntime: "FLINK-1_20",
      codeKey: undefined,
      expectedVersionId: row.versionId,
    });
    const { runId } = await startUpgrade(actor, input);
    const run = await driveRun(runId, (r) => r.state === "DONE" || r.step === "observe");
    expect(run.account).toBe(PAYMENTS);
    expect(run.activeKey ?? `${PAYMENTS}/us-east-1/${name}`).toBe(`${PAYMENTS}/us-east-1/${name}`);
    const after = await versions();
    expect(after[PAYMENTS]).toBeGreaterThan(before[PAYMENTS]!);
    expect(after[TEST_ACCOUNT]).toBe(before[TEST_ACCOUNT]);
    expect(after[ANALYTICS]).toBe(before[ANALYTICS]);
    const updates = (await env.emulator.control.calls()).filter((c) => c.operation === "UpdateApplication");
    expect(updates.length).toBeGreaterThan(0);
    expect(updates.every((c) => c.sessionName === "msf-dashboard-tester@example.com")).toBe(true);
    await settleRuns();
  });

  it("discovers the organization's active accounts with a role-name pattern (suspended ones left out)", async () => {
    process.env.MSF_ACCOUNTS = "[]";
    process.env.MSF_ORG_ROLE = role;
    process.env.MSF_ORG_EXTERNAL_ID = "msf-demo-external";
    lib.envModule.resetEnvForTests();
    try {
      const list = await lib.accounts.listAccounts();
      expect(list.errors).toEqual([]);
      expect(list.accounts.map((a) => a.id).sort()).toEqual([TEST_ACCOUNT, PAYMENTS, ANALYTICS].sort());
      expect(list.accounts.find((a) => a.id === PAYMENTS)).toMatchObject({
        name: "payments-prod",
        roleArn: `arn:aws:iam::${PAYMENTS}:role/${role}`,
      });
      const sync = await syncOnce();
      expect(sync.status).toBe("SUCCEEDED");
      expect((await stored(ANALYTICS)).length).toBeGreaterThan(0);
    } finally {
      process.env.MSF_ACCOUNTS = JSON.stringify(accounts);
      delete process.env.MSF_ORG_ROLE;
      delete process.env.MSF_ORG_EXTERNAL_ID;
      lib.envModule.resetEnvForTests();
    }
  });
});
