// npm run bench:campaign — a fleet campaign of 500 applications in three stages (env=dev, env=staging, env=prod)
// through the real campaign engine, orchestrator, SDK and emulator. The worker is its own process
// (scripts/worker.ts), so its peak memory and CPU are its own. The bench process syncs the inventory, sets each
// application's scenario (a seeded mix: ~5 % state-incompatible, ~2 % binary-incompatible, the rest healthy),
// creates and starts the campaign as an engineer, then only watches: the database every 200 ms (in flight per
// stage, where the budget stopped it, stage times), the emulator's call counts every second (calls per application,
// and those made while a run observes), the worker's /proc entries.
// Knobs: BENCH_APPS (default 500, at most 1000: a campaign's include list), BENCH_SPEED (demo | test, default demo),
// BENCH_DRY=1 (stop after choosing the applications: print the mix per stage).
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createMigratedDatabase } from "@/tests/support/app-test-env";
import type { SignedInUser } from "@/lib/auth/session";
import { percentile, pointAppAt, printTable, root, startEmulatorProcess, stop } from "./support";

const appCount = Number(process.env.BENCH_APPS ?? 500);
const speed = (process.env.BENCH_SPEED ?? "demo") as "demo" | "test";
const scale = { demo: 1 / 12, test: 1 / 60 }[speed];
if (!scale) throw new Error(`BENCH_SPEED must be demo or test, not ${speed}`);
if (!(appCount >= 10 && appCount <= 1000)) throw new Error("BENCH_APPS: 10 to 1000");
const regionCount = 4;
const port = process.env.EMULATOR_PORT ?? "4630";
/** The generated fleet: about half of it is RUNNING on a Flink 1.x runtime the campaign can take to 2.2. */
const seeded = Math.ceil(appCount * 2.2);
const sampleMs = 200;
const callSampleMs = 1000;

/** dev: 25 at once, 10 % may fail; staging: 10 % of the stage at once, 10 % may fail; prod: 20 at once, 3 may fail. */
const stages = [
  { name: "dev", selector: ["env=dev"], maxConcurrency: "25", errorBudget: "10%", soakMinutes: 1 },
  { name: "staging", selector: ["env=staging"], maxConcurrency: "10%", errorBudget: "10%", soakMinutes: 1 },
  { name: "prod", selector: ["env=prod"], maxConcurrency: "20", errorBudget: "3", soakMinutes: 1 },
];

const eli: SignedInUser = {
  sessionId: "bench",
  subject: "eli@example.com",
  email: "eli@example.com",
  name: "eli@example.com",
  roles: ["engineer"],
  teams: [],
};

