// Seed 001 ("Migrate to Apache Flink 2.2", steps 3–8): the blog's AWS CLI calls, verbatim plus --endpoint-url.
// Uses the installed `aws` CLI (botocore: an independent client) when present, else the SDK equivalents.
import { execFile, execFileSync } from "node:child_process";
import {
  CreateApplicationSnapshotCommand,
  DeleteApplicationSnapshotCommand,
  DescribeApplicationSnapshotCommand,
  ListApplicationSnapshotsCommand,
  RollbackApplicationCommand,
  UpdateApplicationCommand,
} from "@aws-sdk/client-kinesis-analytics-v2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { msfClient, startEmulator, type StartedEmulator } from "./harness";
import { describeApp, waitForStatus } from "./msf-helpers";

let emu: StartedEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());

function hasAwsCli(): boolean {
  try {
    execFileSync("which", ["aws"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

function aws(args: string[]): Promise<unknown> {
  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_DEFAULT_REGION: "us-east-1",
    AWS_CONFIG_FILE: "/nonexistent",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent",
    AWS_PAGER: "",
    AWS_EC2_METADATA_DISABLED: "true",
  };
  return new Promise((resolve, reject) => {
    execFile("aws", ["--endpoint-url", emu.url, ...args], { env, timeout: 30_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`aws ${args.slice(0, 2).join(" ")} failed: ${stderr || err.message}`));
      else resolve(stdout.trim() ? JSON.parse(stdout) : undefined);
    });
  });
}

interface Steps {
  checkSettings(): Promise<{ AutoRollback: boolean; AutoSnapshots: boolean }>;
  enableRollbackAndSnapshots(version: number): Promise<void>;
  createSnapshot(): Promise<void>;
  snapshotStatus(): Promise<string>;
  upgrade(version: number): Promise<void>;
  runtime(): Promise<string>;
  rollback(version: number): Promise<void>;
}

const cliSteps: Steps = {
  checkSettings: async () =>
    (await aws([
      "kinesisanalyticsv2",
      "describe-application",
      "--application-name",
      "MyApplication",
      "--query",
      `ApplicationDetail.ApplicationConfigurationDescription.{
        AutoRollback: ApplicationSystemRollbackConfigurationDescription.RollbackEnabled,
        AutoSnapshots: ApplicationSnapshotConfigurationDescription.SnapshotsEnabled
    }`,
    ])) as { AutoRollback: boolean; AutoSnapshots: boolean },
  enableRollbackAndSnapshots: async (version) =>
    void (await aws([
      "kinesisanalyticsv2",
      "update-application",
      "--application-name",
      "MyApplication",
      "--current-application-version-id",
      String(version),
      "--application-configuration-update",
      `{
        "ApplicationSystemRollbackConfigurationUpdate": {
            "RollbackEnabledUpdate": true
        },
        "ApplicationSnapshotConfigurationUpdate": {
            "SnapshotsEnabledUpdate": true
        }
    }`,
    ])),
  createSnapshot: async () =>
    void (await aws([
      "kinesisanalyticsv2",
      "create-application-snapshot",
      "--application-name",
      "MyApplication",
      "--snapshot-name",
      "pre-flink-2.2-upgrade",
    ])),
  snapshotStatus: async () =>
    (
      (await aws([
        "kinesisanalyticsv2",
        "describe-application-snapshot",
        "--application-name",
        "MyApplication",
        "--snapshot-name",
        "pre-flink-2.2-upgrade",
      ])) as { SnapshotDetails: { SnapshotStatus: string } }
    ).SnapshotDetails.SnapshotStatus,
  upgrade: async (version) =>
    void (await aws([
      "kinesisanalyticsv2",
      "update-application",
      "--application-name",
      "MyApplication",
      "--current-application-version-id",
      String(version),
      "--runtime-environment-update",
      "FLINK-2_2",
      "--application-configuration-update",
      `{
        "ApplicationCodeConfigurationUpdate": {
            "CodeContentUpdate": {
                "S3ContentLocationUpdate": {
                    "FileKeyUpdate": "my-app-flink-2.2.jar"
                }
            }
        }
    }`,
    ])),
  runtime: async () =>
    (await aws([
      "kinesisanalyticsv2",
      "describe-application",
      "--application-name",
      "MyApplication",
      "--query",
      "ApplicationDetail.RuntimeEnvironment",
    ])) as string,
  rollback: async (version) =>
    void (await aws([
      "kinesisanalyticsv2",
      "rollback-application",
      "--application-name",
      "MyApplication",
      "--current-application-version-id",
      String(version),
    ])),
};

function sdkSteps(): Steps {
  const client = msfClient(emu.url, "us-east-1");
  const ApplicationName = "MyApplication";
  return {
    checkSettings: async () => {
      const c = (await describeApp(client, ApplicationName)).ApplicationConfigurationDescription!;
      return {
        AutoRollback: c.ApplicationSystemRollbackConfigurationDescription!.RollbackEnabled!,
        AutoSnapshots: c.ApplicationSnapshotConfigurationDescription!.SnapshotsEnabled!,
      };
    },
    enableRollbackAndSnapshots: async (version) =>
      void (await client.send(
        new UpdateApplicationCommand({
          ApplicationName,
          CurrentApplicationVersionId: version,
          ApplicationConfigurationUpdate: {
            ApplicationSystemRollbackConfigurationUpdate: { RollbackEnabledUpdate: true },
            ApplicationSnapshotConfigurationUpdate: { SnapshotsEnabledUpdate: true },
          },
        }),
      )),
    createSnapshot: async () =>
      void (await client.send(
        new CreateApplicationSnapshotCommand({ ApplicationName, SnapshotName: "pre-flink-2.2-upgrade" }),
      )),
    snapshotStatus: async () =>
      (
        await client.send(
          new DescribeApplicationSnapshotCommand({ ApplicationName, SnapshotName: "pre-flink-2.2-upgrade" }),
        )
      ).SnapshotDetails!.SnapshotStatus!,
    upgrade: async (version) =>
      void (await client.send(
        new UpdateApplicationCommand({
          ApplicationName,
          CurrentApplicationVersionId: version,
          RuntimeEnvironmentUpdate: "FLINK-2_2",
          ApplicationConfigurationUpdate: {
            ApplicationCodeConfigurationUpdate: {
              CodeContentUpdate: { S3ContentLocationUpdate: { FileKeyUpdate: "my-app-flink-2.2.jar" } },
            },
          },
        }),
      )),
    runtime: async () => (await describeApp(client, ApplicationName)).RuntimeEnvironment!,
    rollback: async (version) =>
      void (await client.send(
        new RollbackApplicationCommand({ ApplicationName, CurrentApplicationVersionId: version }),
      )),
  };
}

describe("seed 001: the Flink 2.2 migration walkthrough", () => {
  it(`runs steps 3–8 through ${hasAwsCli() ? "the aws CLI" : "the SDK (aws CLI not installed)"}`, async () => {
    const steps = hasAwsCli() ? cliSteps : sdkSteps();
    const client = msfClient(emu.url, "us-east-1");
    const version = async () => (await describeApp(client, "MyApplication")).ApplicationVersionId!;
    const fileKey = async () =>
      (await describeApp(client, "MyApplication")).ApplicationConfigurationDescription
        ?.ApplicationCodeConfigurationDescription?.CodeContentDescription?.S3ApplicationCodeLocationDescription
        ?.FileKey;
    const originalKey = await fileKey();
    expect(originalKey).toMatch(/^MyApplication-flink-1\.20.*\.jar$/);

    // Step 3: check, then turn on auto-rollback and automatic snapshots.
    expect(await steps.checkSettings()).toEqual({ AutoRollback: false, AutoSnapshots: false });
    await steps.enableRollbackAndSnapshots(await version());
    expect(await steps.checkSettings()).toEqual({ AutoRollback: true, AutoSnapshots: true });
    // Step 4: manual snapshot, wait for READY.
    await steps.createSnapshot();
    let status = await steps.snapshotStatus();
    for (let i = 0; status !== "READY" && i < 50; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = await steps.snapshotStatus();
    }
    expect(status).toBe("READY");
    // Step 5: the upgrade; step 6: RUNNING → UPDATING → RUNNING on FLINK-2_2.
    await steps.upgrade(await version());
    expect((await describeApp(client, "MyApplication")).ApplicationStatus).toBe("UPDATING");
    await waitForStatus(client, "MyApplication", "RUNNING");
    expect(await steps.runtime()).toBe("FLINK-2_2");
    expect(await fileKey()).toBe("my-app-flink-2.2.jar");
    // Step 8: roll back to the previous Flink version and code.
    await steps.rollback(await version());
    const after = await waitForStatus(client, "MyApplication", "RUNNING");
    expect(after.ApplicationVersionRolledBackTo).toBeDefined();
    expect(await steps.runtime()).toBe("FLINK-1_20");
    expect(await fileKey()).toBe(originalKey);
    const calls = await emu.control.calls();
    expect(calls.find((c) => c.operation === "RollbackApplication")?.count).toBe(1);
  });

  it("deletes a snapshot with the whole-second timestamp botocore sends", async () => {
    const client = msfClient(emu.url, "eu-west-1");
    const listed = await client.send(new ListApplicationSnapshotsCommand({ ApplicationName: "fx-rates-joiner" }));
    const target = listed.SnapshotSummaries![0]!;
    const seconds = Math.floor(target.SnapshotCreationTimestamp!.getTime() / 1000);
    if (hasAwsCli()) {
      await aws([
        "kinesisanalyticsv2",
        "delete-application-snapshot",
        "--region",
        "eu-west-1",
        "--application-name",
        "fx-rates-joiner",
        "--snapshot-name",
        target.SnapshotName!,
        "--snapshot-creation-timestamp",
        String(seconds),
      ]);
    } else {
      await client.send(
        new DeleteApplicationSnapshotCommand({
          ApplicationName: "fx-rates-joiner",
          SnapshotName: target.SnapshotName,
          SnapshotCreationTimestamp: new Date(seconds * 1000),
        }),
      );
    }
    const after = await client.send(new ListApplicationSnapshotsCommand({ ApplicationName: "fx-rates-joiner" }));
    expect(after.SnapshotSummaries!.map((x) => x.SnapshotName)).not.toContain(target.SnapshotName);
    expect(after.SnapshotSummaries!.length).toBe(listed.SnapshotSummaries!.length - 1);
  });
});
