import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { setupAppTestEnv, type AppTestEnv, TEST_ACCOUNT } from "@/tests/support/app-test-env";
import { msfClient } from "@/emulator/tests/harness";
import { bumpVersion } from "@/tests/support/bump-version";

// Integration: the real sync code, the real SDK, the emulator on the wire, a real SQLite file.
let env: AppTestEnv;
let lib: {
  sync: typeof import("./sync");
  db: typeof import("@/lib/db");
};
const actor = { id: "tester@example.com", source: "user" as const };
const regions = ["us-east-1", "eu-west-1", "ap-southeast-2"];

beforeAll(async () => {
  env = await setupAppTestEnv({ regions });
  lib = { sync: await import("./sync"), db: await import("@/lib/db") };
});

afterAll(async () => {
  await lib.db.db.$disconnect();
  await env.close();
});

beforeEach(async () => {
  await env.emulator.control.reset();
  await lib.db.db.fleetApp.deleteMany();
  await lib.db.db.inventorySync.deleteMany();
});

async function seededApps() {
  const state = await env.emulator.control.state();
  return state.accounts.flatMap((a) => a.regions.flatMap((r) => r.apps.map((app) => ({ ...app, region: r.region }))));
}

async function syncOnce() {
  const { id } = await lib.sync.requestSync(actor);
  expect(await lib.sync.runQueuedSync()).toBe(id);
  return lib.db.db.inventorySync.findUniqueOrThrow({ where: { id } });
}

describe("inventory sync against the emulator", () => {
  it("stores every application of every region with a risk assessment, and counts runtimes", async () => {
    const apps = await seededApps();
    expect(apps.length).toBeGreaterThanOrEqual(60);
    const sync = await syncOnce();
    expect(sync.status).toBe("SUCCEEDED");
    expect(sync.total).toBe(apps.length);
    expect(sync.described).toBe(apps.length);

    const stored = await lib.db.db.fleetApp.findMany();
    expect(stored.map((a) => `${a.region}/${a.name}`).sort()).toEqual(apps.map((a) => `${a.region}/${a.name}`).sort());
    for (const row of stored) {
      expect(["low", "medium", "high", "blocked"]).toContain(row.riskLevel);
      expect(JSON.parse(row.risk).factors).toBeInstanceOf(Array);
    }
    const counts = JSON.parse(sync.runtimeCounts) as Record<string, number>;
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(apps.length);
    expect(counts["FLINK-2_2"]).toBe(apps.filter((a) => a.runtime === "FLINK-2_2").length);
  });

  it("makes the floor of calls: ceil(N/50) list pages, one describe per application", async () => {
    await env.emulator.control.resetCalls();
    const apps = await seededApps();
    await syncOnce();
    const calls = await env.emulator.control.calls();
    const count = (operation: string, region?: string) =>
      calls
        .filter((c) => c.operation === operation && (!region || c.region === region))
        .reduce((n, c) => n + c.count, 0);
    for (const region of regions) {
      const inRegion = apps.filter((a) => a.region === region).length;
      expect(count("ListApplications", region)).toBe(Math.ceil(inRegion / 50));
      expect(count("GetMetricData", region)).toBe(Math.ceil((3 * inRegion) / 500));
    }
    expect(count("DescribeApplication")).toBe(apps.length);
    expect(count("ListTagsForResource")).toBe(apps.length);
  });

  it("keeps other regions when one region answers 5xx, and reports it", async () => {
    await syncOnce();
    const before = await lib.db.db.fleetApp.count({ where: { region: "eu-west-1" } });
    await env.emulator.control.setFaults({ service: "kinesisanalytics", region: "eu-west-1", errorRate: 1 });
    const sync = await syncOnce();
    expect(sync.status).toBe("PARTIAL");
    const errors = JSON.parse(sync.regionErrors) as { region: string; message: string }[];
    expect(errors.map((e) => e.region)).toEqual(["eu-west-1"]);
    expect(errors[0]!.message).toMatch(/unavailable/i);
    expect(await lib.db.db.fleetApp.count({ where: { region: "eu-west-1" } })).toBe(before);
    expect(await lib.db.db.fleetApp.count({ where: { region: "us-east-1", syncId: sync.id } })).toBeGreaterThan(0);
  });

  it("completes under throttling thanks to the SDK's adaptive retry", async () => {
    await env.emulator.control.setFaults({ service: "kinesisanalytics", throttleRps: 40 });
    const apps = await seededApps();
    const sync = await syncOnce();
    expect(sync.status).toBe("SUCCEEDED");
    expect(await lib.db.db.fleetApp.count()).toBe(apps.length);
    const throttled = (await env.emulator.control.calls()).filter((c) => c.throttled).length;
    expect(throttled).toBeGreaterThan(0);
  });

  it("drops an application deleted between listing and describing, through the describe path", async () => {
    await syncOnce();
    // Describes are slow, so the list has answered (with the victim in it) before the victim is described.
    await env.emulator.control.setFaults({
      service: "kinesisanalytics",
      region: "us-east-1",
      operation: "DescribeApplication",
      latencyMs: 400,
    });
    await env.emulator.control.resetCalls();
    const victim = (await seededApps()).filter((a) => a.region === "us-east-1").at(-1)!;
    const { id } = await lib.sync.requestSync(actor, undefined, { full: true });
    const running = lib.sync.runQueuedSync();
    const described = async () =>
      (await env.emulator.control.calls()).some(
        (c) => c.operation === "DescribeApplication" && c.region === "us-east-1",
      );
    for (let i = 0; i < 500 && !(await described()); i++) await new Promise((r) => setTimeout(r, 10));
    await env.emulator.control.deleteApp("us-east-1", victim.name);
    expect(await running).toBe(id);
    const sync = await lib.db.db.inventorySync.findUniqueOrThrow({ where: { id } });
    expect(sync.status).toBe("SUCCEEDED");
    const calls = await env.emulator.control.calls();
    expect(calls.some((c) => c.operation === "DescribeApplication" && c.app === victim.name)).toBe(true);
    expect(
      await lib.db.db.fleetApp.findUnique({
        where: { account_region_name: { account: TEST_ACCOUNT, region: "us-east-1", name: victim.name } },
      }),
    ).toBeNull();
  });

  it("gives one sync at a time: a second request returns the queued one", async () => {
    const first = await lib.sync.requestSync(actor);
    const second = await lib.sync.requestSync(actor);
    expect(second).toEqual({ id: first.id, alreadyActive: true });
  });

  it("gives one sync for requests that arrive together", async () => {
    const results = await Promise.all([1, 2, 3].map(() => lib.sync.requestSync(actor)));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => !r.alreadyActive)).toHaveLength(1);
    expect(await lib.db.db.inventorySync.count({ where: { status: "QUEUED" } })).toBe(1);
  });
});

