import {
  DescribeApplicationOperationCommand,
  KinesisAnalyticsV2Client,
  ListApplicationOperationsCommand,
  ListApplicationVersionsCommand,
  RollbackApplicationCommand,
  StopApplicationCommand,
  UpdateApplicationCommand,
} from "@aws-sdk/client-kinesis-analytics-v2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { msfClient, startEmulator, type StartedEmulator } from "./harness";
import { describeApp, expectAwsError, sleep, timelineOf, waitForApp, waitForStatus } from "./msf-helpers";

let emu: StartedEmulator;
let client: KinesisAnalyticsV2Client;

beforeAll(async () => {
  emu = await startEmulator();
  client = msfClient(emu.url, "us-east-1");
});
afterAll(() => emu.close());

// Every test drives its own application, so the tests run concurrently against one emulator.

async function upgradeTo22(name: string) {
  const d = await describeApp(client, name);
  const out = await client.send(
    new UpdateApplicationCommand({
      ApplicationName: name,
      CurrentApplicationVersionId: d.ApplicationVersionId,
      RuntimeEnvironmentUpdate: "FLINK-2_2",
      ApplicationConfigurationUpdate: {
        ApplicationCodeConfigurationUpdate: {
          CodeContentUpdate: { S3ContentLocationUpdate: { FileKeyUpdate: `${name}-2.2.jar` } },
        },
      },
    }),
  );
  return { before: d, operationId: out.OperationId!, version: out.ApplicationDetail!.ApplicationVersionId! };
}

const operation = async (name: string, id: string) =>
  (await client.send(new DescribeApplicationOperationCommand({ ApplicationName: name, OperationId: id })))
    .ApplicationOperationInfoDetails!;

const rollback = async (name: string) => {
  const d = await describeApp(client, name);
  return client.send(
    new RollbackApplicationCommand({ ApplicationName: name, CurrentApplicationVersionId: d.ApplicationVersionId }),
  );
};

const lastSegment = async (name: string) => timelineOf(await emu.control.app("us-east-1", name)).at(-1)!;

