import {
  DescribeApplicationOperationCommand,
  DescribeApplicationVersionCommand,
  KinesisAnalyticsV2Client,
  UpdateApplicationCommand,
  type RuntimeEnvironment,
  type UpdateApplicationCommandInput,
} from "@aws-sdk/client-kinesis-analytics-v2";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { msfClient, startEmulator, type StartedEmulator } from "./harness";
import { describeApp, expectAwsError, timelineOf, waitForStatus } from "./msf-helpers";

let emu: StartedEmulator;
let client: KinesisAnalyticsV2Client;

beforeAll(async () => {
  emu = await startEmulator();
  client = msfClient(emu.url, "us-east-1");
});
afterAll(() => emu.close());
beforeEach(() => emu.control.reset());

const upgrade = (
  name: string,
  version: number | undefined,
  runtime = "FLINK-2_2",
  extra: Partial<UpdateApplicationCommandInput> = {},
) =>
  client.send(
    new UpdateApplicationCommand({
      ApplicationName: name,
      CurrentApplicationVersionId: version,
      RuntimeEnvironmentUpdate: runtime as RuntimeEnvironment,
      ApplicationConfigurationUpdate: {
        ApplicationCodeConfigurationUpdate: {
          CodeContentUpdate: { S3ContentLocationUpdate: { FileKeyUpdate: `${name}-flink-2.2.jar` } },
        },
      },
      ...extra,
    }),
  );

