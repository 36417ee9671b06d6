// npm run bench:inventory — a full inventory sync of 1,000 then 5,000 applications per account over 10 regions and
// 3 accounts (each through its assumed role) with throttling on per account and region, an incremental refresh, then
// the fleet page's server response time at that size. On PostgreSQL:
// `node scripts/with-postgres.mjs npm run bench:inventory` (TEST_POSTGRES_URL set: the bench uses that server).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { createMigratedDatabase } from "@/tests/support/app-test-env";
import { createPostgresDatabase, testPostgresUrl } from "@/tests/support/postgres";
import { bumpVersion } from "@/tests/support/bump-version";
import { percentile, printTable, root, startAppProcess, startEmulatorProcess, stop } from "./support";

const sizes = (process.env.BENCH_SIZES ?? "1000,5000").split(",").map(Number);
const regionCount = 10;
const accountIds = ["123456789012", "210987654321", "345678901234"].slice(0, Number(process.env.BENCH_ACCOUNTS ?? 3));
const demoRoles = [
  { id: "123456789012", name: "platform", role: "MsfFleetDashboard" },
  { id: "210987654321", name: "payments-prod", role: "MsfFleetDashboard" },
  { id: "345678901234", name: "analytics-dev", role: "MsfFleetDashboard", externalId: "msf-demo-external" },
];
const throttleRps = Number(process.env.BENCH_THROTTLE_RPS ?? 20);
const appPort = "3190";

interface CallCount {
  service: string;
  region: string;
  operation: string;
  count: number;
  throttled?: boolean;
}