describe.concurrent("upgrade scenarios", () => {
  it("binary-incompatible with system rollback: update FAILED, RollbackApplication op, back on the old runtime", async () => {
    const { before, operationId, version } = await upgradeTo22("payments-fraud-scorer");
    const rolling = await waitForStatus(client, "payments-fraud-scorer", "ROLLING_BACK");
    expect(rolling.RuntimeEnvironment).toBe("FLINK-1_19");
    const after = await waitForStatus(client, "payments-fraud-scorer", "RUNNING");
    expect(after.RuntimeEnvironment).toBe("FLINK-1_19");
    expect(after.ApplicationVersionRolledBackFrom).toBe(version);
    expect(after.ApplicationVersionRolledBackTo).toBe(before.ApplicationVersionId);
    expect(
      after.ApplicationConfigurationDescription?.ApplicationCodeConfigurationDescription?.CodeContentDescription
        ?.S3ApplicationCodeLocationDescription?.FileKey,
    ).toBe(
      before.ApplicationConfigurationDescription?.ApplicationCodeConfigurationDescription?.CodeContentDescription
        ?.S3ApplicationCodeLocationDescription?.FileKey,
    );
    const failed = await operation("payments-fraud-scorer", operationId);
    expect(failed.OperationStatus).toBe("FAILED");
    expect(failed.OperationFailureDetails?.ErrorInfo?.ErrorString).toMatch(/compatible|NoSuchMethod/);
    const rollbackId = failed.OperationFailureDetails!.RollbackOperationId!;
    const rb = await operation("payments-fraud-scorer", rollbackId);
    expect(rb).toMatchObject({ Operation: "RollbackApplication", OperationStatus: "SUCCESSFUL" });
    const list = await client.send(
      new ListApplicationOperationsCommand({ ApplicationName: "payments-fraud-scorer", Limit: 2 }),
    );
    expect(list.ApplicationOperationInfoList?.map((o) => o.OperationId)).toEqual([rollbackId, operationId]);
    const versions = await client.send(
      new ListApplicationVersionsCommand({ ApplicationName: "payments-fraud-scorer", Limit: 3 }),
    );
    expect(versions.ApplicationVersionSummaries?.[1]).toEqual({
      ApplicationVersionId: version,
      ApplicationStatus: "ROLLED_BACK",
    });
    expect(await lastSegment("payments-fraud-scorer")).toMatchObject({
      status: "RUNNING",
      runtime: "FLINK-1_19",
      behaviour: "healthy",
      freshJob: true,
    });
  });

  it("binary-incompatible without system rollback: update FAILED and the app is READY", async () => {
    const { operationId } = await upgradeTo22("inventory-sync");
    const after = await waitForStatus(client, "inventory-sync", "READY");
    expect(after.RuntimeEnvironment).toBe("FLINK-2_2");
    const failed = await operation("inventory-sync", operationId);
    expect(failed.OperationStatus).toBe("FAILED");
    expect(failed.OperationFailureDetails?.RollbackOperationId).toBeUndefined();
    expect(await lastSegment("inventory-sync")).toMatchObject({ status: "READY", behaviour: "idle" });
  });

  it("state-incompatible: SUCCESSFUL update, RUNNING on 2.2, timeline restart-loop", async () => {
    const { operationId } = await upgradeTo22("clickstream-sessionizer");
    const after = await waitForStatus(client, "clickstream-sessionizer", "RUNNING");
    expect(after.RuntimeEnvironment).toBe("FLINK-2_2");
    expect((await operation("clickstream-sessionizer", operationId)).OperationStatus).toBe("SUCCESSFUL");
    expect(await lastSegment("clickstream-sessionizer")).toMatchObject({
      runtime: "FLINK-2_2",
      behaviour: "restart-loop",
      freshJob: true,
    });
  });

  it("slow-checkpoints: RUNNING with slow-checkpoints behaviour", async () => {
    await upgradeTo22("ad-impressions-aggregator");
    await waitForStatus(client, "ad-impressions-aggregator", "RUNNING");
    expect(await lastSegment("ad-impressions-aggregator")).toMatchObject({
      status: "RUNNING",
      behaviour: "slow-checkpoints",
    });
  });

  it("stuck-updating: stays UPDATING; RollbackApplication gets it out", async () => {
    const { operationId, before } = await upgradeTo22("fulfilment-tracker");
    await sleep(2_500);
    const stuck = await describeApp(client, "fulfilment-tracker");
    expect(stuck.ApplicationStatus).toBe("UPDATING");
    expect((await operation("fulfilment-tracker", operationId)).OperationStatus).toBe("IN_PROGRESS");
    const rb = await rollback("fulfilment-tracker");
    expect(rb.ApplicationDetail?.ApplicationStatus).toBe("ROLLING_BACK");
    const after = await waitForStatus(client, "fulfilment-tracker", "RUNNING");
    expect(after.RuntimeEnvironment).toBe(before.RuntimeEnvironment);
    expect((await operation("fulfilment-tracker", operationId)).OperationStatus).toBe("CANCELLED");
    expect((await operation("fulfilment-tracker", rb.OperationId!)).OperationStatus).toBe("SUCCESSFUL");
  });

  it("stuck-updating: a force stop ends in READY", async () => {
    const ap = msfClient(emu.url, "ap-southeast-2");
    const d = await describeApp(ap, "ride-matching-stream");
    await ap.send(
      new UpdateApplicationCommand({
        ApplicationName: "ride-matching-stream",
        CurrentApplicationVersionId: d.ApplicationVersionId,
        RuntimeEnvironmentUpdate: "FLINK-2_2",
      }),
    );
    await expectAwsError(
      ap.send(new StopApplicationCommand({ ApplicationName: "ride-matching-stream" })),
      "ResourceInUseException",
    );
    const stop = await ap.send(new StopApplicationCommand({ ApplicationName: "ride-matching-stream", Force: true }));
    expect((await describeApp(ap, "ride-matching-stream")).ApplicationStatus).toBe("FORCE_STOPPING");
    await waitForStatus(ap, "ride-matching-stream", "READY");
    const ops = await ap.send(
      new ListApplicationOperationsCommand({ ApplicationName: "ride-matching-stream", Limit: 2 }),
    );
    expect(ops.ApplicationOperationInfoList?.map((o) => [o.Operation, o.OperationStatus])).toEqual([
      ["StopApplication", "SUCCESSFUL"],
      ["UpdateApplication", "CANCELLED"],
    ]);
    expect(ops.ApplicationOperationInfoList?.[0]?.OperationId).toBe(stop.OperationId);
  });

  it("manual rollback after a restart loop restores runtime, code and healthy behaviour", async () => {
    const ap = msfClient(emu.url, "ap-southeast-2");
    const before = await describeApp(ap, "surf-forecast-py");
    const out = await ap.send(
      new UpdateApplicationCommand({
        ApplicationName: "surf-forecast-py",
        CurrentApplicationVersionId: before.ApplicationVersionId,
        RuntimeEnvironmentUpdate: "FLINK-2_2",
      }),
    );
    const version = out.ApplicationDetail!.ApplicationVersionId!;
    await waitForStatus(ap, "surf-forecast-py", "RUNNING");
    const segment = async () => timelineOf(await emu.control.app("ap-southeast-2", "surf-forecast-py")).at(-1)!;
    expect(await segment()).toMatchObject({ behaviour: "restart-loop", runtime: "FLINK-2_2" });
    const rb = await ap.send(
      new RollbackApplicationCommand({ ApplicationName: "surf-forecast-py", CurrentApplicationVersionId: version }),
    );
    expect(rb.ApplicationDetail).toMatchObject({
      ApplicationStatus: "ROLLING_BACK",
      RuntimeEnvironment: "FLINK-1_18",
      ApplicationVersionRolledBackFrom: version,
      ApplicationVersionRolledBackTo: before.ApplicationVersionId,
      ApplicationVersionId: version + 1,
    });
    const after = await waitForStatus(ap, "surf-forecast-py", "RUNNING");
    expect(after.RuntimeEnvironment).toBe("FLINK-1_18");
    expect(await segment()).toMatchObject({ runtime: "FLINK-1_18", behaviour: "healthy", freshJob: true });
  });

  it("rollback-fails: the upgrade restart-loops and the rollback ends in READY with a FAILED operation", async () => {
    await upgradeTo22("ledger-reconciler");
    await waitForStatus(client, "ledger-reconciler", "RUNNING");
    expect(await lastSegment("ledger-reconciler")).toMatchObject({ behaviour: "restart-loop" });
    const rb = await rollback("ledger-reconciler");
    const after = await waitForApp(client, "ledger-reconciler", (d) => d.ApplicationStatus === "READY");
    expect(after.ApplicationStatus).toBe("READY");
    const op = await operation("ledger-reconciler", rb.OperationId!);
    expect(op.OperationStatus).toBe("FAILED");
    expect(op.OperationFailureDetails?.ErrorInfo?.ErrorString).toMatch(/Rollback failed/);
  });

  it("scenarios can be switched through the control API", async () => {
    const eu = msfClient(emu.url, "eu-west-1");
    await emu.control.setScenario("eu-west-1", "price-tick-normalizer", "binary-incompatible");
    const d = await describeApp(eu, "price-tick-normalizer");
    await eu.send(
      new UpdateApplicationCommand({
        ApplicationName: "price-tick-normalizer",
        CurrentApplicationVersionId: d.ApplicationVersionId,
        RuntimeEnvironmentUpdate: "FLINK-1_20",
      }),
    );
    // Its system rollback is on, so the failure is rolled back automatically.
    const after = await waitForApp(
      eu,
      "price-tick-normalizer",
      (x) => x.ApplicationStatus === "RUNNING" && x.ApplicationVersionRolledBackFrom !== undefined,
    );
    expect(after.RuntimeEnvironment).toBe("FLINK-1_8");
  });
});

