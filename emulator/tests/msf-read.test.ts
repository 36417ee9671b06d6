import {
  DescribeApplicationCommand,
  KinesisAnalyticsV2Client,
  ListApplicationsCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateApplicationCommand,
  paginateListApplications,
} from "@aws-sdk/client-kinesis-analytics-v2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { msfClient, startEmulator, type StartedEmulator } from "./harness";
import { describeApp, expectAwsError, timelineOf } from "./msf-helpers";

let emu: StartedEmulator;
let use1: KinesisAnalyticsV2Client;

beforeAll(async () => {
  emu = await startEmulator();
  use1 = msfClient(emu.url, "us-east-1");
});
afterAll(() => emu.close());

describe("demo fleet seed", () => {
  it("has ≥ 60 apps over 3 regions with every runtime, mode and scenario", async () => {
    const state = await emu.control.state();
    const apps = state.accounts.flatMap((a) => a.regions.flatMap((r) => r.apps));
    expect(apps.length).toBeGreaterThanOrEqual(60);
    expect(new Set(apps.map((a) => a.region))).toEqual(new Set(["us-east-1", "eu-west-1", "ap-southeast-2"]));
    const runtimes = new Set(apps.map((a) => a.runtime));
    for (const r of [
      "FLINK-1_6",
      "FLINK-1_8",
      "FLINK-1_11",
      "FLINK-1_13",
      "FLINK-1_15",
      "FLINK-1_18",
      "FLINK-1_19",
      "FLINK-1_20",
      "FLINK-2_2",
      "SQL-1_0",
      "ZEPPELIN-FLINK-3_0",
    ])
      expect(runtimes).toContain(r);
    const scenarios = new Set(apps.map((a) => a.scenario));
    for (const s of [
      "healthy",
      "binary-incompatible",
      "state-incompatible",
      "slow-checkpoints",
      "stuck-updating",
      "rollback-fails",
    ]) {
      expect(scenarios).toContain(s);
    }
    expect(apps.some((a) => a.status === "READY")).toBe(true);
  });

  it("is deterministic: a second emulator seeds the same fleet", async () => {
    const other = await startEmulator();
    try {
      const names = (s: Awaited<ReturnType<typeof emu.control.state>>) =>
        s.accounts.flatMap((a) =>
          a.regions.flatMap((r) => r.apps.map((x) => `${r.region}/${x.name}/${x.runtime}/${x.scenario}`)),
        );
      expect(names(await other.control.state())).toEqual(names(await emu.control.state()));
    } finally {
      await other.close();
    }
  });

  it("gives every app a timeline that starts at least 24 h back and mirrors its status", async () => {
    const state = await emu.control.state();
    const apps = state.accounts.flatMap((a) => a.regions.flatMap((r) => r.apps));
    for (const app of apps) {
      const timeline = timelineOf(await emu.control.app(app.region, app.name));
      expect(timeline[0]!.start).toBeLessThanOrEqual(state.now - 24 * 3_600_000);
      expect(timeline.at(-1)!.status).toBe(app.status);
      expect(timeline.at(-1)!.runtime).toBe(app.runtime);
      expect(timeline.at(-1)!.behaviour === "idle").toBe(app.status !== "RUNNING");
      for (let i = 1; i < timeline.length; i++)
        expect(timeline[i]!.start).toBeGreaterThanOrEqual(timeline[i - 1]!.start);
    }
  });
});

