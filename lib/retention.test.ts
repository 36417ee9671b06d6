import { rmSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createMigratedDatabase, TEST_ACCOUNT } from "@/tests/support/app-test-env";

// The real prune on a real SQLite file.
let dir: string;
let lib: { db: typeof import("@/lib/db").db; retention: typeof import("./retention") };
const now = new Date("2027-06-01T00:00:00Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 60 * 60 * 1000);

beforeAll(async () => {
  const created = createMigratedDatabase();
  dir = created.dir;
  process.env.DATABASE_URL = `file:${created.dbFile}`;
  process.env.RETENTION_DAYS = "30";
  lib = { db: (await import("@/lib/db")).db, retention: await import("./retention") };
});

afterAll(async () => {
  await lib.db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  await lib.db.upgradeRun.deleteMany();
  await lib.db.fleetApp.deleteMany();
  await lib.db.inventorySync.deleteMany();
});

async function runWithEvents(appName: string, createdAt: Date, finishedAt: Date | null) {
  const run = await lib.db.upgradeRun.create({
    data: {
      account: TEST_ACCOUNT,
      region: "us-east-1",
      appName,
      fromRuntime: "FLINK-1_20",
      toRuntime: "FLINK-2_2",
      expectedVersionId: 1,
      initiatedBy: "test",
      options: "{}",
      createdAt,
      finishedAt,
      state: finishedAt ? "DONE" : "ACTIVE",
    },
  });
  await lib.db.upgradeEvent.createMany({
    data: [1, 2, 3].map((i) => ({ runId: run.id, at: createdAt, actor: "worker", kind: "state", message: `e${i}` })),
  });
  return run;
}

const eventCount = (runId: string) => lib.db.upgradeEvent.count({ where: { runId } });

async function sync(startedAt: Date, withApp = false) {
  const created = await lib.db.inventorySync.create({ data: { status: "SUCCEEDED", triggeredBy: "test", startedAt } });
  if (withApp) {
    await lib.db.fleetApp.create({
      data: {
        account: TEST_ACCOUNT,
        region: "us-east-1",
        name: `app-${created.id}`,
        arn: "arn",
        runtime: "FLINK-1_20",
        status: "RUNNING",
        versionId: 1,
        mode: "STREAMING",
        snapshotsEnabled: true,
        rollbackEnabled: true,
        riskScore: 0,
        riskLevel: "low",
        risk: "{}",
        detail: "{}",
        syncedAt: startedAt,
        syncId: created.id,
      },
    });
  }
  return created;
}

describe("pruneOldData", () => {
  it("deletes the events of runs that ended before the retention period and keeps the runs", async () => {
    const old = await runWithEvents("old", daysAgo(402), daysAgo(401));
    const recent = await runWithEvents("recent", daysAgo(11), daysAgo(10));
    const stillActive = await runWithEvents("active", daysAgo(500), null);

    expect(await lib.retention.pruneOldData(now, 400)).toMatchObject({ events: 3 });
    expect(await eventCount(old.id)).toBe(0);
    expect(await eventCount(recent.id)).toBe(3);
    expect(await eventCount(stillActive.id)).toBe(3);
    expect(await lib.db.upgradeRun.count()).toBe(3);
  });

  it("deletes old syncs, but never the newest one nor one an application row points at", async () => {
    const unreferenced = await sync(daysAgo(600));
    const referenced = await sync(daysAgo(550), true);
    const newest = await sync(daysAgo(450));

    expect(await lib.retention.pruneOldData(now, 400)).toMatchObject({ syncs: 1 });
    const left = await lib.db.inventorySync.findMany({ select: { id: true } });
    expect(left.map((s) => s.id).sort()).toEqual([referenced.id, newest.id].sort());
    expect(left.map((s) => s.id)).not.toContain(unreferenced.id);
  });
});

describe("pruneIfDue", () => {
  it("prunes with RETENTION_DAYS at most once an hour", async () => {
    const first = await runWithEvents("first", daysAgo(41), daysAgo(40));
    expect(await lib.retention.pruneIfDue(now)).toEqual({ events: 3, syncs: 0 });
    expect(await eventCount(first.id)).toBe(0);

    const second = await runWithEvents("second", daysAgo(41), daysAgo(40));
    expect(await lib.retention.pruneIfDue(new Date(now.getTime() + 59 * 60_000))).toBeNull();
    expect(await eventCount(second.id)).toBe(3);
    expect(await lib.retention.pruneIfDue(new Date(now.getTime() + 61 * 60_000))).toEqual({ events: 3, syncs: 0 });
  });
});