describe("UpdateApplication: healthy in-place upgrade", () => {
  it("goes RUNNING → UPDATING → RUNNING on the new runtime and records the operation", async () => {
    const before = await describeApp(client, "orders-enricher");
    const out = await upgrade("orders-enricher", before.ApplicationVersionId);
    expect(out.OperationId).toMatch(/^[A-Za-z0-9]{10}$/);
    expect(out.ApplicationDetail?.ApplicationStatus).toBe("UPDATING");
    expect(out.ApplicationDetail?.ApplicationVersionId).toBe(before.ApplicationVersionId! + 1);
    expect(out.ApplicationDetail?.ApplicationVersionUpdatedFrom).toBe(before.ApplicationVersionId);
    expect(out.ApplicationDetail?.RuntimeEnvironment).toBe("FLINK-2_2");
    const inFlight = await client.send(
      new DescribeApplicationOperationCommand({ ApplicationName: "orders-enricher", OperationId: out.OperationId }),
    );
    expect(inFlight.ApplicationOperationInfoDetails?.OperationStatus).toBe("IN_PROGRESS");
    expect(inFlight.ApplicationOperationInfoDetails?.EndTime).toBeUndefined();

    const after = await waitForStatus(client, "orders-enricher", "RUNNING");
    expect(after.RuntimeEnvironment).toBe("FLINK-2_2");
    expect(
      after.ApplicationConfigurationDescription?.ApplicationCodeConfigurationDescription?.CodeContentDescription
        ?.S3ApplicationCodeLocationDescription?.FileKey,
    ).toBe("orders-enricher-flink-2.2.jar");
    const op = (
      await client.send(
        new DescribeApplicationOperationCommand({ ApplicationName: "orders-enricher", OperationId: out.OperationId }),
      )
    ).ApplicationOperationInfoDetails!;
    expect(op).toMatchObject({
      Operation: "UpdateApplication",
      OperationStatus: "SUCCESSFUL",
      ApplicationVersionChangeDetails: {
        ApplicationVersionUpdatedFrom: before.ApplicationVersionId,
        ApplicationVersionUpdatedTo: before.ApplicationVersionId! + 1,
      },
    });
    expect(op.EndTime!.getTime()).toBeGreaterThan(op.StartTime!.getTime());
    const timeline = timelineOf(await emu.control.app("us-east-1", "orders-enricher"));
    expect(timeline.slice(-2).map((s) => [s.status, s.runtime, s.behaviour, s.freshJob])).toEqual([
      ["UPDATING", "FLINK-2_2", "idle", false],
      ["RUNNING", "FLINK-2_2", "healthy", true],
    ]);
    const previous = await client.send(
      new DescribeApplicationVersionCommand({
        ApplicationName: "orders-enricher",
        ApplicationVersionId: before.ApplicationVersionId,
      }),
    );
    expect(previous.ApplicationVersionDetail?.RuntimeEnvironment).toBe("FLINK-1_20");
  });

  it("takes an automatic snapshot of the old runtime before a stateful upgrade", async () => {
    const before = await describeApp(client, "orders-enricher");
    await upgrade("orders-enricher", before.ApplicationVersionId);
    const app = await emu.control.app("us-east-1", "orders-enricher");
    const snapshots = app!.snapshots as { name: string; runtime: string; versionId: number }[];
    expect(snapshots.at(-1)).toMatchObject({ runtime: "FLINK-1_20", versionId: before.ApplicationVersionId });
    expect(snapshots.at(-1)!.name).toMatch(/^update-\d+$/);
  });

  it("applies flag-only changes at once without redeploying (new version, SUCCESSFUL op)", async () => {
    const before = await describeApp(client, "MyApplication");
    const out = await client.send(
      new UpdateApplicationCommand({
        ApplicationName: "MyApplication",
        CurrentApplicationVersionId: before.ApplicationVersionId,
        ApplicationConfigurationUpdate: {
          ApplicationSystemRollbackConfigurationUpdate: { RollbackEnabledUpdate: true },
          ApplicationSnapshotConfigurationUpdate: { SnapshotsEnabledUpdate: true },
        },
      }),
    );
    expect(out.ApplicationDetail?.ApplicationStatus).toBe("RUNNING");
    const cfg = out.ApplicationDetail?.ApplicationConfigurationDescription;
    expect(cfg?.ApplicationSystemRollbackConfigurationDescription?.RollbackEnabled).toBe(true);
    expect(cfg?.ApplicationSnapshotConfigurationDescription?.SnapshotsEnabled).toBe(true);
    const op = await client.send(
      new DescribeApplicationOperationCommand({ ApplicationName: "MyApplication", OperationId: out.OperationId }),
    );
    expect(op.ApplicationOperationInfoDetails?.OperationStatus).toBe("SUCCESSFUL");
  });

  it("redeploys on parallelism / property changes and keeps the behaviour", async () => {
    const before = await describeApp(client, "sensor-ingest-py");
    const out = await client.send(
      new UpdateApplicationCommand({
        ApplicationName: "sensor-ingest-py",
        CurrentApplicationVersionId: before.ApplicationVersionId,
        ApplicationConfigurationUpdate: {
          FlinkApplicationConfigurationUpdate: {
            ParallelismConfigurationUpdate: { ConfigurationTypeUpdate: "CUSTOM", ParallelismUpdate: 6 },
          },
          EnvironmentPropertyUpdates: {
            PropertyGroups: [{ PropertyGroupId: "FlinkApplicationProperties", PropertyMap: { "window.size": "60" } }],
          },
        },
      }),
    );
    expect(out.ApplicationDetail?.ApplicationStatus).toBe("UPDATING");
    const after = await waitForStatus(client, "sensor-ingest-py", "RUNNING");
    const cfg = after.ApplicationConfigurationDescription!;
    expect(cfg.FlinkApplicationConfigurationDescription?.ParallelismConfigurationDescription?.Parallelism).toBe(6);
    expect(cfg.EnvironmentPropertyDescriptions?.PropertyGroupDescriptions).toEqual([
      { PropertyGroupId: "FlinkApplicationProperties", PropertyMap: { "window.size": "60" } },
    ]);
    expect(timelineOf(await emu.control.app("us-east-1", "sensor-ingest-py")).at(-1)).toMatchObject({
      parallelism: 6,
      kpus: 7,
    });
  });

  it("updates a READY app at once; the runtime takes effect at the next start", async () => {
    const before = await describeApp(client, "churn-features-py");
    expect(before.ApplicationStatus).toBe("READY");
    const out = await upgrade("churn-features-py", before.ApplicationVersionId);
    expect(out.ApplicationDetail).toMatchObject({ ApplicationStatus: "READY", RuntimeEnvironment: "FLINK-2_2" });
    const app = await emu.control.app("us-east-1", "churn-features-py");
    expect(timelineOf(app).at(-1)).toMatchObject({ status: "READY", runtime: "FLINK-2_2", behaviour: "idle" });
    expect(app).toMatchObject({ status: "READY", runtime: "FLINK-2_2" });
  });
});

