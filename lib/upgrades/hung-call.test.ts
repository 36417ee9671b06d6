import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupAppTestEnv, type AppTestEnv, TEST_ACCOUNT } from "@/tests/support/app-test-env";
import { isDone, settleRuns, testActor, upgradeInput } from "@/tests/support/upgrade-driver";

// One AWS call that never answers must not hold up the other runs of the lane. The request timeout is long
// here on purpose: the second run has to finish while the first one's call is still hanging.
let env: AppTestEnv;
let db: (typeof import("@/lib/db"))["db"];

beforeAll(async () => {
  env = await setupAppTestEnv({
    regions: ["us-east-1", "eu-west-1"],
    extraEnv: { UPGRADE_TIME_SCALE: String(1 / 60), AWS_REQUEST_TIMEOUT_MS: "60000" },
  });
  db = (await import("@/lib/db")).db;
  const sync = await import("@/lib/fleet/sync");
  await sync.requestSync(testActor);
  await sync.runQueuedSync();
});

afterAll(async () => {
  // Closing the emulator drops the hung socket, so the hung step ends (and retries) instead of waiting 60 s.
  await env.close();
  await settleRuns();
  await db.$disconnect();
});

async function start(region: string, name: string) {
  const stored = await db.fleetApp.findUniqueOrThrow({
    where: { account_region_name: { account: TEST_ACCOUNT, region, name } },
  });
  const { startUpgrade } = await import("./start-upgrade");
  return (await startUpgrade(testActor, upgradeInput(region, name, { expectedVersionId: stored.versionId }))).runId;
}

describe("a hung AWS call", () => {
  it("does not block a second run in the same worker lane", async () => {
    const { advanceDueRuns } = await import("./advance");
    await env.emulator.control.setFaults({
      service: "kinesisanalytics",
      region: "us-east-1",
      operation: "DescribeApplication",
      hang: true,
    });
    const hung = await start("us-east-1", "orders-enricher");
    const other = await start("eu-west-1", "orders-enricher");
    const deadline = Date.now() + 45_000;
    let otherRun = await db.upgradeRun.findUniqueOrThrow({ where: { id: other } });
    while (!isDone(otherRun) && Date.now() < deadline) {
      await advanceDueRuns("lane");
      await new Promise((r) => setTimeout(r, 100));
      otherRun = await db.upgradeRun.findUniqueOrThrow({ where: { id: other } });
    }
    expect(otherRun.outcome).toBe("SUCCEEDED");
    const hungRun = await db.upgradeRun.findUniqueOrThrow({ where: { id: hung } });
    expect(hungRun).toMatchObject({ step: "preflight", state: "ACTIVE" });
    const calls = await env.emulator.control.calls();
    const hangs = calls.filter((c) => c.region === "us-east-1" && c.operation === "DescribeApplication");
    expect(hangs.reduce((n, c) => n + (c.hung ?? 0), 0)).toBe(1);
    await env.emulator.control.clearFaults();
  });
});
