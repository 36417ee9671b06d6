import { DescribeApplicationCommand, UpdateApplicationCommand } from "@aws-sdk/client-kinesis-analytics-v2";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { setupAppTestEnv, type AppTestEnv, TEST_ACCOUNT } from "@/tests/support/app-test-env";
import { testActor, upgradeInput } from "@/tests/support/upgrade-driver";
import type { RunOptions } from "./run-types";

// Integration: the start action and verb against the emulator (through the real SDK) and a fresh database.
let env: AppTestEnv;
let lib: {
  db: (typeof import("@/lib/db"))["db"];
  start: typeof import("./start-upgrade");
  action: typeof import("@/lib/actions/action");
  specs: typeof import("@/lib/actions/specs");
  msfClient: (typeof import("@/lib/aws/clients"))["msfClient"];
};
const region = "us-east-1";
const app = "orders-enricher";

beforeAll(async () => {
  env = await setupAppTestEnv({ regions: [region], extraEnv: { UPGRADE_TIME_SCALE: "0.025" } });
  lib = {
    db: (await import("@/lib/db")).db,
    start: await import("./start-upgrade"),
    action: await import("@/lib/actions/action"),
    specs: await import("@/lib/actions/specs"),
    msfClient: (await import("@/lib/aws/clients")).msfClient,
  };
});

afterAll(async () => {
  await lib.db.$disconnect();
  await env.close();
});

beforeEach(async () => {
  await env.emulator.control.reset();
  await lib.db.upgradeRun.deleteMany();
  await syncInventory();
});

async function syncInventory() {
  const sync = await import("@/lib/fleet/sync");
  await sync.requestSync(testActor);
  await sync.runQueuedSync();
}

async function storedApp() {
  return lib.db.fleetApp.findUniqueOrThrow({
    where: { account_region_name: { account: TEST_ACCOUNT, region, name: app } },
  });
}

async function readySnapshotName(): Promise<string> {
  const { snapshots } = JSON.parse((await storedApp()).detail) as {
    snapshots: { SnapshotName: string; SnapshotStatus: string }[];
  };
  const ready = snapshots.find((s) => s.SnapshotStatus === "READY");
  if (!ready) throw new Error(`the seed gave ${app} no READY snapshot`);
  return ready.SnapshotName;
}

/** The way an engineer would have set it on AWS: UpdateApplication, then wait for RUNNING and sync. */
async function allowNonRestoredStateOnAws() {
  const client = lib.msfClient({ account: TEST_ACCOUNT, region: region });
  const { ApplicationDetail } = await client.send(new DescribeApplicationCommand({ ApplicationName: app }));
  await client.send(
    new UpdateApplicationCommand({
      ApplicationName: app,
      CurrentApplicationVersionId: ApplicationDetail!.ApplicationVersionId,
      RunConfigurationUpdate: { FlinkRunConfiguration: { AllowNonRestoredState: true } },
    }),
  );
  for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
    const { ApplicationDetail: now } = await client.send(new DescribeApplicationCommand({ ApplicationName: app }));
    if (now?.ApplicationStatus === "RUNNING") break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await syncInventory();
}

async function optionsOfRun(runId: string): Promise<RunOptions> {
  const run = await lib.db.upgradeRun.findUniqueOrThrow({ where: { id: runId } });
  return JSON.parse(run.options) as RunOptions;
}

async function inputFor(overrides = {}) {
  return upgradeInput(region, app, { expectedVersionId: (await storedApp()).versionId, ...overrides });
}

