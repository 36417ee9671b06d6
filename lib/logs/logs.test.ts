import { FilterLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logsClient } from "@/emulator/tests/harness";
import { setupAppTestEnv, type AppTestEnv, TEST_ACCOUNT } from "@/tests/support/app-test-env";
import { testActor } from "@/tests/support/upgrade-driver";

// The applications' logs as the inventory and the Logs panel read them, through the real SDK and the emulator.
let env: AppTestEnv;
let db: (typeof import("@/lib/db"))["db"];

beforeAll(async () => {
  env = await setupAppTestEnv({ regions: ["us-east-1", "eu-west-1"] });
  db = (await import("@/lib/db")).db;
});

afterAll(async () => {
  await db.$disconnect();
  await env.close();
});

/** A full sync: what it reads of the logs is under test (an incremental one reads only what changed). */
async function sync() {
  const { requestSync, runQueuedSync } = await import("@/lib/fleet/sync");
  await requestSync(testActor, undefined, { full: true });
  await runQueuedSync();
}

async function factorsOf(region: string, name: string) {
  const row = await db.fleetApp.findUniqueOrThrow({
    where: { account_region_name: { account: TEST_ACCOUNT, region, name } },
  });
  const risk = JSON.parse(row.risk) as { factors: { id: string; evidence: string }[] };
  return Object.fromEntries(risk.factors.map((f) => [f.id, f.evidence]));
}

/** The Kryo-fallback types the emulator logged for an app, read straight from the API. */
async function loggedKryoTypes(region: string, name: string) {
  const out = await logsClient(env.emulator.url, region).send(
    new FilterLogEventsCommand({
      logGroupName: `/aws/kinesis-analytics/${name}`,
      filterPattern: '"cannot be used as a POJO type"',
      startTime: Date.now() - 30 * 24 * 3600_000,
    }),
  );
  const types = (out.events ?? []).map((e) => /Class class ([\w.$]+) cannot/.exec(e.message ?? "")?.[1]);
  return [...new Set(types)].sort();
}

async function viewOf(region: string, name: string) {
  const { getApplicationView } = await import("@/lib/fleet/application-view");
  return (await getApplicationView({ account: TEST_ACCOUNT, region, name }))!;
}

describe("log evidence in the inventory's risk", () => {
  it("names the Kryo-fallback types the logs show, and flags an app whose log stream is missing", async () => {
    await env.emulator.control.reset();
    await sync();
    const expected = await loggedKryoTypes("us-east-1", "clickstream-sessionizer");
    expect(expected.length).toBeGreaterThan(0);
    const clickstream = await factorsOf("us-east-1", "clickstream-sessionizer");
    for (const type of expected) expect(clickstream["kryo-fallback-types"]).toContain(type!);
    const view = await viewOf("us-east-1", "clickstream-sessionizer");
    expect(view.logs).toEqual({ logStream: "present", kryoTypes: expected });
    expect(await factorsOf("us-east-1", "legacy-geo-filter")).toMatchObject({
      "no-log-stream": "the configured log stream does not exist: MSF drops the log",
    });
    expect(await factorsOf("us-east-1", "orders-enricher")).not.toHaveProperty("no-log-stream");
  });

  it("without permission for the logs the factors are left out as unknown, and the sync still completes", async () => {
    await env.emulator.control.reset();
    await env.emulator.control.setFaults({ service: "logs", deny: true });
    await sync();
    const view = await viewOf("us-east-1", "legacy-geo-filter");
    expect(view.logs).toMatchObject({ logStream: "unknown", kryoTypes: null });
    expect(view.logs?.problem).toMatch(/no permission for logs:DescribeLogStreams/);
    expect(await factorsOf("us-east-1", "legacy-geo-filter")).not.toHaveProperty("no-log-stream");
    expect(await factorsOf("us-east-1", "clickstream-sessionizer")).not.toHaveProperty("kryo-fallback-types");
    expect(await db.fleetApp.count({ where: { region: "us-east-1" } })).toBeGreaterThan(20);
  });
});

describe("the Logs panel's reads", () => {
  it("a looping application: its restarts of the last 24 h, the exception behind them, its Kryo types", async () => {
    await env.emulator.control.reset();
    await sync();
    const { readAppLogs } = await import("./app-logs");
    const view = await viewOf("eu-west-1", "fx-rates-joiner");
    const logs = await readAppLogs({ account: TEST_ACCOUNT, region: "eu-west-1" }, view.detail!);
    expect(logs.stream).toEqual({ ok: true, value: "present" });
    // Looping every 10 s for about 3 h.
    expect(logs.restarts24h.ok && logs.restarts24h.value.count).toBeGreaterThan(500);
    // Thousands of identical failures are one entry with their count.
    const groups = logs.recentErrors.ok ? logs.recentErrors.value.groups : [];
    // The newest problem is in the read, however many lines the loop wrote.
    expect(Date.now() - (groups[0]?.last.getTime() ?? 0)).toBeLessThan(60_000);
    const loop = groups.find((g) => /switched from RUNNING to FAILED/.test(g.message));
    expect(loop?.cause).toMatch(/StateMigrationException|KryoException/);
    expect(loop?.count).toBeGreaterThan(100);
    expect(groups.length).toBeLessThanOrEqual(5);
    expect(logs.kryoTypes).toEqual({ ok: true, value: await loggedKryoTypes("eu-west-1", "fx-rates-joiner") });
  });

  it("an app without a stream, and logs that cannot be read: each part says why, none throws", async () => {
    await env.emulator.control.reset();
    await sync();
    const { readAppLogs } = await import("./app-logs");
    const missing = await readAppLogs(
      { account: TEST_ACCOUNT, region: "us-east-1" },
      (await viewOf("us-east-1", "legacy-geo-filter")).detail!,
    );
    expect(missing.stream).toEqual({ ok: true, value: "missing" });
    expect(missing.restarts24h).toEqual({ ok: true, value: { count: 0, complete: true } });
    await env.emulator.control.setFaults({ service: "logs", deny: true });
    const denied = await readAppLogs(
      { account: TEST_ACCOUNT, region: "us-east-1" },
      (await viewOf("us-east-1", "orders-enricher")).detail!,
    );
    expect(denied.stream).toEqual({ ok: false, reason: "no permission for logs:DescribeLogStreams" });
    expect(denied.restarts24h).toEqual({ ok: false, reason: "no permission for logs:FilterLogEvents" });
    expect(denied.recentErrors).toEqual({
      ok: false,
      reason: "no permission for logs:StartQuery and logs:GetQueryResults",
    });
    expect(denied.kryoTypes).toEqual({
      ok: false,
      reason: "no permission for logs:StartQuery and logs:GetQueryResults",
    });
    const { readAppLogs: read } = await import("./app-logs");
    const unconfigured = await read(
      { account: TEST_ACCOUNT, region: "us-east-1" },
      { CloudWatchLoggingOptionDescriptions: [] },
    );
    expect(unconfigured.stream).toEqual({
      ok: false,
      reason: "no CloudWatch logging option is configured, so MSF writes no log",
    });
  });
});