describe.concurrent("RollbackApplication errors", () => {
  it("is rejected when the app has no snapshot", async () => {
    const eu = msfClient(emu.url, "eu-west-1");
    const d = await describeApp(eu, "gdpr-erasure-router");
    const err = await expectAwsError(
      eu.send(
        new RollbackApplicationCommand({
          ApplicationName: "gdpr-erasure-router",
          CurrentApplicationVersionId: d.ApplicationVersionId,
        }),
      ),
      "UnsupportedOperationException",
    );
    expect(err.message).toMatch(/no snapshots/);
  });

  it("is rejected with a stale version, on READY apps, and for unknown apps", async () => {
    const d = await describeApp(client, "device-shadow-merger");
    await expectAwsError(
      client.send(
        new RollbackApplicationCommand({
          ApplicationName: "device-shadow-merger",
          CurrentApplicationVersionId: d.ApplicationVersionId! - 1,
        }),
      ),
      "ConcurrentModificationException",
    );
    const ready = await describeApp(client, "order-audit-archiver");
    await expectAwsError(
      client.send(
        new RollbackApplicationCommand({
          ApplicationName: "order-audit-archiver",
          CurrentApplicationVersionId: ready.ApplicationVersionId,
        }),
      ),
      "ResourceInUseException",
    );
    await expectAwsError(
      client.send(new RollbackApplicationCommand({ ApplicationName: "ghost", CurrentApplicationVersionId: 1 })),
      "ResourceNotFoundException",
    );
  });
});
