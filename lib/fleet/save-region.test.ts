import Database from "better-sqlite3";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { createMigratedDatabase, TEST_ACCOUNT } from "@/tests/support/app-test-env";
import type { AppOutcome } from "./save-region";

// The real region save on a real SQLite file; the disk "fills up" at the third application.
let dir: string;
let lib: { db: typeof import("@/lib/db").db; saveRegion: typeof import("./save-region").saveRegion };

beforeAll(async () => {
  const created = createMigratedDatabase();
  dir = created.dir;
  const sqlite = new Database(created.dbFile);
  sqlite.exec(`CREATE TRIGGER disk_full BEFORE INSERT ON FleetApp WHEN NEW.name = 'app-3'
    BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;`);
  sqlite.close();
  process.env.DATABASE_URL = `file:${created.dbFile}`;
  lib = { db: (await import("@/lib/db")).db, saveRegion: (await import("./save-region")).saveRegion };
});

afterAll(async () => {
  await lib.db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

function failedRead(name: string): AppOutcome {
  return { kind: "failed", summary: { ApplicationName: name, ApplicationStatus: "RUNNING" } as never, message: "x" };
}

it("a region save that rolls back does not take the upgrade worker's concurrent write with it", async () => {
  const { db, saveRegion } = lib;
  const sync = await db.inventorySync.create({ data: { status: "RUNNING", triggeredBy: "test" } });
  const run = await db.upgradeRun.create({
    data: {
      account: TEST_ACCOUNT,
      region: "us-east-1",
      appName: "orders",
      fromRuntime: "FLINK-1_20",
      toRuntime: "FLINK-2_2",
      expectedVersionId: 1,
      initiatedBy: "test",
      options: "{}",
    },
  });
  const intentAt = new Date("2026-11-28T12:00:00Z");
  let intentWrite: Promise<unknown> | undefined;
  // The upgrade lane stores its intent timestamp just as the region save starts writing rows.
  const originalPrepare = Database.prototype.prepare;
  const prepare = vi.spyOn(Database.prototype, "prepare");
  prepare.mockImplementation(function (this: Database.Database, sql: string) {
    if (!intentWrite && sql.includes("FleetApp")) {
      intentWrite = db.upgradeRun.update({ where: { id: run.id }, data: { updateCalledAt: intentAt } }).then(() => 1);
    }
    return originalPrepare.call(this, sql);
  });

  const outcomes = ["app-1", "app-2", "app-3", "app-4"].map(failedRead);
  await expect(
    saveRegion(sync.id, { account: TEST_ACCOUNT, region: "us-east-1" }, outcomes, new Date()),
  ).rejects.toThrow();
  prepare.mockRestore();
  await intentWrite;

  expect(intentWrite).toBeDefined();
  expect(await db.fleetApp.count()).toBe(0);
  const stored = await db.upgradeRun.findUniqueOrThrow({ where: { id: run.id } });
  expect(stored.updateCalledAt).toEqual(intentAt);
});