describe("ListApplications / DescribeApplication", () => {
  it("paginates > 50 apps with Limit ≤ 50 and name tokens", async () => {
    const big = await startEmulator({ apps: 130, regions: 1 });
    try {
      const client = msfClient(big.url, "us-east-1");
      const pages: number[] = [];
      const names: string[] = [];
      for await (const page of paginateListApplications({ client }, { Limit: 50 })) {
        pages.push(page.ApplicationSummaries?.length ?? 0);
        names.push(...(page.ApplicationSummaries ?? []).map((a) => a.ApplicationName!));
      }
      expect(pages).toEqual([50, 50, 30]);
      expect(new Set(names).size).toBe(130);
      expect([...names].sort()).toEqual(names);
      const first = await client.send(new ListApplicationsCommand({}));
      expect(first.ApplicationSummaries).toHaveLength(50);
      expect(first.NextToken).toMatch(/^[a-zA-Z0-9_.-]+$/);
      await expectAwsError(client.send(new ListApplicationsCommand({ Limit: 51 })), "InvalidRequestException", 400);
    } finally {
      await big.close();
    }
  });

  it("describes a Java EFO app with the exact SDK shape", async () => {
    const d = await describeApp(use1, "orders-enricher");
    expect(d.ApplicationARN).toBe("arn:aws:kinesisanalytics:us-east-1:123456789012:application/orders-enricher");
    expect(d.ApplicationStatus).toBe("RUNNING");
    expect(d.ApplicationMode).toBe("STREAMING");
    expect(d.CreateTimestamp).toBeInstanceOf(Date);
    expect(typeof d.ApplicationVersionId).toBe("number");
    expect(d.ConditionalToken).toMatch(/^[a-zA-Z0-9\-_+/=]+$/);
    const config = d.ApplicationConfigurationDescription!;
    expect(
      config.ApplicationCodeConfigurationDescription?.CodeContentDescription?.S3ApplicationCodeLocationDescription
        ?.FileKey,
    ).toMatch(/\.jar$/);
    const consumer = config.EnvironmentPropertyDescriptions?.PropertyGroupDescriptions?.find(
      (g) => g.PropertyGroupId === "ConsumerConfigProperties",
    );
    expect(consumer?.PropertyMap?.["flink.stream.recordpublisher"]).toBe("EFO");
    expect(consumer?.PropertyMap?.["input.stream.name"]).toBe("orders");
    expect(config.ApplicationSnapshotConfigurationDescription?.SnapshotsEnabled).toBe(true);
    expect(config.FlinkApplicationConfigurationDescription?.ParallelismConfigurationDescription?.Parallelism).toBe(8);
    expect(config.FlinkApplicationConfigurationDescription?.JobPlanDescription).toBeUndefined();
    const verbose = await use1.send(
      new DescribeApplicationCommand({ ApplicationName: "orders-enricher", IncludeAdditionalDetails: true }),
    );
    expect(
      JSON.parse(
        verbose.ApplicationDetail!.ApplicationConfigurationDescription!.FlinkApplicationConfigurationDescription!
          .JobPlanDescription!,
      ),
    ).toHaveProperty("nodes");
  });

  it("describes Python, Studio and SQL apps", async () => {
    const py = await describeApp(use1, "sensor-ingest-py");
    const run =
      py.ApplicationConfigurationDescription?.EnvironmentPropertyDescriptions?.PropertyGroupDescriptions?.find(
        (g) => g.PropertyGroupId === "kinesis.analytics.flink.run.options",
      );
    expect(run?.PropertyMap).toMatchObject({ python: "main.py", jarfile: "lib/connectors.jar" });
    const studio = await describeApp(use1, "analytics-studio");
    expect(studio.ApplicationMode).toBe("INTERACTIVE");
    expect(studio.RuntimeEnvironment).toBe("ZEPPELIN-FLINK-3_0");
    expect(studio.ApplicationConfigurationDescription?.ZeppelinApplicationConfigurationDescription).toBeDefined();
    const sql = await describeApp(use1, "sql-anomaly-detector");
    expect(sql.RuntimeEnvironment).toBe("SQL-1_0");
    expect(sql.ApplicationConfigurationDescription?.ApplicationCodeConfigurationDescription?.CodeContentType).toBe(
      "PLAINTEXT",
    );
    expect(
      sql.ApplicationConfigurationDescription?.SqlApplicationConfigurationDescription?.InputDescriptions,
    ).toHaveLength(1);
  });

  it("answers ResourceNotFoundException and InvalidArgumentException for bad names", async () => {
    await expectAwsError(
      use1.send(new DescribeApplicationCommand({ ApplicationName: "no-such-app" })),
      "ResourceNotFoundException",
      400,
    );
    await expectAwsError(
      use1.send(new DescribeApplicationCommand({ ApplicationName: "bad name!" })),
      "InvalidArgumentException",
    );
    await expectAwsError(
      use1.send(new DescribeApplicationCommand({ ApplicationName: "x".repeat(129) })),
      "InvalidArgumentException",
    );
    await expectAwsError(
      use1.send(new DescribeApplicationCommand({ ApplicationName: undefined })),
      "InvalidRequestException",
    );
  });
});

