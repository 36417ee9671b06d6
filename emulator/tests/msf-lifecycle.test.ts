import {
  CreateApplicationSnapshotCommand,
  DeleteApplicationSnapshotCommand,
  DescribeApplicationOperationCommand,
  DescribeApplicationSnapshotCommand,
  DescribeApplicationVersionCommand,
  KinesisAnalyticsV2Client,
  ListApplicationOperationsCommand,
  ListApplicationSnapshotsCommand,
  ListApplicationVersionsCommand,
  StartApplicationCommand,
  StopApplicationCommand,
  UpdateApplicationCommand,
  paginateListApplicationOperations,
  paginateListApplicationSnapshots,
  paginateListApplicationVersions,
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

const snapshot = (name: string, snapshotName: string) =>
  client.send(new DescribeApplicationSnapshotCommand({ ApplicationName: name, SnapshotName: snapshotName }));

describe("StartApplication / StopApplication", () => {
  it("stops with a snapshot and starts again, without changing the version", async () => {
    const d = await describeApp(client, "orders-enricher");
    const stop = await client.send(new StopApplicationCommand({ ApplicationName: "orders-enricher" }));
    expect((await describeApp(client, "orders-enricher")).ApplicationStatus).toBe("STOPPING");
    await waitForStatus(client, "orders-enricher", "READY");
    const snaps = await client.send(new ListApplicationSnapshotsCommand({ ApplicationName: "orders-enricher" }));
    expect(snaps.SnapshotSummaries?.[0]?.SnapshotName).toMatch(/^stop-\d+$/);
    const start = await client.send(new StartApplicationCommand({ ApplicationName: "orders-enricher" }));
    expect(start.OperationId).not.toBe(stop.OperationId);
    expect((await describeApp(client, "orders-enricher")).ApplicationStatus).toBe("STARTING");
    const running = await waitForStatus(client, "orders-enricher", "RUNNING");
    expect(running.ApplicationVersionId).toBe(d.ApplicationVersionId);
    const ops = await client.send(
      new ListApplicationOperationsCommand({ ApplicationName: "orders-enricher", Limit: 2 }),
    );
    expect(ops.ApplicationOperationInfoList?.map((o) => [o.Operation, o.OperationStatus])).toEqual([
      ["StartApplication", "SUCCESSFUL"],
      ["StopApplication", "SUCCESSFUL"],
    ]);
    const timeline = timelineOf(await emu.control.app("us-east-1", "orders-enricher"))
      .slice(-4)
      .map((s) => s.status);
    expect(timeline).toEqual(["STOPPING", "READY", "STARTING", "RUNNING"]);
  });

  it("answers ResourceInUseException for start when not READY and stop when not RUNNING", async () => {
    await expectAwsError(
      client.send(new StartApplicationCommand({ ApplicationName: "orders-enricher" })),
      "ResourceInUseException",
    );
    await expectAwsError(
      client.send(new StopApplicationCommand({ ApplicationName: "order-audit-archiver" })),
      "ResourceInUseException",
    );
    await expectAwsError(
      client.send(new StopApplicationCommand({ ApplicationName: "order-audit-archiver", Force: true })),
      "ResourceInUseException",
    );
  });

  it("checks the snapshot's Flink version when a READY app starts on a new runtime", async () => {
    const d = await describeApp(client, "order-audit-archiver");
    expect(d.RuntimeEnvironment).toBe("FLINK-1_11");
    await client.send(
      new UpdateApplicationCommand({
        ApplicationName: "order-audit-archiver",
        CurrentApplicationVersionId: d.ApplicationVersionId,
        RuntimeEnvironmentUpdate: "FLINK-1_8",
      }),
    );
    await expectAwsError(
      client.send(new StartApplicationCommand({ ApplicationName: "order-audit-archiver" })),
      "InvalidApplicationConfigurationException",
    );
    await client.send(
      new StartApplicationCommand({
        ApplicationName: "order-audit-archiver",
        RunConfiguration: { ApplicationRestoreConfiguration: { ApplicationRestoreType: "SKIP_RESTORE_FROM_SNAPSHOT" } },
      }),
    );
    expect((await waitForStatus(client, "order-audit-archiver", "RUNNING")).RuntimeEnvironment).toBe("FLINK-1_8");
  });
});

describe("snapshots", () => {
  it("creates CREATING → READY, describes, lists newest first and deletes", async () => {
    const d = await describeApp(client, "orders-enricher");
    const out = await client.send(
      new CreateApplicationSnapshotCommand({ ApplicationName: "orders-enricher", SnapshotName: "pre-upgrade" }),
    );
    expect(out.$metadata.httpStatusCode).toBe(200);
    const creating = (await snapshot("orders-enricher", "pre-upgrade")).SnapshotDetails!;
    expect(creating).toMatchObject({
      SnapshotStatus: "CREATING",
      ApplicationVersionId: d.ApplicationVersionId,
      RuntimeEnvironment: "FLINK-1_20",
    });
    await expectAwsError(
      client.send(
        new DeleteApplicationSnapshotCommand({
          ApplicationName: "orders-enricher",
          SnapshotName: "pre-upgrade",
          SnapshotCreationTimestamp: creating.SnapshotCreationTimestamp,
        }),
      ),
      "ResourceInUseException",
    );
    await new Promise((r) => setTimeout(r, 700));
    const ready = (await snapshot("orders-enricher", "pre-upgrade")).SnapshotDetails!;
    expect(ready.SnapshotStatus).toBe("READY");
    const list = await client.send(new ListApplicationSnapshotsCommand({ ApplicationName: "orders-enricher" }));
    expect(list.SnapshotSummaries?.[0]?.SnapshotName).toBe("pre-upgrade");
    const times = list.SnapshotSummaries!.map((s) => s.SnapshotCreationTimestamp!.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    await expectAwsError(
      client.send(
        new DeleteApplicationSnapshotCommand({
          ApplicationName: "orders-enricher",
          SnapshotName: "pre-upgrade",
          SnapshotCreationTimestamp: new Date(0),
        }),
      ),
      "InvalidArgumentException",
    );
    await client.send(
      new DeleteApplicationSnapshotCommand({
        ApplicationName: "orders-enricher",
        SnapshotName: "pre-upgrade",
        SnapshotCreationTimestamp: ready.SnapshotCreationTimestamp,
      }),
    );
    await expectAwsError(snapshot("orders-enricher", "pre-upgrade"), "ResourceNotFoundException");
    const ops = await client.send(
      new ListApplicationOperationsCommand({
        ApplicationName: "orders-enricher",
        Operation: "CreateApplicationSnapshot",
      }),
    );
    expect(ops.ApplicationOperationInfoList?.[0]?.OperationStatus).toBe("SUCCESSFUL");
  });

  it("rejects duplicates, non-RUNNING apps, disabled snapshots, SQL apps and unknown apps", async () => {
    await client.send(
      new CreateApplicationSnapshotCommand({ ApplicationName: "orders-enricher", SnapshotName: "dup" }),
    );
    await expectAwsError(
      client.send(new CreateApplicationSnapshotCommand({ ApplicationName: "orders-enricher", SnapshotName: "dup" })),
      "InvalidArgumentException",
    );
    await expectAwsError(
      client.send(new CreateApplicationSnapshotCommand({ ApplicationName: "order-audit-archiver", SnapshotName: "x" })),
      "ResourceInUseException",
    );
    await expectAwsError(
      client.send(new CreateApplicationSnapshotCommand({ ApplicationName: "MyApplication", SnapshotName: "x" })),
      "UnsupportedOperationException",
    );
    await expectAwsError(
      client.send(
        new CreateApplicationSnapshotCommand({ ApplicationName: "orders-enricher", SnapshotName: "bad name" }),
      ),
      "InvalidArgumentException",
    );
    await expectAwsError(
      client.send(new ListApplicationSnapshotsCommand({ ApplicationName: "sql-anomaly-detector" })),
      "UnsupportedOperationException",
    );
    await expectAwsError(
      client.send(new ListApplicationSnapshotsCommand({ ApplicationName: "ghost" })),
      "InvalidArgumentException",
    );
    await expectAwsError(
      client.send(new CreateApplicationSnapshotCommand({ ApplicationName: "ghost", SnapshotName: "x" })),
      "ResourceNotFoundException",
    );
  });

  it("paginates snapshots", async () => {
    for (let i = 0; i < 7; i++) {
      await client.send(
        new CreateApplicationSnapshotCommand({ ApplicationName: "orders-enricher", SnapshotName: `s-${i}` }),
      );
    }
    const pages: string[][] = [];
    for await (const page of paginateListApplicationSnapshots(
      { client, pageSize: 3 },
      { ApplicationName: "orders-enricher" },
    )) {
      pages.push((page.SnapshotSummaries ?? []).map((s) => s.SnapshotName!));
    }
    const all = pages.flat();
    expect(pages[0]).toHaveLength(3);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual(expect.arrayContaining(["s-0", "s-6"]));
    expect(all.length).toBeGreaterThanOrEqual(9);
  });
});

describe("operations and versions", () => {
  it("lists operations newest first with filters and pagination", async () => {
    const all: { id: string; op: string; status: string; start: number }[] = [];
    for await (const page of paginateListApplicationOperations(
      { client, pageSize: 2 },
      { ApplicationName: "device-shadow-merger" },
    )) {
      for (const o of page.ApplicationOperationInfoList ?? []) {
        all.push({ id: o.OperationId!, op: o.Operation!, status: o.OperationStatus!, start: o.StartTime!.getTime() });
      }
    }
    expect(all.length).toBeGreaterThanOrEqual(4);
    expect(new Set(all.map((o) => o.id)).size).toBe(all.length);
    expect([...all].sort((a, b) => b.start - a.start).map((o) => o.start)).toEqual(all.map((o) => o.start));
    const failed = await client.send(
      new ListApplicationOperationsCommand({ ApplicationName: "device-shadow-merger", OperationStatus: "FAILED" }),
    );
    expect(failed.ApplicationOperationInfoList).toHaveLength(1);
    const details = await client.send(
      new DescribeApplicationOperationCommand({
        ApplicationName: "device-shadow-merger",
        OperationId: failed.ApplicationOperationInfoList![0]!.OperationId,
      }),
    );
    const rollbackId = details.ApplicationOperationInfoDetails?.OperationFailureDetails?.RollbackOperationId;
    expect(all.find((o) => o.id === rollbackId)).toMatchObject({ op: "RollbackApplication", status: "SUCCESSFUL" });
    const updates = await client.send(
      new ListApplicationOperationsCommand({ ApplicationName: "device-shadow-merger", Operation: "UpdateApplication" }),
    );
    expect(updates.ApplicationOperationInfoList!.every((o) => o.Operation === "UpdateApplication")).toBe(true);
    await expectAwsError(
      client.send(
        new DescribeApplicationOperationCommand({ ApplicationName: "device-shadow-merger", OperationId: "nope" }),
      ),
      "ResourceNotFoundException",
    );
    await expectAwsError(
      client.send(
        new ListApplicationOperationsCommand({ ApplicationName: "device-shadow-merger", NextToken: "bogus" }),
      ),
      "InvalidArgumentException",
    );
    await expectAwsError(
      client.send(new ListApplicationOperationsCommand({ ApplicationName: "device-shadow-merger", Limit: 0 })),
      "InvalidArgumentException",
    );
  });

  it("lists and describes versions, including the rolled-back one", async () => {
    const d = await describeApp(client, "device-shadow-merger");
    const versions: { id: number; status: string }[] = [];
    for await (const page of paginateListApplicationVersions(
      { client, pageSize: 2 },
      { ApplicationName: "device-shadow-merger" },
    )) {
      versions.push(
        ...(page.ApplicationVersionSummaries ?? []).map((v) => ({
          id: v.ApplicationVersionId!,
          status: v.ApplicationStatus!,
        })),
      );
    }
    expect(versions.map((v) => v.id)).toEqual(
      Array.from({ length: d.ApplicationVersionId! }, (_, i) => d.ApplicationVersionId! - i),
    );
    expect(versions[0]!.status).toBe("RUNNING");
    expect(versions[1]!.status).toBe("ROLLED_BACK");
    const failedVersion = await client.send(
      new DescribeApplicationVersionCommand({
        ApplicationName: "device-shadow-merger",
        ApplicationVersionId: versions[1]!.id,
      }),
    );
    expect(failedVersion.ApplicationVersionDetail?.RuntimeEnvironment).toBe("FLINK-2_2");
    expect(d.ApplicationVersionRolledBackFrom).toBe(versions[1]!.id);
    expect(d.RuntimeEnvironment).toBe("FLINK-1_18");
    await expectAwsError(
      client.send(
        new DescribeApplicationVersionCommand({ ApplicationName: "device-shadow-merger", ApplicationVersionId: 999 }),
      ),
      "ResourceNotFoundException",
    );
    await expectAwsError(
      client.send(new ListApplicationVersionsCommand({ ApplicationName: "sql-anomaly-detector" })),
      "UnsupportedOperationException",
    );
  });
});
