import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { killWorker, startWorker, waitFor } from "@/tests/support/workers";
import { setupAppTestEnv, type AppTestEnv, TEST_ACCOUNT } from "@/tests/support/app-test-env";
import { testActor, upgradeInput } from "@/tests/support/upgrade-driver";
import { stepOrder, type StepName } from "./run-types";

// A real worker process (scripts/worker.ts) is SIGKILLed in the middle of every step; a new one resumes
// the run from the database. AWS mutations must not repeat: the emulator counts them.
let env: AppTestEnv;
let db: (typeof import("@/lib/db"))["db"];
const region = "us-east-1";

beforeAll(async () => {
  env = await setupAppTestEnv({
    regions: [region],
    // A short request timeout keeps the lease (twice the timeout) short, so a killed worker's run is taken over fast.
    extraEnv: { UPGRADE_TIME_SCALE: String(1 / 60), SYNC_INTERVAL_SECONDS: "86400", AWS_REQUEST_TIMEOUT_MS: "1000" },
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

describe("a run survives its worker being killed", () => {
  it("resumes after a SIGKILL inside every step, with each AWS mutation sent exactly once", async () => {
    // MyApplication has system rollback and snapshots off, so the safety step really sends an update; the restart
    // loop makes the run go through the rollback steps too. Every AWS answer is slowed down, so a kill just after
    // a worker claims a step lands inside that step's AWS call.
    const name = "MyApplication";
    await env.emulator.control.setScenario(region, name, "state-incompatible");
    await env.emulator.control.setFaults({ service: "kinesisanalytics", latencyMs: 400 });
    const stored = await db.fleetApp.findUniqueOrThrow({
      where: { account_region_name: { account: TEST_ACCOUNT, region, name } },
    });
    expect(stored).toMatchObject({ rollbackEnabled: false, snapshotsEnabled: false });
    await env.emulator.control.resetCalls();
    const { runId } = await (
      await import("./start-upgrade")
    ).startUpgrade(testActor, upgradeInput(region, name, { expectedVersionId: stored.versionId }));
    const readRun = () => db.upgradeRun.findUniqueOrThrow({ where: { id: runId } });

    const steps: StepName[] = [
      "preflight",
      "safety",
      "snapshot",
      "update",
      "wait-running",
      "observe",
      "rollback",
      "wait-rollback",
    ];
    const interrupted: string[] = [];
    let killedOwner: string | null = null;
    for (const step of steps) {
      const worker = startWorker();
      // Claimed by the new worker in this step: its lease is live and it is inside the step's first AWS call.
      const claimed = (r: Awaited<ReturnType<typeof readRun>>) =>
        r.state === "DONE" ||
        stepOrder.indexOf(r.step as StepName) > stepOrder.indexOf(step) ||
        (r.step === step &&
          r.leaseOwner !== killedOwner &&
          r.leaseOwner?.startsWith("worker-") === true &&
          r.leaseUntil! > new Date());
      await waitFor(readRun, claimed, 30_000);
      await new Promise((r) => setTimeout(r, 120));
      const atKill = await readRun();
      await killWorker(worker);
      killedOwner = atKill.leaseOwner;
      if (atKill.step === step && atKill.state !== "DONE") interrupted.push(step);
    }
    await env.emulator.control.clearFaults();
    const survivor = startWorker();
    const done = await waitFor(readRun, (r) => r.state === "DONE", 60_000);
    await killWorker(survivor);

    expect(interrupted).toEqual(steps);
    expect(done.outcome).toBe("ROLLED_BACK");
    const calls = await env.emulator.control.calls();
    const sent = (op: string) =>
      calls.filter((c) => c.operation === op && c.app === name).reduce((n, c) => n + c.count, 0);
    expect(sent("UpdateApplication")).toBe(2);
    expect(sent("CreateApplicationSnapshot")).toBe(1);
    expect(sent("RollbackApplication")).toBe(1);
  }, 240_000);
});
