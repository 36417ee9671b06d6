import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { killAllWorkers, killWorker, startWorker } from "@/tests/support/workers";
import { resetWriteWorld, setupAppTestEnv, TEST_ACCOUNT, type AppTestEnv } from "@/tests/support/app-test-env";
import { matrixCandidateFilter } from "@/tests/support/scenario-matrix";
import { withLoadingBuilds } from "@/tests/support/loading-builds";
import type { SignedInUser } from "@/lib/auth/session";

// Real worker processes (scripts/worker.ts) run a campaign of six healthy applications at a concurrency of 2. They
// are SIGKILLed at chosen moments (just after a run appears, mid-observation) and replaced; two of them also run at
// once. The database is watched every ~20 ms: never more than 2 of the campaign's runs are in flight, no
// application is started twice, and the emulator receives exactly one UpdateApplication per application.
let env: AppTestEnv;
let db: (typeof import("@/lib/db"))["db"];
let action: typeof import("@/lib/actions/action");
let specs: typeof import("@/lib/actions/campaign-specs");
const regions = ["us-east-1", "eu-west-1", "ap-southeast-2"];
const concurrency = 2;
const eli: SignedInUser = {
  sessionId: "s",
  subject: "eli@example.com",
  email: "eli@example.com",
  name: "eli@example.com",
  roles: ["engineer"],
  teams: [],
};

beforeAll(async () => {
  env = await setupAppTestEnv({
    regions,
    // A short request timeout keeps the leases (twice the timeout, at least 2 s) of runs and campaigns short, so a
    // killed worker's work is taken over fast. No scheduled sync: the test syncs once per scenario itself.
    extraEnv: { UPGRADE_TIME_SCALE: String(1 / 60), SYNC_INTERVAL_SECONDS: "86400", AWS_REQUEST_TIMEOUT_MS: "1000" },
  });
  db = (await import("@/lib/db")).db;
  action = await import("@/lib/actions/action");
  specs = await import("@/lib/actions/campaign-specs");
});

beforeEach(async () => {
  await db.campaign.deleteMany();
  await resetWriteWorld(env);
});

afterEach(killAllWorkers);

afterAll(async () => {
  await db.$disconnect();
  await env.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function ok<T>(outcome: Promise<{ ok: boolean; data?: T; error?: string }>): Promise<T> {
  const result = await outcome;
  if (!result.ok) throw new Error(result.error);
  return result.data as T;
}

/** Six healthy applications that already have system rollback and snapshots on (the safety step sends nothing). */
async function healthyApps(count: number): Promise<{ region: string; name: string }[]> {
  const apps = await db.fleetApp.findMany({
    where: matrixCandidateFilter(regions),
    orderBy: [{ region: "asc" }, { name: "asc" }],
  });
  const chosen = (
    await withLoadingBuilds(apps.filter((a) => a.riskLevel !== "blocked" && a.riskLevel !== "unknown"))
  ).slice(0, count);
  expect(chosen).toHaveLength(count);
  for (const app of chosen) await env.emulator.control.setScenario(app.region, app.name, "healthy");
  return chosen.map((a) => ({ region: a.region, name: a.name }));
}

async function createAndStart(apps: { region: string; name: string }[]): Promise<string> {
  const { campaignId } = await ok<{ campaignId: string }>(
    action.runAction(specs.createCampaignSpec, eli, {
      name: "resume",
      targetRuntime: "FLINK-2_2",
      selection: { include: apps.map((a) => `${TEST_ACCOUNT}/${a.region}/${a.name}`), maxRisk: "high" },
      codeKeys: { pattern: "{name}-flink-2.2.jar" },
      stages: [{ name: "all", selector: [], maxConcurrency: String(concurrency), errorBudget: "0", soakMinutes: 0 }],
    }),
  );
  await ok(action.runAction(specs.startCampaignSpec, eli, { campaignId }));
  return campaignId;
}

type RunRow = { id: string; region: string; appName: string; state: string; step: string };

/** Reads the campaign's runs every ~20 ms until stopped, keeping the peak of runs not DONE at once. */
function watch(campaignId: string) {
  const seen = { maxInFlight: 0, runs: [] as RunRow[], owners: new Set<string>(), samples: 0 };
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const [runs, campaign] = await Promise.all([
        db.upgradeRun.findMany({
          where: { campaignId },
          select: { id: true, region: true, appName: true, state: true, step: true },
        }),
        db.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { leaseOwner: true } }),
      ]);
      seen.runs = runs;
      seen.samples++;
      seen.maxInFlight = Math.max(seen.maxInFlight, runs.filter((r) => r.state !== "DONE").length);
      if (campaign.leaseOwner) seen.owners.add(campaign.leaseOwner);
      await sleep(20);
    }
  })();
  return {
    seen,
    async until(ok: () => boolean, what: string, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (!ok()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await sleep(10);
      }
    },
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

async function campaignDone(id: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const campaign = await db.campaign.findUniqueOrThrow({ where: { id } });
    if (campaign.state === "DONE" || Date.now() > deadline) return campaign;
    await sleep(50);
  }
}

