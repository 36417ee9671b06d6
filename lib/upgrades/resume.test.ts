import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupAppTestEnv, type AppTestEnv } from "@/tests/support/app-test-env";
import { testActor, upgradeInput } from "@/tests/support/upgrade-driver";
import { stepOrder, type StepName } from "./run-types";

// A real worker process (scripts/worker.ts) is SIGKILLed in the middle of every step; a new one resumes
// the run from the database. AWS mutations must not repeat: the emulator counts them.
let env: AppTestEnv;
let db: (typeof import("@/lib/db"))["db"];
const region = "us-east-1";
const app = "orders-enricher";
const root = path.resolve(__dirname, "../..");

beforeAll(async () => {
  env = await setupAppTestEnv({
    regions: [region],
    extraEnv: { UPGRADE_TIME_SCALE: "0.025", SYNC_INTERVAL_SECONDS: "86400" },
  });
  db = (await import("@/lib/db")).db;
  const sync = await import("@/lib/fleet/sync");
  await sync.requestSync(testActor);
  await sync.runQueuedSync();
});

afterAll(async () => {
  await db.$disconnect();
  await env.close();
});

function startWorker(): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    cwd: root,
    env: { ...process.env },
    stdio: "ignore",
  });
}

async function kill(worker: ChildProcess) {
  if (worker.exitCode !== null) return;
  const exited = new Promise((r) => worker.once("exit", r));
  worker.kill("SIGKILL");
  await exited;
}

async function waitFor<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 15));
  }
}

describe("a run survives its worker being killed", () => {
  it("resumes after a SIGKILL in every step and calls UpdateApplication exactly once", async () => {
    // Slower AWS answers so each step lasts long enough to be interrupted.
    await env.emulator.control.setFaults({ service: "kinesisanalytics", latencyMs: 120 });
    const stored = await db.fleetApp.findUniqueOrThrow({ where: { region_name: { region, name: app } } });
    await env.emulator.control.resetCalls();
    const { runId } = await (
      await import("./start-upgrade")
    ).startUpgrade(testActor, upgradeInput(region, app, { expectedVersionId: stored.versionId }));
    const readRun = () => db.upgradeRun.findUniqueOrThrow({ where: { id: runId } });

    const interrupted: string[] = [];
    const steps = ["preflight", "safety", "snapshot", "update", "wait-running", "observe"];
    for (const step of steps) {
      const worker = startWorker();
      const reached = (r: { step: string; state: string }) =>
        r.state === "DONE" || stepOrder.indexOf(r.step as StepName) >= stepOrder.indexOf(step as StepName);
      await waitFor(readRun, reached, 30_000);
      // Let the worker get into the step's AWS calls, then kill it without warning.
      await new Promise((r) => setTimeout(r, 60));
      const atKill = await readRun();
      await kill(worker);
      if (atKill.step === step) interrupted.push(step);
    }
    const survivor = startWorker();
    const done = await waitFor(readRun, (r) => r.state === "DONE", 60_000);
    await kill(survivor);

    console.info(`interrupted in: ${interrupted.join(", ")}`);
    expect(interrupted.length).toBeGreaterThanOrEqual(4);
    expect(done.outcome).toBe("SUCCEEDED");
    const calls = await env.emulator.control.calls();
    const count = (op: string) =>
      calls.filter((c) => c.operation === op && !c.throttled).reduce((n, c) => n + c.count, 0);
    expect(count("UpdateApplication")).toBe(1);
    expect(count("CreateApplicationSnapshot")).toBe(1);
    expect(count("RollbackApplication")).toBe(0);
  }, 180_000);
});