describe("incremental refresh", () => {
  const count = async (operation: string) =>
    (await env.emulator.control.calls()).filter((c) => c.operation === operation).reduce((n, c) => n + c.count, 0);

  const updateParallelism = (region: string, name: string) => bumpVersion(msfClient(env.emulator.url, region), name);

  it("after a full sync, reads only the changed application, drops the deleted one, keeps the rest", async () => {
    const apps = (await seededApps()).filter((a) => a.status === "RUNNING");
    const [changed, gone] = [apps.find((a) => a.region === "eu-west-1")!, apps.find((a) => a.region === "us-east-1")!];
    const all = (await seededApps()).length;
    expect((await syncOnce()).kind).toBe("full");
    const before = await lib.db.db.fleetApp.findUniqueOrThrow({
      where: { account_region_name: { account: TEST_ACCOUNT, region: changed.region, name: changed.name } },
    });
    await updateParallelism(changed.region, changed.name);
    await env.emulator.control.deleteApp(gone.region, gone.name);
    await env.emulator.control.resetCalls();

    const sync = await syncOnce();
    expect(sync).toMatchObject({ kind: "incremental", status: "SUCCEEDED", total: 1, described: 1, kept: all - 2 });
    expect(await count("DescribeApplication")).toBe(1);
    expect(await count("ListTagsForResource")).toBe(1);
    expect(await count("ListApplications")).toBe(regions.length);
    const after = await lib.db.db.fleetApp.findUniqueOrThrow({
      where: { account_region_name: { account: TEST_ACCOUNT, region: changed.region, name: changed.name } },
    });
    expect(after.versionId).toBe(before.versionId + 1);
    expect(after.status).toBe("UPDATING");
    expect(await lib.db.db.fleetApp.count()).toBe(all - 1);
    expect(await lib.db.db.fleetApp.count({ where: { syncId: sync.id } })).toBe(all - 1);
    const counts = JSON.parse(sync.runtimeCounts) as Record<string, number>;
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(all - 1);
  });

  it("reads an unchanged application again once its last read is older than the refresh period", async () => {
    await syncOnce();
    const [one] = await lib.db.db.fleetApp.findMany({ where: { region: "ap-southeast-2" }, take: 1 });
    await lib.db.db.fleetApp.update({
      where: { id: one!.id },
      data: { readAt: new Date(Date.now() - 31 * 60_000) },
    });
    await env.emulator.control.resetCalls();
    const sync = await syncOnce();
    expect(sync).toMatchObject({ kind: "incremental", total: 1 });
    const calls = await env.emulator.control.calls();
    expect(calls.filter((c) => c.operation === "DescribeApplication").map((c) => c.app)).toEqual([one!.name]);
  });

  it("runs a full sync again once the last full one is an hour old, and when a person asks for one", async () => {
    const first = await syncOnce();
    await lib.db.db.inventorySync.update({
      where: { id: first.id },
      data: { startedAt: new Date(Date.now() - 60 * 60_000) },
    });
    expect((await syncOnce()).kind).toBe("full");
    expect((await syncOnce()).kind).toBe("incremental");
    const { id } = await lib.sync.requestSync(actor, undefined, { full: true });
    await lib.sync.runQueuedSync();
    expect((await lib.db.db.inventorySync.findUniqueOrThrow({ where: { id } })).kind).toBe("full");
  });
});
