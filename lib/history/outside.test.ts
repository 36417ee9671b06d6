import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { setupAppTestEnv, type AppTestEnv, TEST_ACCOUNT } from "@/tests/support/app-test-env";
import { msfClient } from "@/emulator/tests/harness";
import { describeApp, updateToFlink22, waitForStatus } from "@/emulator/tests/msf-helpers";

// Upgrades made with the console, the CLI or Terraform, as the sync finds them in MSF's operations and versions:
// the seeded fleet's own history (two successful upgrades and one that MSF rolled back), a new one made through
// the SDK while the dashboard watches, nothing twice, and nothing the dashboard sent itself.
let env: AppTestEnv;
let db: (typeof import("@/lib/db"))["db"];
let sync: typeof import("@/lib/fleet/sync");
const regions = ["us-east-1", "eu-west-1", "ap-southeast-2"];
const actor = { id: "tester@example.com", source: "user" as const };

beforeAll(async () => {
  env = await setupAppTestEnv({ regions, extraEnv: { UPGRADE_TIME_SCALE: String(1 / 60) } });
  db = (await import("@/lib/db")).db;
  sync = await import("@/lib/fleet/sync");
});

afterAll(async () => {
  await db.$disconnect();
  await env.close();
});

beforeEach(async () => {
  await env.emulator.control.reset();
  await db.upgradeRun.deleteMany();
  await db.checkedOperation.deleteMany();
});

async function syncOnce(full = true) {
  await sync.requestSync(actor, undefined, { full });
  await sync.runQueuedSync();
}

const outside = () => db.upgradeRun.findMany({ where: { kind: "OUTSIDE" }, orderBy: { appName: "asc" } });

describe("history of upgrades made outside the dashboard", () => {
  it("records the seeded fleet's runtime changes, with MSF's system rollback and a metric window", async () => {
    await syncOnce();
    const rows = await outside();
    const named = ["device-shadow-merger", "fx-rates-joiner", "metrics-rollup-v2", "recommendations-v2"];
    expect(
      rows.filter((r) => named.includes(r.appName)).map((r) => [r.region, r.appName, r.fromRuntime, r.outcome]),
    ).toEqual([
      ["us-east-1", "device-shadow-merger", "FLINK-1_18", "AUTO_ROLLED_BACK"],
      ["eu-west-1", "fx-rates-joiner", "FLINK-1_19", "SUCCEEDED"],
      ["ap-southeast-2", "metrics-rollup-v2", "FLINK-1_20", "SUCCEEDED"],
      ["us-east-1", "recommendations-v2", "FLINK-1_20", "SUCCEEDED"],
    ]);
    // The generated applications upgraded in the last 30 days are there too, each once, each a runtime change.
    expect(new Set(rows.map((r) => `${r.region}/${r.appName}`)).size).toBe(rows.length);
    for (const row of rows) expect(row).toMatchObject({ toRuntime: "FLINK-2_2" });
    expect(rows.every((r) => r.fromRuntime !== r.toRuntime)).toBe(true);
    const rolledBack = rows.find((r) => r.appName === "device-shadow-merger")!;
    expect(rolledBack).toMatchObject({ rolledBackBy: "MSF", initiatedBy: "outside the dashboard", state: "DONE" });
    expect(rolledBack.updateCalledAt!.getTime()).toBeLessThan(Date.now() - 29 * 3_600_000);
    for (const row of rows) {
      expect(row.finishedAt!.getTime()).toBeGreaterThanOrEqual(row.updateCalledAt!.getTime());
      const metrics = JSON.parse(row.metrics ?? "null") as { series: { id: string }[] } | null;
      expect(metrics?.series.length).toBeGreaterThan(0);
    }
    const [event] = await db.upgradeEvent.findMany({ where: { runId: rolledBack.id } });
    expect(event!.message).toMatch(/made outside the dashboard: Flink 1\.18 → Flink 2\.2, failed; MSF rolled it back/);
  });

  it("records nothing twice, and describes each operation once", async () => {
    await syncOnce();
    const first = await outside();
    await env.emulator.control.resetCalls();
    await syncOnce();
    expect((await outside()).map((r) => r.id)).toEqual(first.map((r) => r.id));
    const calls = await env.emulator.control.calls();
    expect(calls.filter((c) => c.operation === "DescribeApplicationVersion")).toEqual([]);
  });

  it("an upgrade made through the SDK between two syncs becomes one row on the next (incremental) sync", async () => {
    await syncOnce();
    const name = "orders-enricher";
    const client = msfClient(env.emulator.url, "eu-west-1");
    const before = await describeApp(client, name);
    await updateToFlink22(client, name, before.ApplicationVersionId, `${name}-flink-2.2.jar`);
    await waitForStatus(client, name, "RUNNING");
    await env.emulator.control.resetCalls();
    await syncOnce(false);
    // The version it left is the one the inventory held: its runtime is known, AWS is not asked for it again.
    const calls = await env.emulator.control.calls();
    expect(calls.filter((c) => c.operation === "DescribeApplicationVersion")).toEqual([]);
    expect(calls.filter((c) => c.operation === "DescribeApplicationOperation" && c.app === name)).toHaveLength(1);
    const rows = (await outside()).filter((r) => r.appName === name);
    expect(rows.map((r) => [r.fromRuntime, r.toRuntime, r.outcome, r.expectedVersionId])).toEqual([
      [before.RuntimeEnvironment, "FLINK-2_2", "SUCCEEDED", before.ApplicationVersionId],
    ]);
  });

  it("an operation a dashboard run sent is not recorded as outside", async () => {
    const { ListApplicationOperationsCommand } = await import("@aws-sdk/client-kinesis-analytics-v2");
    const client = msfClient(env.emulator.url, "eu-west-1");
    const ops = await client.send(
      new ListApplicationOperationsCommand({ ApplicationName: "fx-rates-joiner", Operation: "UpdateApplication" }),
    );
    const sent = ops.ApplicationOperationInfoList![0]!.OperationId!;
    await db.inventorySync.create({ data: { status: "SUCCEEDED", triggeredBy: "test" } });
    await db.upgradeRun.create({
      data: {
        account: TEST_ACCOUNT,
        region: "eu-west-1",
        appName: "fx-rates-joiner",
        fromRuntime: "FLINK-1_19",
        toRuntime: "FLINK-2_2",
        expectedVersionId: 1,
        initiatedBy: "eli@example.com",
        options: "{}",
        state: "DONE",
        outcome: "SUCCEEDED",
        baseline: JSON.stringify({ updateOperationId: sent }),
      },
    });
    await syncOnce();
    expect((await outside()).map((r) => r.appName)).not.toContain("fx-rates-joiner");
  });
});
