import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDatabase, TEST_ACCOUNT } from "@/tests/support/app-test-env";
import { parseHistoryFilters } from "./filters";

// Integration: the history queries on a real (migrated) SQLite file, so filters, sort and paging run in SQL.
let dir: string;
let lib: { db: (typeof import("@/lib/db"))["db"]; q: typeof import("./queries") };

const day = (d: number, h = 9) => new Date(Date.UTC(2026, 10, d, h));

beforeAll(async () => {
  const created = createMigratedDatabase();
  dir = created.dir;
  process.env.DATABASE_URL = `file:${created.dbFile}`;
  lib = { db: (await import("@/lib/db")).db, q: await import("./queries") };
  const sync = await lib.db.inventorySync.create({
    data: { status: "SUCCEEDED", triggeredBy: "test", finishedAt: day(1) },
  });
  const app = (region: string, name: string, team: string | null) => ({
    account: TEST_ACCOUNT,
    region,
    name,
    team,
    arn: `arn:${name}`,
    runtime: "FLINK-1_20",
    status: "RUNNING",
    versionId: 1,
    mode: "STREAMING",
    snapshotsEnabled: true,
    rollbackEnabled: true,
    riskScore: 10,
    riskLevel: "low",
    risk: "{}",
    detail: "{}",
    syncedAt: day(1),
    syncId: sync.id,
  });
  await lib.db.fleetApp.createMany({
    data: [
      app("us-east-1", "orders", "commerce"),
      app("eu-west-1", "orders", "commerce-eu"),
      app("us-east-1", "fraud", "risk"),
    ],
  });
  const run = (i: number, o: Record<string, unknown>) => ({
    id: `run-${String(i).padStart(2, "0")}`,
    account: TEST_ACCOUNT,
    region: "us-east-1",
    appName: "orders",
    fromRuntime: "FLINK-1_20",
    toRuntime: "FLINK-2_2",
    expectedVersionId: 1,
    initiatedBy: "priya",
    options: "{}",
    createdAt: day(i),
    state: "DONE",
    step: "done",
    outcome: "SUCCEEDED",
    finishedAt: day(i, 10),
    ...o,
  });
  await lib.db.upgradeRun.createMany({
    data: [
      ...Array.from({ length: 12 }, (_, i) => run(i + 1, {})),
      run(13, {
        appName: "fraud",
        outcome: "ROLLED_BACK",
        rolledBackBy: "auto",
        initiatedBy: "maria",
        campaignId: "camp-1",
      }),
      run(14, {
        account: TEST_ACCOUNT,
        region: "eu-west-1",
        fromRuntime: "FLINK-1_15",
        toRuntime: "FLINK-1_20",
        outcome: "FAILED",
      }),
      run(15, {
        appName: "gone-app",
        outcome: null,
        state: "ACTIVE",
        step: "observe",
        finishedAt: null,
        initiatedBy: "maria",
      }),
    ],
  });
});

afterAll(async () => {
  await lib.db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

describe("history queries", () => {
  it("pages newest first with the total of the whole view", async () => {
    const first = await lib.q.queryHistory(parseHistoryFilters({ pageSize: "10" }));
    expect(first.total).toBe(15);
    expect(ids(first.rows)).toEqual([
      "run-15",
      "run-14",
      "run-13",
      "run-12",
      "run-11",
      "run-10",
      "run-09",
      "run-08",
      "run-07",
      "run-06",
    ]);
    const second = await lib.q.queryHistory(parseHistoryFilters({ pageSize: "10", page: "2" }));
    expect(ids(second.rows)).toEqual(["run-05", "run-04", "run-03", "run-02", "run-01"]);
  });

  it("sorts by a column in the database, ties broken newest first", async () => {
    const { rows } = await lib.q.queryHistory(parseHistoryFilters({ sort: "appName", dir: "asc", pageSize: "10" }));
    expect(rows.map((r) => r.appName).slice(0, 3)).toEqual(["fraud", "gone-app", "orders"]);
    expect(rows[2]!.id).toBe("run-14");
  });

  it("filters by outcome (IN_PROGRESS included), runtime on either side, region, who and date range", async () => {
    const f = (p: Record<string, string>) =>
      lib.q.queryHistory(parseHistoryFilters({ pageSize: "200", ...p })).then((r) => ids(r.rows));
    expect(await f({ outcome: "ROLLED_BACK,FAILED" })).toEqual(["run-14", "run-13"]);
    expect(await f({ outcome: "IN_PROGRESS" })).toEqual(["run-15"]);
    expect(await f({ runtime: "FLINK-1_15" })).toEqual(["run-14"]);
    expect(await f({ region: "eu-west-1" })).toEqual(["run-14"]);
    expect(await f({ who: "maria" })).toEqual(["run-15", "run-13"]);
    expect(await f({ from: "2026-11-03", to: "2026-11-04" })).toEqual(["run-04", "run-03"]);
    expect(await f({ campaign: "camp-1" })).toEqual(["run-13"]);
  });

  it("filters by the team tag of the application in its own region", async () => {
    const { rows } = await lib.q.queryHistory(parseHistoryFilters({ team: "commerce", pageSize: "200" }));
    expect(rows).toHaveLength(12);
    expect(rows.every((r) => r.team === "commerce" && r.region === "us-east-1")).toBe(true);
    expect((await lib.q.queryHistory(parseHistoryFilters({ team: "no-such-team" }))).total).toBe(0);
  });

  it("the export has every filtered row in the table's order, not only the page", async () => {
    const f = parseHistoryFilters({ outcome: "SUCCEEDED", sort: "createdAt", dir: "asc", pageSize: "10" });
    const rows = await lib.q.historyRowsForExport(f);
    expect(ids(rows)).toEqual(Array.from({ length: 12 }, (_, i) => `run-${String(i + 1).padStart(2, "0")}`));
    expect(rows[0]).toMatchObject({
      durationMs: 3600_000,
      outcome: "SUCCEEDED",
      team: "commerce",
      isRolledBack: false,
    });
  });

  it("the summary covers the filtered view; options list what can be chosen", async () => {
    const summary = await lib.q.historySummary(parseHistoryFilters({ region: "us-east-1" }));
    expect(summary.overall).toMatchObject({ runs: 14, finished: 13, succeeded: 12, failedChanges: 1 });
    expect(await lib.q.historyOptions()).toEqual({
      runtimes: ["FLINK-1_15", "FLINK-1_20", "FLINK-2_2"],
      accounts: [{ id: TEST_ACCOUNT, name: TEST_ACCOUNT }],
      regions: ["eu-west-1", "us-east-1"],
      teams: ["commerce", "commerce-eu", "risk"],
      initiators: ["maria", "priya"],
      campaigns: [],
    });
  });
});