async function expectEachAppUpgradedOnce(campaignId: string, apps: { region: string; name: string }[]) {
  const targets = await db.campaignTarget.findMany({ where: { campaignId } });
  expect(targets.map((t) => t.state)).toEqual(apps.map(() => "SUCCEEDED"));
  const runs = await db.upgradeRun.findMany({ where: { campaignId } });
  const perApp = (a: { region: string; name: string }) =>
    runs.filter((r) => r.region === a.region && r.appName === a.name);
  expect(apps.map((a) => perApp(a).length)).toEqual(apps.map(() => 1));
  expect(runs.map((r) => r.outcome)).toEqual(apps.map(() => "SUCCEEDED"));
  const calls = await env.emulator.control.calls();
  const sent = (op: string, a: { region: string; name: string }) =>
    calls
      .filter((c) => c.operation === op && c.region === a.region && c.app === a.name)
      .reduce((n, c) => n + c.count, 0);
  expect(apps.map((a) => sent("UpdateApplication", a))).toEqual(apps.map(() => 1));
  expect(apps.map((a) => sent("CreateApplicationSnapshot", a))).toEqual(apps.map(() => 1));
}

describe("a campaign survives its workers", () => {
  it("kill -9 mid-campaign, then resume with concurrency never exceeded", async () => {
    const apps = await healthyApps(6);
    const id = await createAndStart(apps);
    const watcher = watch(id);
    const { seen } = watcher;
    const kills: string[] = [];
    const killAt = async (moment: string, when: () => boolean) => {
      const worker = startWorker();
      await watcher.until(when, moment);
      await killWorker(worker);
      kills.push(
        `${moment} (${seen.runs.length} runs, ${seen.runs.filter((r) => r.state !== "DONE").length} in flight)`,
      );
    };
    try {
      // Just after the campaign's first start: the pass may be between its two starts.
      await killAt("first run appeared", () => seen.runs.length >= 1);
      // While a run observes its application's health.
      await killAt("mid-observation", () => seen.runs.some((r) => r.step === "observe"));
      // Just after a run of the second round appears.
      const before = Math.max(seen.runs.length, 2);
      await killAt("a new run appeared", () => seen.runs.length > before);
      // Mid-observation again, in a later round.
      await killAt("mid-observation of a later round", () =>
        seen.runs.some((r) => r.step === "observe" && seen.runs.length >= 4),
      );
      // Just after the last round's first run appears.
      await killAt("a run of the last round appeared", () => seen.runs.length >= 5);
      startWorker();
      const campaign = await campaignDone(id, 90_000);
      expect(campaign).toMatchObject({ state: "DONE", outcome: "COMPLETED" });
    } finally {
      await watcher.stop();
    }
    console.log(`killed: ${kills.join("; ")}; peak in flight ${seen.maxInFlight} over ${seen.samples} samples`);
    expect(kills).toHaveLength(5);
    expect(seen.samples).toBeGreaterThan(100);
    expect(seen.maxInFlight).toBe(concurrency);
    await expectEachAppUpgradedOnce(id, apps);
  }, 150_000);

  it("two workers at once (two app instances) never exceed the concurrency nor start an application twice", async () => {
    const apps = await healthyApps(6);
    const id = await createAndStart(apps);
    const watcher = watch(id);
    try {
      startWorker();
      startWorker();
      const campaign = await campaignDone(id, 90_000);
      expect(campaign).toMatchObject({ state: "DONE", outcome: "COMPLETED" });
    } finally {
      await watcher.stop();
    }
    expect(watcher.seen.maxInFlight).toBe(concurrency);
    await expectEachAppUpgradedOnce(id, apps);
    // Both instances held the campaign's lease at some point: they really shared it.
    expect(watcher.seen.owners.size).toBe(2);
  }, 120_000);
});