describe("UpdateApplication: concurrency and errors", () => {
  it("rejects a stale version id or token with ConcurrentModificationException, accepts the current token", async () => {
    const d = await describeApp(client, "orders-enricher");
    await expectAwsError(
      upgrade("orders-enricher", d.ApplicationVersionId! - 1),
      "ConcurrentModificationException",
      400,
    );
    await expectAwsError(
      client.send(
        new UpdateApplicationCommand({
          ApplicationName: "orders-enricher",
          ConditionalToken: "c3RhbGUtdG9rZW4=",
          ApplicationConfigurationUpdate: { ApplicationSnapshotConfigurationUpdate: { SnapshotsEnabledUpdate: true } },
        }),
      ),
      "ConcurrentModificationException",
    );
    const ok = await client.send(
      new UpdateApplicationCommand({
        ApplicationName: "orders-enricher",
        ConditionalToken: d.ConditionalToken,
        ApplicationConfigurationUpdate: { ApplicationSnapshotConfigurationUpdate: { SnapshotsEnabledUpdate: true } },
      }),
    );
    expect(ok.ApplicationDetail?.ApplicationVersionId).toBe(d.ApplicationVersionId! + 1);
    expect(ok.ApplicationDetail?.ConditionalToken).not.toBe(d.ConditionalToken);
    // The token just used is now stale.
    await expectAwsError(
      client.send(
        new UpdateApplicationCommand({
          ApplicationName: "orders-enricher",
          ConditionalToken: d.ConditionalToken,
          ApplicationConfigurationUpdate: { ApplicationSnapshotConfigurationUpdate: { SnapshotsEnabledUpdate: false } },
        }),
      ),
      "ConcurrentModificationException",
    );
  });

  it("needs a version id or a token, and at least one change", async () => {
    await expectAwsError(upgrade("orders-enricher", undefined), "InvalidArgumentException");
    const d = await describeApp(client, "orders-enricher");
    await expectAwsError(
      client.send(
        new UpdateApplicationCommand({
          ApplicationName: "orders-enricher",
          CurrentApplicationVersionId: d.ApplicationVersionId,
        }),
      ),
      "InvalidArgumentException",
    );
  });

  it("answers ResourceInUseException while UPDATING", async () => {
    const d = await describeApp(client, "orders-enricher");
    const out = await upgrade("orders-enricher", d.ApplicationVersionId);
    await expectAwsError(
      upgrade("orders-enricher", out.ApplicationDetail!.ApplicationVersionId, "FLINK-1_20"),
      "ResourceInUseException",
    );
  });

  it("rejects unknown runtimes, bad names, wrong types and unknown apps", async () => {
    const d = await describeApp(client, "orders-enricher");
    await expectAwsError(upgrade("orders-enricher", d.ApplicationVersionId, "FLINK-9_9"), "InvalidArgumentException");
    await expectAwsError(upgrade("bad/name", 1), "InvalidArgumentException");
    await expectAwsError(upgrade("ghost-app", 1), "ResourceNotFoundException");
    await expectAwsError(upgrade("orders-enricher", 0), "InvalidArgumentException");
    const wrongType = await fetch(emu.url, {
      method: "POST",
      headers: {
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": "KinesisAnalytics_20180523.UpdateApplication",
        authorization:
          "AWS4-HMAC-SHA256 Credential=test/20261122/us-east-1/kinesisanalytics/aws4_request, SignedHeaders=host, Signature=x",
      },
      body: JSON.stringify({ ApplicationName: "orders-enricher", CurrentApplicationVersionId: "seven" }),
    });
    expect(wrongType.status).toBe(400);
    expect(await wrongType.json()).toMatchObject({ __type: "InvalidRequestException" });
    // The SDK treats LimitExceededException as throttling and would retry it.
    const once = msfClient(emu.url, "us-east-1", { maxAttempts: 1 });
    await expectAwsError(
      once.send(
        new UpdateApplicationCommand({
          ApplicationName: "orders-enricher",
          CurrentApplicationVersionId: d.ApplicationVersionId,
          ApplicationConfigurationUpdate: {
            FlinkApplicationConfigurationUpdate: { ParallelismConfigurationUpdate: { ParallelismUpdate: 500 } },
          },
        }),
      ),
      "LimitExceededException",
    );
  });

  it("rejects the Studio runtime upgrade", async () => {
    const d = await describeApp(client, "analytics-studio");
    const err = await expectAwsError(upgrade("analytics-studio", d.ApplicationVersionId), "InvalidArgumentException");
    expect(err.message).toMatch(/Studio/);
  });

  it("rejects a stateful 1.6 → ≥ 1.18 upgrade but allows the 1.6 → 1.15 hop", async () => {
    const d = await describeApp(client, "legacy-geo-filter");
    const err = await expectAwsError(
      upgrade("legacy-geo-filter", d.ApplicationVersionId, "FLINK-1_18"),
      "InvalidApplicationConfigurationException",
    );
    expect(err.message).toMatch(/1\.6/);
    expect((await describeApp(client, "legacy-geo-filter")).ApplicationStatus).toBe("RUNNING");
    const skip = await upgrade("legacy-geo-filter", d.ApplicationVersionId, "FLINK-1_18", {
      RunConfigurationUpdate: {
        ApplicationRestoreConfiguration: { ApplicationRestoreType: "SKIP_RESTORE_FROM_SNAPSHOT" },
      },
    });
    expect(skip.ApplicationDetail?.ApplicationStatus).toBe("UPDATING");
  });

  it("rejects a stateful downgrade from 2.2 state to 1.x", async () => {
    const d = await describeApp(client, "recommendations-v2");
    expect(d.RuntimeEnvironment).toBe("FLINK-2_2");
    await expectAwsError(
      upgrade("recommendations-v2", d.ApplicationVersionId, "FLINK-1_20"),
      "InvalidApplicationConfigurationException",
    );
  });
});