describe("isolation", () => {
  it("keeps the same app name independent across regions", async () => {
    const euw1 = msfClient(emu.url, "eu-west-1");
    const [us, eu] = [await describeApp(use1, "orders-enricher"), await describeApp(euw1, "orders-enricher")];
    expect(us.RuntimeEnvironment).toBe("FLINK-1_20");
    expect(eu.RuntimeEnvironment).toBe("FLINK-1_15");
    expect(eu.ApplicationARN).toContain(":eu-west-1:");
    await euw1.send(
      new UpdateApplicationCommand({
        ApplicationName: "orders-enricher",
        CurrentApplicationVersionId: eu.ApplicationVersionId,
        ApplicationConfigurationUpdate: {
          ApplicationSystemRollbackConfigurationUpdate: { RollbackEnabledUpdate: false },
        },
      }),
    );
    expect((await describeApp(euw1, "orders-enricher")).ApplicationVersionId).toBe(eu.ApplicationVersionId! + 1);
    expect((await describeApp(use1, "orders-enricher")).ApplicationVersionId).toBe(us.ApplicationVersionId);
    const empty = msfClient(emu.url, "us-west-2");
    expect((await empty.send(new ListApplicationsCommand({}))).ApplicationSummaries).toEqual([]);
  });

  it("keeps accounts apart: a 12-digit access key id selects the account", async () => {
    const other = msfClient(emu.url, "us-east-1", {
      credentials: { accessKeyId: "111122223333", secretAccessKey: "x" },
    });
    const d = await describeApp(other, "orders-enricher");
    expect(d.ApplicationARN).toBe("arn:aws:kinesisanalytics:us-east-1:111122223333:application/orders-enricher");
    const before = await describeApp(use1, "orders-enricher");
    await other.send(
      new UpdateApplicationCommand({
        ApplicationName: "orders-enricher",
        CurrentApplicationVersionId: d.ApplicationVersionId,
        ApplicationConfigurationUpdate: { ApplicationSnapshotConfigurationUpdate: { SnapshotsEnabledUpdate: false } },
      }),
    );
    expect((await describeApp(other, "orders-enricher")).ApplicationVersionId).toBe(d.ApplicationVersionId! + 1);
    expect((await describeApp(use1, "orders-enricher")).ApplicationVersionId).toBe(before.ApplicationVersionId);
    const state = await emu.control.state();
    expect(state.accounts.map((a) => a.accountId)).toContain("111122223333");
    await expectAwsError(
      use1.send(new ListTagsForResourceCommand({ ResourceARN: d.ApplicationARN })),
      "ResourceNotFoundException",
    );
  });
});

describe("tags", () => {
  it("lists, adds, replaces and removes tags", async () => {
    const arn = (await describeApp(use1, "ledger-reconciler")).ApplicationARN!;
    const tags = (await use1.send(new ListTagsForResourceCommand({ ResourceARN: arn }))).Tags ?? [];
    expect(tags.map((t) => t.Key)).toEqual(expect.arrayContaining(["team", "env", "owner"]));
    expect(["prod", "staging", "dev"]).toContain(tags.find((t) => t.Key === "env")?.Value);
    await use1.send(
      new TagResourceCommand({
        ResourceARN: arn,
        Tags: [
          { Key: "upgrade-wave", Value: "2" },
          { Key: "env", Value: "staging" },
        ],
      }),
    );
    let after = (await use1.send(new ListTagsForResourceCommand({ ResourceARN: arn }))).Tags ?? [];
    expect(after).toContainEqual({ Key: "upgrade-wave", Value: "2" });
    expect(after).toContainEqual({ Key: "env", Value: "staging" });
    await use1.send(new UntagResourceCommand({ ResourceARN: arn, TagKeys: ["upgrade-wave"] }));
    after = (await use1.send(new ListTagsForResourceCommand({ ResourceARN: arn }))).Tags ?? [];
    expect(after.map((t) => t.Key)).not.toContain("upgrade-wave");
  });

  it("rejects more than 50 tags, bad ARNs and unknown resources", async () => {
    const arn = (await describeApp(use1, "inventory-sync")).ApplicationARN!;
    const many = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: "v" }));
    const err = await expectAwsError(
      use1.send(new TagResourceCommand({ ResourceARN: arn, Tags: many })),
      "TooManyTagsException",
    );
    expect(err.message).toMatch(/maximum is 50/);
    await expectAwsError(
      use1.send(new ListTagsForResourceCommand({ ResourceARN: "not-an-arn" })),
      "InvalidArgumentException",
    );
    await expectAwsError(
      use1.send(new ListTagsForResourceCommand({ ResourceARN: arn.replace("inventory-sync", "ghost") })),
      "ResourceNotFoundException",
    );
  });
});