describe("startUpgrade: restore settings", () => {
  it("keeps the application's AllowNonRestoredState when the input names no restore choice", async () => {
    await allowNonRestoredStateOnAws();
    const { runId } = await lib.start.startUpgrade(testActor, await inputFor());
    expect((await optionsOfRun(runId)).restore).toEqual({
      applicationRestoreType: "RESTORE_FROM_LATEST_SNAPSHOT",
      allowNonRestoredState: true,
    });
  });

  it("stores the engineer's custom snapshot when the sync saw it READY", async () => {
    const snapshotName = await readySnapshotName();
    const restore = {
      applicationRestoreType: "RESTORE_FROM_CUSTOM_SNAPSHOT" as const,
      snapshotName,
      allowNonRestoredState: false,
    };
    const { runId } = await lib.start.startUpgrade(testActor, await inputFor({ restore }));
    expect((await optionsOfRun(runId)).restore).toEqual(restore);
  });

  it("refuses a custom snapshot the application does not have, on the snapshot field, and records no run", async () => {
    const restore = {
      applicationRestoreType: "RESTORE_FROM_CUSTOM_SNAPSHOT" as const,
      snapshotName: "no-such-snapshot",
      allowNonRestoredState: false,
    };
    const refusal = await lib.start.startUpgrade(testActor, await inputFor({ restore })).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(lib.start.UpgradeRefused);
    expect((refusal as InstanceType<typeof lib.start.UpgradeRefused>).fieldErrors).toEqual({
      "restore.snapshotName": [
        expect.stringMatching(/^no-such-snapshot is not one of this application's \d+ snapshots/),
      ],
    });
    expect(await lib.db.upgradeRun.count()).toBe(0);
  });
});

const engineer = {
  sessionId: "s",
  subject: "e",
  email: "engineer@example.com",
  name: "Eli",
  roles: ["engineer" as const],
  teams: [],
};
const startAction = (input: unknown) => lib.action.runAction(lib.specs.startUpgradeSpec, engineer, input);

describe("the start-upgrade action", () => {
  it("refuses a policy the metric cadence cannot fill, on the field at fault, and records no run", async () => {
    // UPGRADE_TIME_SCALE 0.025: a datapoint every 1.5 s, so 2 s holds one and a verdict needs four.
    const input = await inputFor();
    const result = await startAction({
      ...input,
      policy: { ...input.policy, observationSeconds: "2" },
    });
    expect(result.ok).toBe(false);
    expect(result.fieldErrors?.["policy.observationSeconds"]).toEqual([
      expect.stringMatching(/^Too short: MSF publishes metrics every 1.5 s, so 2 s holds 1 datapoint/),
    ]);
    expect(await lib.db.upgradeRun.count()).toBe(0);
  });

  it("requires a snapshot name for a custom restore", async () => {
    const result = await startAction({
      ...(await inputFor()),
      restore: {
        applicationRestoreType: "RESTORE_FROM_CUSTOM_SNAPSHOT",
        snapshotName: "",
        allowNonRestoredState: false,
      },
    });
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: { "restore.snapshotName": ["name the snapshot to restore"] },
    });
  });

  it("passes the verb's field-level refusal through to the wizard", async () => {
    const result = await startAction({
      ...(await inputFor()),
      restore: {
        applicationRestoreType: "RESTORE_FROM_CUSTOM_SNAPSHOT",
        snapshotName: "gone",
        allowNonRestoredState: false,
      },
    });
    expect(result.ok).toBe(false);
    expect(Object.keys(result.fieldErrors ?? {})).toEqual(["restore.snapshotName"]);
  });
});

describe("startUpgrade: a freeze window that names accounts", () => {
  async function denyWindowFor(accounts: string[]) {
    await lib.db.freezeWindow.deleteMany();
    await lib.db.freezeWindow.create({
      data: {
        name: "payments close",
        kind: "deny",
        cron: "0 0 * * *",
        durationMinutes: 10080,
        timeZone: "UTC",
        selector: JSON.stringify({ accounts }),
        createdBy: "ana@example.com",
      },
    });
  }

  it("holds the application in a named account and lets the same application elsewhere start", async () => {
    try {
      await denyWindowFor([TEST_ACCOUNT]);
      const runsBefore = await lib.db.upgradeRun.count();
      await expect(lib.start.startUpgrade(testActor, await inputFor())).rejects.toThrow(
        /Nothing new starts now: Deny window "payments close" is open/,
      );
      expect(await lib.db.upgradeRun.count()).toBe(runsBefore);
      await denyWindowFor(["999999999999"]);
      const { runId } = await lib.start.startUpgrade(testActor, await inputFor());
      expect(runId).toEqual(expect.any(String));
    } finally {
      await lib.db.freezeWindow.deleteMany();
    }
  });

  it("holds a run already started before it reaches AWS when a window on its account opens", async () => {
    try {
      const { runId } = await lib.start.startUpgrade(testActor, await inputFor());
      await denyWindowFor([TEST_ACCOUNT]);
      const { advanceRun } = await import("./advance");
      expect(await advanceRun(runId, "test-worker")).toBe(true);
      const run = await lib.db.upgradeRun.findUniqueOrThrow({ where: { id: runId }, include: { events: true } });
      expect(run.step).toBe("preflight");
      expect(run.events.map((e) => e.message)).toContainEqual(
        expect.stringMatching(/^held before preflight: Deny window "payments close" is open/),
      );
    } finally {
      await lib.db.freezeWindow.deleteMany();
    }
  });
});