/** FNV-1a: the scenario of each application follows from its name, so every run of the bench has the same mix. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function scenarioOf(region: string, name: string): "healthy" | "state-incompatible" | "binary-incompatible" {
  const roll = hash(`bench-campaign#${region}/${name}`) / 2 ** 32;
  return roll < 0.05 ? "state-incompatible" : roll < 0.07 ? "binary-incompatible" : "healthy";
}

interface ProcSample {
  rssKb: number;
  hwmKb: number;
  cpuTicks: number;
}

function readProc(pid: number): ProcSample | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces): utime and stime are the 14th and 15th of the line.
    const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { rssKb: kb("VmRSS"), hwmKb: kb("VmHWM"), cpuTicks: Number(rest[11]) + Number(rest[12]) };
  } catch {
    return null;
  }
}

interface CallCount {
  service: string;
  region: string;
  operation: string;
  app?: string;
  count: number;
}

/** One key per AWS operation; the Flink dashboard's REST paths count as one. */
const opName = (c: CallCount) => (c.service === "flink" ? "flink REST" : `${c.service} ${c.operation}`);
const seconds = (ms: number | null | undefined) => (ms === null || ms === undefined ? "—" : (ms / 1000).toFixed(0));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const benchStarted = Date.now();
  const emulator = await startEmulatorProcess({
    EMULATOR_SPEED: speed,
    EMULATOR_PORT: port,
    EMULATOR_APPS: String(seeded),
    EMULATOR_REGIONS: String(regionCount),
  });
  const state = (await (await fetch(`${emulator.url}/_emulator/state`)).json()) as {
    accounts: { regions: { region: string }[] }[];
  };
  const regions = state.accounts[0]!.regions.map((r) => r.region);
  const { dbFile } = createMigratedDatabase();
  pointAppAt(emulator.url, regions, dbFile, {
    UPGRADE_TIME_SCALE: String(scale),
    // The bench syncs once itself; the worker schedules none.
    SYNC_INTERVAL_SECONDS: "86400",
  });
  const { db } = await import("@/lib/db");
  const { requestSync, runQueuedSync } = await import("@/lib/fleet/sync");
  const { runAction } = await import("@/lib/actions/action");
  const specs = await import("@/lib/actions/campaign-specs");
  const control = (path: string, body?: unknown, method = "POST") =>
    fetch(`${emulator.url}/_emulator/${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  const syncStarted = Date.now();
  await requestSync({ id: "bench", source: "system" });
  await runQueuedSync();
  const syncMs = Date.now() - syncStarted;

  // RUNNING Flink 1.x applications the campaign would not skip, in a seeded order; the first BENCH_APPS of them.
  const eligible = (
    await db.fleetApp.findMany({
      where: {
        status: "RUNNING",
        runtime: { in: ["FLINK-1_11", "FLINK-1_13", "FLINK-1_15", "FLINK-1_18", "FLINK-1_19", "FLINK-1_20"] },
        riskLevel: { in: ["low", "medium", "high"] },
        env: { in: ["dev", "staging", "prod"] },
      },
      select: { region: true, name: true, env: true, runtime: true, riskLevel: true },
    })
  ).sort((a, b) => hash(`${a.region}/${a.name}`) - hash(`${b.region}/${b.name}`));
  if (eligible.length < appCount)
    throw new Error(`only ${eligible.length} eligible applications in a fleet of ${seeded}: seed more`);
  const chosen = eligible.slice(0, appCount).map((a) => ({ ...a, scenario: scenarioOf(a.region, a.name) }));
  const mixRows = stages.map((s) => {
    const of = chosen.filter((a) => `env=${a.env}` === s.selector[0]);
    const n = (scenario: string) => of.filter((a) => a.scenario === scenario).length;
    return {
      stage: s.name,
      applications: of.length,
      healthy: n("healthy"),
      "state-incompatible": n("state-incompatible"),
      "binary-incompatible": n("binary-incompatible"),
      "concurrency (as typed)": s.maxConcurrency,
      "error budget (as typed)": s.errorBudget,
    };
  });
  printTable(
    `Fleet: ${seeded} generated applications over ${regions.length} regions, synced in ${(syncMs / 1000).toFixed(1)} s; ${eligible.length} eligible, ${appCount} chosen`,
    mixRows,
  );
  if (process.env.BENCH_DRY === "1") {
    await db.$disconnect();
    await stop(emulator.child);
    return;
  }
  for (let i = 0; i < chosen.length; i += 25)
    await Promise.all(
      chosen.slice(i, i + 25).map(async (a) => {
        const res = await control(`apps/${a.region}/${encodeURIComponent(a.name)}/scenario`, { scenario: a.scenario });
        if (!res.ok) throw new Error(`scenario of ${a.region}/${a.name}: HTTP ${res.status}`);
      }),
    );

  // The worker, alone in its process; the campaign starts once it is up.
  const worker: ChildProcess = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    cwd: root,
    env: { ...process.env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    worker.stdout!.on("data", (chunk: Buffer) => {
      if (/started/.test(chunk.toString())) resolve();
    });
    worker.once("exit", (code) => reject(new Error(`worker exited (${code})`)));
  });
  const pid = worker.pid!;
  const idle = readProc(pid);

  const created = await runAction(specs.createCampaignSpec, eli, {
    name: `bench ${appCount}`,
    targetRuntime: "FLINK-2_2",
    selection: { include: chosen.map((a) => `${a.region}/${a.name}`), maxRisk: "high" },
    codeKeys: { pattern: "{name}-flink-2.2.jar" },
    stages,
  });
  if (!created.ok) throw new Error(`create: ${created.error} ${JSON.stringify(created.fieldErrors ?? {})}`);
  const campaignId = created.data.campaignId;
  const planned = await db.campaignTarget.groupBy({ by: ["stage"], where: { campaignId }, _count: true });
  if (planned.some((p) => p.stage < 0)) throw new Error(`the plan skipped applications: ${JSON.stringify(planned)}`);
  await control("calls/reset");
  const started = await runAction(specs.startCampaignSpec, eli, { campaignId });
  if (!started.ok || started.data.state !== "RUNNING") throw new Error(`start: ${JSON.stringify(started)}`);

  // Watching.
  const maxInFlight = stages.map(() => 0);
  let stopSeen: { at: number; reason: string; stage: number } | null = null;
  let peak: ProcSample = idle ?? { rssKb: 0, hwmKb: 0, cpuTicks: 0 };
  let last: ProcSample | null = idle;
  let lastCalls = new Map<string, number>();
  let lastSteps = new Map<string, string>();
  let lastCallSample = Date.now();
  /** calls made while the app's run was in a step, by step and "service operation"; ms spent in each step */
  const callsByStep = new Map<string, Map<string, number>>();
  const msByStep = new Map<string, number>();
  /** calls the emulator ties to no application (GetMetricData is batched, ListMetrics), by the campaign's phase */
  const unattributed = new Map<string, Map<string, number>>();
  let lastPhase = "RUNNING";
  const deadline = Date.now() + (speed === "demo" ? 60 : 20) * 60_000;
  let nextCallSample = Date.now() + callSampleMs;
  let lastProgress = 0;
  for (;;) {
    const [campaign, runs] = await Promise.all([
      db.campaign.findUniqueOrThrow({ where: { id: campaignId } }),
      db.upgradeRun.findMany({
        where: { campaignId },
        select: { id: true, region: true, appName: true, state: true, step: true, campaignStage: true },
      }),
    ]);
    for (let s = 0; s < stages.length; s++)
      maxInFlight[s] = Math.max(
        maxInFlight[s]!,
        runs.filter((r) => r.campaignStage === s && r.state !== "DONE").length,
      );
    if (!stopSeen && campaign.stoppedReason)
      stopSeen = { at: Date.now(), reason: campaign.stoppedReason, stage: campaign.stage };
    const proc = readProc(pid);
    if (proc) {
      last = proc;
      peak = {
        rssKb: Math.max(peak.rssKb, proc.rssKb),
        hwmKb: Math.max(peak.hwmKb, proc.hwmKb),
        cpuTicks: proc.cpuTicks,
      };
    }
    if (Date.now() >= nextCallSample || campaign.state === "DONE") {
      // Calls since the last sample are put on the step each application's run was in at that sample.
      const now = Date.now();
      const calls = ((await (await control("calls", undefined, "GET")).json()) as { calls: CallCount[] }).calls;
      const current = new Map<string, number>();
      for (const c of calls) {
        const key = `${c.region}/${c.app ?? ""}\t${opName(c)}`;
        current.set(key, (current.get(key) ?? 0) + c.count);
      }
      for (const [key, count] of current) {
        const delta = count - (lastCalls.get(key) ?? 0);
        if (delta <= 0) continue;
        const [app, op] = key.split("\t") as [string, string];
        const bucket = app.endsWith("/") ? unattributed : callsByStep;
        const step = app.endsWith("/") ? lastPhase : (lastSteps.get(app) ?? "(no run)");
        const byOp = bucket.get(step) ?? new Map<string, number>();
        byOp.set(op, (byOp.get(op) ?? 0) + delta);
        bucket.set(step, byOp);
      }
      lastPhase = campaign.state === "DONE" ? "DONE" : campaign.stagePhase;
      for (const step of lastSteps.values()) msByStep.set(step, (msByStep.get(step) ?? 0) + (now - lastCallSample));
      lastCalls = current;
      lastSteps = new Map(
        runs
          .filter((r) => r.state !== "DONE")
          .map((r) => [`${r.region}/${r.appName}`, `${r.state === "NEEDS_DECISION" ? "needs-decision" : r.step}`]),
      );
      lastCallSample = now;
      nextCallSample = now + callSampleMs;
    }
    if (Date.now() - lastProgress > 30_000) {
      lastProgress = Date.now();
      const done = runs.filter((r) => r.state === "DONE").length;
      console.error(
        `[${((Date.now() - benchStarted) / 1000).toFixed(0)} s] stage ${campaign.stage + 1} ${campaign.stagePhase}, ${runs.length} runs (${done} done), worker RSS ${((proc?.rssKb ?? 0) / 1024).toFixed(0)} MB${campaign.stoppedReason ? `, stopped: ${campaign.stoppedReason}` : ""}`,
      );
    }
    if (campaign.state === "DONE" && runs.every((r) => r.state === "DONE")) break;
    if (Date.now() > deadline)
      throw new Error(`campaign not done by the deadline: ${campaign.state}/${campaign.stagePhase}`);
    await sleep(sampleMs);
  }
  const finalProc = readProc(pid) ?? last;
  await stop(worker);

  // What happened, from the database.
  const campaign = await db.campaign.findUniqueOrThrow({ where: { id: campaignId } });
  const { definitionOf, stageLogOf } = await import("@/lib/campaigns/stored");
  const stored = definitionOf(campaign);
  const log = stageLogOf(campaign);
  const targets = await db.campaignTarget.findMany({ where: { campaignId } });
  const runs = await db.upgradeRun.findMany({ where: { campaignId } });
  const durations = runs
    .filter((r) => r.outcome === "SUCCEEDED" && r.finishedAt)
    .map((r) => r.finishedAt!.getTime() - r.createdAt.getTime());
  const median = percentile(durations, 50);
  const scenario = new Map(chosen.map((a) => [`${a.region}/${a.name}`, a.scenario]));
  const campaignEnd = campaign.finishedAt!.getTime();
  let idealTotal = 0;
  const stageRows = stored.stages.map((s, index) => {
    const of = targets.filter((t) => t.stage === index);
    const startedRuns = runs.filter((r) => r.campaignStage === index);
    const record = log.find((r) => r.stage === index);
    const begin = record?.startedAt ? Date.parse(record.startedAt) : null;
    const end = record?.endedAt ? Date.parse(record.endedAt) : begin !== null ? campaignEnd : null;
    const soaked = record?.endedAt && record.soakUntil ? Date.parse(record.soakUntil) - Date.parse(record.endedAt) : 0;
    const ideal = startedRuns.length ? Math.ceil(startedRuns.length / s.concurrency) * median : 0;
    idealTotal += ideal + soaked;
    const failed = of.filter((t) => t.state === "FAILED" || t.state === "LATE_FAILED").length;
    const stoppedHere = stopSeen?.stage === index;
    const atStop = stoppedHere ? /(\d+) failures, (\d+) allowed/.exec(stopSeen!.reason) : null;
    return {
      stage: s.name,
      apps: s.apps,
      "failing in mix": of.filter((t) => scenario.get(`${t.region}/${t.appName}`) !== "healthy").length,
      concurrency: s.concurrency,
      "max in flight": maxInFlight[index]!,
      started: startedRuns.length,
      succeeded: of.filter((t) => t.state === "SUCCEEDED").length,
      failed,
      "not started": of.filter((t) => t.state === "CANCELLED" || t.state === "PENDING").length,
      "budget (allowed)": s.allowedFailures,
      "stopped at": atStop ? `${atStop[1]} > ${atStop[2]} allowed` : begin === null ? "not reached" : "—",
      "failures after in-flight ended": stoppedHere ? failed : "—",
      "wall s": seconds(end !== null && begin !== null ? end - begin : null),
      "soak s": seconds(soaked),
      "ideal s (rounds × median)": seconds(ideal),
      "wall / ideal": end !== null && begin !== null && ideal ? ((end - begin) / ideal).toFixed(2) : "—",
    };
  });
  const totalMs = campaignEnd - campaign.startedAt!.getTime();
  printTable(
    `Campaign of ${appCount} applications at emulator speed "${speed}" (every duration ×${scale.toFixed(4)}): ${campaign.outcome}${campaign.stoppedReason ? ` (${campaign.stoppedReason})` : ""}`,
    stageRows,
  );
  const ticks = (finalProc?.cpuTicks ?? 0) - (idle?.cpuTicks ?? 0);
  printTable("Campaign totals and the worker process", [
    {
      "wall s": seconds(totalMs),
      "ideal s (Σ rounds × median + soaks)": seconds(idealTotal),
      "wall / ideal": (totalMs / idealTotal).toFixed(2),
      "median upgrade s (SUCCEEDED, created→finished)": seconds(median),
      "p90 upgrade s": seconds(percentile(durations, 90)),
      runs: runs.length,
      "worker RSS idle MB": ((idle?.rssKb ?? 0) / 1024).toFixed(0),
      "worker peak VmRSS MB (200 ms samples)": (peak.rssKb / 1024).toFixed(0),
      "worker peak RSS MB (VmHWM)": (Math.max(peak.hwmKb, finalProc?.hwmKb ?? 0) / 1024).toFixed(0),
      "worker CPU s (utime+stime, campaign)": (ticks / 100).toFixed(1),
      "worker CPU % of one core": ((ticks / 100 / (totalMs / 1000)) * 100).toFixed(0),
    },
  ]);

  // AWS calls per application, over the whole campaign (every run and the soak's re-checks).
  const calls = ((await (await control("calls", undefined, "GET")).json()) as { calls: CallCount[] }).calls;
  const upgraded = new Set(runs.map((r) => `${r.region}/${r.appName}`));
  const byOp = new Map<string, { all: number; healthy: number; failing: number }>();
  for (const c of calls) {
    if (!c.app || !upgraded.has(`${c.region}/${c.app}`)) continue;
    const key = opName(c);
    const row = byOp.get(key) ?? { all: 0, healthy: 0, failing: 0 };
    row.all += c.count;
    if (scenario.get(`${c.region}/${c.app}`) === "healthy") row.healthy += c.count;
    else row.failing += c.count;
    byOp.set(key, row);
  }
  const healthyApps = [...upgraded].filter((a) => scenario.get(a) === "healthy").length;
  const failingApps = upgraded.size - healthyApps;
  const callRows = [...byOp.entries()]
    .sort((a, b) => b[1].all - a[1].all)
    .map(([operation, n]) => ({
      operation,
      total: n.all,
      "per app": (n.all / upgraded.size).toFixed(2),
      "per healthy app": healthyApps ? (n.healthy / healthyApps).toFixed(2) : "—",
      "per failing app": failingApps ? (n.failing / failingApps).toFixed(2) : "—",
    }));
  const sum = (f: (r: { all: number; healthy: number; failing: number }) => number) =>
    [...byOp.values()].reduce((n, r) => n + f(r), 0);
  callRows.push({
    operation: "TOTAL",
    total: sum((r) => r.all),
    "per app": (sum((r) => r.all) / upgraded.size).toFixed(1),
    "per healthy app": healthyApps ? (sum((r) => r.healthy) / healthyApps).toFixed(1) : "—",
    "per failing app": failingApps ? (sum((r) => r.failing) / failingApps).toFixed(1) : "—",
  });
  printTable(
    `AWS calls per upgraded application (${upgraded.size} upgraded: ${healthyApps} healthy, ${failingApps} failing; the emulator's counts, soak re-checks included)`,
    callRows,
  );

  // Calls per application-minute in each step (calls put on the step the app's run was in at the previous 1 s sample).
  const stepRows = [...msByStep.entries()]
    .filter(([step]) => step !== "(no run)")
    .sort((a, b) => b[1] - a[1])
    .map(([step, ms]) => {
      const ops = callsByStep.get(step) ?? new Map<string, number>();
      const total = [...ops.values()].reduce((a, b) => a + b, 0);
      const appMinutes = ms / 60_000;
      const top = [...ops.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 4)
        .map(([op, n]) => `${op.replace("kinesisanalytics ", "")} ${(n / appMinutes).toFixed(1)}`);
      return {
        step,
        "app-minutes": appMinutes.toFixed(1),
        calls: total,
        "calls / app-minute": (total / appMinutes).toFixed(1),
        "… at real speed (×scale)": ((total / appMinutes) * scale).toFixed(2),
        "top operations / app-minute": top.join(", "),
      };
    });
  printTable(
    "AWS calls per application-minute by run step (attributed by 1 s samples; the engine's polls scale with the speed, so the real-speed rate is the rate × the scale)",
    stepRows,
  );
  const outside = callsByStep.get("(no run)");
  if (outside)
    console.log(
      `calls of applications without a run in flight (the soak's re-checks, runs' ending reads): ${[...outside.values()].reduce((a, b) => a + b, 0)} (${[...outside.entries()].map(([op, n]) => `${op} ${n}`).join(", ")})`,
    );
  // CloudWatch reads name no application (GetMetricData batches queries): per application-minute of the phase.
  const observeMinutes = (msByStep.get("observe") ?? 0) / 60_000;
  const soakAppMinutes = stored.stages.reduce((n, s, index) => {
    const record = log.find((r) => r.stage === index);
    if (!record?.endedAt || !record.soakUntil) return n;
    const upgradedHere = targets.filter((t) => t.stage === index && t.state === "SUCCEEDED").length;
    return n + (upgradedHere * (Date.parse(record.soakUntil) - Date.parse(record.endedAt))) / 60_000;
  }, 0);
  printTable(
    "Calls naming no application, by campaign phase (RUNNING: per app-minute in the observe step, though wait-running and each run's ending read CloudWatch too; SOAKING: per upgraded app-minute of soak)",
    [...unattributed.entries()].flatMap(([phase, ops]) =>
      [...ops.entries()].map(([operation, n]) => {
        const per = phase === "RUNNING" ? observeMinutes : phase === "SOAKING" ? soakAppMinutes : 0;
        return {
          phase,
          operation,
          calls: n,
          "per app-minute": per ? (n / per).toFixed(2) : "—",
          "… at real speed (×scale)": per ? ((n / per) * scale).toFixed(3) : "—",
        };
      }),
    ),
  );
  console.log(`\nbench wall ${((Date.now() - benchStarted) / 60_000).toFixed(1)} min`);
  await db.$disconnect();
  await stop(emulator.child);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