async function benchSize(size: number) {
  const emulator = await startEmulatorProcess({
    EMULATOR_APPS: String(size),
    EMULATOR_EXTRA_ACCOUNT_APPS: String(size),
    EMULATOR_REGIONS: String(regionCount),
    EMULATOR_SPEED: "demo",
    EMULATOR_PORT: "4610",
  });
  // Every account + region of the fleet (each as its own place: listed, throttled and batched on its own).
  const regions: { region: string; apps: unknown[] }[] = [];
  for (const account of accountIds) {
    const state = (await (await fetch(`${emulator.url}/_emulator/state?account=${account}`)).json()) as {
      accounts: { accountId: string; regions: { region: string; apps: unknown[] }[] }[];
    };
    regions.push(...state.accounts.filter((a) => a.accountId === account).flatMap((a) => a.regions));
  }
  const total = regions.reduce((n, r) => n + r.apps.length, 0);
  const postgres = testPostgresUrl() ? await createPostgresDatabase(testPostgresUrl()!) : null;
  const databaseUrl = postgres?.url ?? `file:${createMigratedDatabase().dbFile}`;
  const appEnv = {
    AWS_ENDPOINT_URL: emulator.url,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_EC2_METADATA_DISABLED: "true",
    DATABASE_URL: databaseUrl,
    MSF_REGIONS: [...new Set(regions.map((r) => r.region))].join(","),
    MSF_ACCOUNTS: JSON.stringify(demoRoles.filter((a) => accountIds.includes(a.id))),
    SYNC_INTERVAL_SECONDS: "86400",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  Object.assign(process.env, appEnv);
  for (const fault of [
    { service: "kinesisanalytics", throttleRps },
    { service: "monitoring", throttleRps },
  ]) {
    await fetch(`${emulator.url}/_emulator/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(fault),
    });
  }
  await fetch(`${emulator.url}/_emulator/calls/reset`, { method: "POST" });

  const { requestSync, runQueuedSync } = await import("@/lib/fleet/sync");
  const { db } = await import("@/lib/db");
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const started = performance.now();
  await requestSync({ id: "bench", source: "system" });
  await runQueuedSync();
  const wallSeconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const sync = await db.inventorySync.findFirstOrThrow({ orderBy: { startedAt: "desc" } });
  // A sync that is not SUCCEEDED says why (to stderr: stdout carries the result).
  for (const e of (JSON.parse(sync.regionErrors) as { account: string; region: string; message: string }[]).slice(0, 5))
    console.error(`sync error ${e.account}/${e.region}: ${e.message}`);
  const calls = await callsOf(emulator.url);
  const incremental = await benchIncremental(emulator.url, regions, total);
  await db.$disconnect();

  const made = (op: string) => calls.filter((c) => c.operation === op).reduce((n, c) => n + c.count, 0);
  const perRegion = regions.map((r) => r.apps.length);
  const failedOps = made("DescribeApplicationOperation");
  const floor: Record<string, number> = {
    ListApplications: perRegion.reduce((n, k) => n + Math.ceil(k / 50), 0),
    AssumeRole: accountIds.length,
    DescribeApplication: total,
    ListTagsForResource: total,
    ListApplicationSnapshots: total,
    ListApplicationOperations: total,
    DescribeApplicationOperation: failedOps,
    GetMetricData: perRegion.reduce((n, k) => n + Math.ceil((3 * k) / 500), 0),
  };
  const callRows = Object.entries(floor).map(([operation, f]) => ({
    applications: total,
    operation,
    floor: f,
    made: made(operation),
    ratio: f ? (made(operation) / f).toFixed(3) : "-",
  }));
  const totalFloor = Object.values(floor).reduce((a, b) => a + b, 0);
  const totalMade = Object.keys(floor).reduce((n, op) => n + made(op), 0);
  callRows.push({
    applications: total,
    operation: "TOTAL",
    floor: totalFloor,
    made: totalMade,
    ratio: (totalMade / totalFloor).toFixed(3),
  });

  const app = await startAppProcess(appPort, appEnv);
  const views = [
    "/",
    "/?risk=high",
    "/?runtime=FLINK-1_15&sort=name&dir=asc",
    "/?q=orders",
    "/?page=20",
    "/?region=eu-west-1&tag=env%3Dprod",
    "/?account=210987654321&sort=account",
  ];
  // A fresh server compiles and caches on its first requests; measure the steady state, as users see it.
  for (const view of views) await (await fetch(`http://127.0.0.1:${appPort}${view}`)).text();
  const times: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    const res = await fetch(`http://127.0.0.1:${appPort}${views[i % views.length]}`);
    await res.text();
    if (!res.ok) throw new Error(`fleet page HTTP ${res.status}`);
    times.push(performance.now() - t);
  }
  await stop(app);
  await stop(emulator.child);
  await postgres?.drop();
  return {
    callRows,
    incremental,
    summary: {
      engine: postgres ? "PostgreSQL" : "SQLite",
      applications: total,
      accounts: accountIds.length,
      regions: regionCount,
      throttleRps,
      status: sync.status,
      kind: sync.kind,
      // Outside-dashboard history: each recent UpdateApplication is described once, its versions' runtimes read once.
      versionReads: made("DescribeApplicationVersion"),
      described: sync.described,
      wallSeconds: wallSeconds.toFixed(1),
      peakRssMB: (peakRss / 1048576).toFixed(0),
      pageP50ms: percentile(times, 50).toFixed(0),
      pageP95ms: percentile(times, 95).toFixed(0),
    },
  };
}

async function callsOf(url: string): Promise<CallCount[]> {
  return ((await (await fetch(`${url}/_emulator/calls`)).json()) as { calls: CallCount[] }).calls;
}

/**
 * 1 % of the applications change (a real UpdateApplication each: a new version id, UPDATING), then the next
 * refresh, which the worker runs as incremental: its wall time, and its calls against List pages + 4 reads per
 * changed application.
 */
async function benchIncremental(url: string, regions: { region: string; apps: unknown[] }[], size: number) {
  const { KinesisAnalyticsV2Client } = await import("@aws-sdk/client-kinesis-analytics-v2");
  const { requestSync, runQueuedSync } = await import("@/lib/fleet/sync");
  const { db } = await import("@/lib/db");
  const { mapWithConcurrency } = await import("@/lib/concurrency");
  const changedCount = Math.max(1, Math.round(size / 100));
  const apps = await db.fleetApp.findMany({
    where: { status: "RUNNING" },
    select: { account: true, region: true, name: true },
  });
  // Spread over the regions: every k-th application of the inventory.
  const step = Math.floor(apps.length / changedCount);
  const chosen = apps.filter((_, i) => i % step === 0).slice(0, changedCount);
  const clients = new Map<string, InstanceType<typeof KinesisAnalyticsV2Client>>();
  // An outside team's change in each account: the emulator takes a 12-digit access key as that account.
  const client = (account: string, region: string) => {
    const key = `${account}/${region}`;
    if (!clients.has(key))
      clients.set(
        key,
        new KinesisAnalyticsV2Client({
          region,
          endpoint: url,
          credentials: { accessKeyId: account, secretAccessKey: "bench" },
        }),
      );
    return clients.get(key)!;
  };
  await mapWithConcurrency(chosen, 8, ({ account, region, name }) => bumpVersion(client(account, region), name));
  await fetch(`${url}/_emulator/calls/reset`, { method: "POST" });
  const started = performance.now();
  await requestSync({ id: "bench", source: "system" });
  await runQueuedSync();
  const wallSeconds = (performance.now() - started) / 1000;
  const sync = await db.inventorySync.findFirstOrThrow({ orderBy: { startedAt: "desc" } });
  const calls = await callsOf(url);
  const total = calls.filter((c) => c.service !== "control").reduce((n, c) => n + c.count, 0);
  const listPages = regions.reduce((n, r) => n + Math.ceil(r.apps.length / 50), 0);
  const floor = listPages + 4 * changedCount;
  return {
    applications: size,
    changed: changedCount,
    kind: sync.kind,
    read: sync.described,
    kept: sync.kept,
    wallSeconds: wallSeconds.toFixed(2),
    calls: total,
    floor,
    ratio: (total / floor).toFixed(3),
    // What the calls beyond the floor are.
    byOperation: Object.entries(
      calls
        .filter((c) => c.service !== "control")
        .reduce<Record<string, number>>((m, c) => ({ ...m, [c.operation]: (m[c.operation] ?? 0) + c.count }), {}),
    )
      .map(([op, n]) => `${op} ${n}`)
      .join(", "),
  };
}

// Each size runs in its own process: the app's env module and database client are fixed at first import.
async function main() {
  const one = process.env.BENCH_ONE_SIZE;
  if (one) {
    console.log(`RESULT ${JSON.stringify(await benchSize(Number(one)))}`);
    return;
  }
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) throw new Error("build the app first: npm run build");
  const results = sizes.map((size) => {
    const out = execFileSync(process.execPath, ["--import", "tsx", __filename], {
      cwd: root,
      env: { ...process.env, BENCH_ONE_SIZE: String(size) },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    const line = out.split("\n").find((l) => l.startsWith("RESULT "));
    if (!line) throw new Error(`size ${size}: no result`);
    return JSON.parse(line.slice(7)) as Awaited<ReturnType<typeof benchSize>>;
  });
  printTable(
    "AWS calls made vs the floor (per sync)",
    results.flatMap((r) => r.callRows),
  );
  printTable(
    "Inventory sync and fleet page",
    results.map((r) => r.summary),
  );
  printTable(
    "Incremental refresh, 1 % of applications changed (floor: List pages + 4 reads per changed application)",
    results.map((r) => r.incremental),
  );
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
