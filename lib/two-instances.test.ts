import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { setupAppTestEnv, TEST_ACCOUNT, type AppTestEnv } from "@/tests/support/app-test-env";
import { withLoadingBuilds } from "@/tests/support/loading-builds";
import { testActor, upgradeInput } from "@/tests/support/upgrade-driver";
import { killAllWorkers, startWorker, waitFor } from "@/tests/support/workers";

// Two app instances on one database, played by two real worker processes (scripts/worker.ts): a queued sync is run
// by one of them only, and 100 queued upgrade runs are each advanced by one instance at a time, so every AWS
// mutation of a run is sent once. Runs on SQLite in `npm run test:unit` and on PostgreSQL in `npm run test:pg`.
let env: AppTestEnv;
let db: (typeof import("@/lib/db"))["db"];
const regions = ["us-east-1", "eu-west-1", "ap-southeast-2"];
const RUNS = 100;

beforeAll(async () => {
  env = await setupAppTestEnv({
    regions,
    apps: 150,
    // Short leases (twice the request timeout) and a fast clock; no scheduled sync: the test queues its own.
    extraEnv: { UPGRADE_TIME_SCALE: String(1 / 60), SYNC_INTERVAL_SECONDS: "86400", AWS_REQUEST_TIMEOUT_MS: "2000" },
  });
  db = (await import("@/lib/db")).db;
});

afterEach(killAllWorkers);

afterAll(async () => {
  await db.$disconnect();
  await env.close();
});

const sentPerApp = (calls: Awaited<ReturnType<AppTestEnv["emulator"]["control"]["calls"]>>, operation: string) => {
  const sent = new Map<string, number>();
  for (const c of calls)
    if (c.operation === operation && c.app)
      sent.set(`${c.region}/${c.app}`, (sent.get(`${c.region}/${c.app}`) ?? 0) + c.count);
  return sent;
};

describe("two instances on one database", () => {
  it("a queued sync is claimed and run by one instance only", async () => {
    const sync = await import("@/lib/fleet/sync");
    const { id } = await sync.requestSync(testActor, undefined, { full: true });
    await env.emulator.control.resetCalls();
    startWorker();
    startWorker();
    const done = await waitFor(
      () => db.inventorySync.findUniqueOrThrow({ where: { id } }),
      (s) => s.status !== "QUEUED" && s.status !== "RUNNING",
      120_000,
      200,
    );
    expect(done.status).toBe("SUCCEEDED");
    expect(await db.inventorySync.count()).toBe(1);
    const calls = await env.emulator.control.calls();
    const described = sentPerApp(calls, "DescribeApplication");
    expect(described.size).toBe(await db.fleetApp.count());
    // Read once: a second instance running the same sync would describe every application twice.
    expect([...described.values()].every((n) => n === 1)).toBe(true);
    const lists = calls.filter((c) => c.operation === "ListApplications").reduce((n, c) => n + c.count, 0);
    expect(lists).toBe(regions.length * Math.ceil(150 / regions.length / 50));
  }, 180_000);

  it(`${RUNS} queued runs: each advanced by one instance at a time, every mutation sent once`, async () => {
    const { startUpgrade } = await import("@/lib/upgrades/start-upgrade");
    const candidates = await db.fleetApp.findMany({
      where: {
        account: TEST_ACCOUNT,
        status: "RUNNING",
        riskLevel: { in: ["low", "medium", "high"] },
        runtime: { startsWith: "FLINK-1" },
      },
      orderBy: { name: "asc" },
    });
    const apps = (await withLoadingBuilds(candidates)).slice(0, RUNS);
    expect(apps).toHaveLength(RUNS);
    await env.emulator.control.resetCalls();
    // Queued while no instance runs, so both start with all of them due.
    for (const app of apps)
      await startUpgrade(testActor, upgradeInput(app.region, app.name, { expectedVersionId: app.versionId }));
    expect(await db.upgradeRun.count({ where: { kind: "UPGRADE", state: { not: "DONE" } } })).toBe(RUNS);
    startWorker();
    startWorker();
    const runs = await waitFor(
      () => db.upgradeRun.findMany({ where: { kind: "UPGRADE" } }),
      (all) => all.filter((r) => r.state === "DONE" || r.state === "NEEDS_DECISION").length === RUNS,
      300_000,
      200,
    );
    expect(runs.filter((r) => r.state === "DONE" || r.state === "NEEDS_DECISION")).toHaveLength(RUNS);
    // Two instances advancing one run would send its update twice: MSF refuses the second (a stale version id), and
    // the run ends FAILED; a snapshot or a rollback would simply be sent twice.
    expect(runs.filter((r) => r.error?.includes("ConcurrentModification")).map((r) => r.error)).toEqual([]);
    const calls = await env.emulator.control.calls();
    const updates = sentPerApp(calls, "UpdateApplication");
    const snapshots = sentPerApp(calls, "CreateApplicationSnapshot");
    const rollbacks = sentPerApp(calls, "RollbackApplication");
    const advancedTwice = apps.filter((app) => {
      const key = `${app.region}/${app.name}`;
      // At most: the safety settings and the upgrade; one snapshot; one rollback.
      return (updates.get(key) ?? 0) > 2 || (snapshots.get(key) ?? 0) > 1 || (rollbacks.get(key) ?? 0) > 1;
    });
    expect(advancedTwice.map((app) => app.name)).toEqual([]);
    expect([...updates.keys()]).toHaveLength(RUNS);
  }, 420_000);
});
