import { ListMetricsCommand } from "@aws-sdk/client-cloudwatch";
import { DescribeApplicationCommand, ListApplicationsCommand } from "@aws-sdk/client-kinesis-analytics-v2";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cloudWatchClient, msfClient, startEmulator, type StartedEmulator } from "./harness";
import { describeApp, expectAwsError } from "./msf-helpers";

let emu: StartedEmulator;

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.control.reset());

const describeOnce = (region: string, name: string, maxAttempts = 1) =>
  msfClient(emu.url, region, { maxAttempts }).send(new DescribeApplicationCommand({ ApplicationName: name }));

async function settle(calls: Promise<unknown>[]) {
  const results = await Promise.allSettled(calls);
  return results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason as Error);
}

describe("throttling", () => {
  it("surfaces ThrottlingException with maxAttempts 1 once the bucket is empty", async () => {
    await emu.control.setFaults({ service: "kinesisanalytics", throttleRps: 3 });
    const errors = await settle(Array.from({ length: 10 }, () => describeOnce("us-east-1", "orders-enricher")));
    expect(errors.length).toBeGreaterThanOrEqual(6);
    expect(new Set(errors.map((e) => e.name))).toEqual(new Set(["ThrottlingException"]));
    expect((errors[0] as Error & { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(400);
    const calls = await emu.control.calls();
    const entry = calls.find((c) => c.operation === "DescribeApplication" && c.app === "orders-enricher");
    expect(entry).toMatchObject({
      service: "kinesisanalytics",
      region: "us-east-1",
      count: 10,
      throttled: errors.length,
    });
  });

  it("lets the SDK retry throttled calls until they succeed", async () => {
    await emu.control.setFaults({ service: "kinesisanalytics", throttleRps: 5 });
    const client = msfClient(emu.url, "us-east-1", { maxAttempts: 12 });
    for (let i = 0; i < 12; i++) {
      const out = await client.send(new DescribeApplicationCommand({ ApplicationName: "orders-enricher" }));
      expect(out.ApplicationDetail?.ApplicationName).toBe("orders-enricher");
    }
    const entry = (await emu.control.calls()).find((c) => c.operation === "DescribeApplication");
    expect(entry!.throttled).toBeGreaterThan(0);
    expect(entry!.count).toBe(12 + entry!.throttled!);
  });

  it("can throttle with LimitExceededException, per region only", async () => {
    await emu.control.setFaults({
      service: "kinesisanalytics",
      region: "eu-west-1",
      throttleRps: 0,
      throttleCode: "LimitExceededException",
    });
    await expectAwsError(describeOnce("eu-west-1", "orders-enricher"), "LimitExceededException", 400);
    expect((await describeOnce("us-east-1", "orders-enricher")).ApplicationDetail?.ApplicationStatus).toBe("RUNNING");
  });
});

describe("5xx and latency", () => {
  it("injects 500/503 in one region; the SDK retries them (3 attempts) and then fails", async () => {
    await emu.control.setFaults({ service: "kinesisanalytics", region: "eu-west-1", errorRate: 1 });
    const err = await describeOnce("eu-west-1", "orders-enricher", 3).then(
      () => undefined,
      (e: unknown) =>
        e as Error & {
          $fault: string;
          $metadata: { httpStatusCode: number; attempts: number };
        },
    );
    expect(err).toBeDefined();
    expect(err!.$fault).toBe("server");
    expect([500, 503]).toContain(err!.$metadata.httpStatusCode);
    expect(["InternalFailure", "ServiceUnavailableException"]).toContain(err!.name);
    const entry = (await emu.control.calls()).find((c) => c.region === "eu-west-1");
    expect(entry).toMatchObject({ count: 3, failed: 3 });
    expect((await describeOnce("us-east-1", "orders-enricher")).ApplicationDetail).toBeDefined();
  });

  it("injects a fraction of failures with errorRate < 1", async () => {
    await emu.control.setFaults({ service: "kinesisanalytics", errorRate: 0.5 });
    const errors = await settle(Array.from({ length: 40 }, () => describeOnce("us-east-1", "orders-enricher")));
    expect(errors.length).toBeGreaterThan(5);
    expect(errors.length).toBeLessThan(35);
  });

  it("adds latency and removes it again", async () => {
    await emu.control.setFaults({ service: "kinesisanalytics", latencyMs: 300 });
    let started = Date.now();
    await describeOnce("us-east-1", "orders-enricher");
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    await emu.control.clearFaults();
    started = Date.now();
    await describeOnce("us-east-1", "orders-enricher");
    expect(Date.now() - started).toBeLessThan(250);
  });

  it("faults one service without touching the other", async () => {
    await emu.control.setFaults({ service: "monitoring", errorRate: 1 });
    const cw = cloudWatchClient(emu.url, "us-east-1", { maxAttempts: 1 });
    const err = await cw.send(new ListMetricsCommand({ Namespace: "AWS/KinesisAnalytics" })).then(
      () => undefined,
      (e: unknown) => e as { $metadata: { httpStatusCode: number } },
    );
    expect(err?.$metadata.httpStatusCode).toBeGreaterThanOrEqual(500);
    expect((await describeOnce("us-east-1", "orders-enricher")).ApplicationDetail).toBeDefined();
  });

  it("restores start-up throttling on reset", async () => {
    const throttled = await startEmulator({ throttleRps: 0 });
    try {
      const client = msfClient(throttled.url, "us-east-1", { maxAttempts: 1 });
      await expectAwsError(client.send(new ListApplicationsCommand({})), "ThrottlingException");
      await throttled.control.clearFaults();
      expect((await client.send(new ListApplicationsCommand({}))).ApplicationSummaries?.length).toBeGreaterThan(0);
      await throttled.control.reset();
      await expectAwsError(client.send(new ListApplicationsCommand({})), "ThrottlingException");
    } finally {
      await throttled.close();
    }
  });
});

describe("control API", () => {
  it("counts calls per service, region, operation and app, and resets them", async () => {
    const client = msfClient(emu.url, "ap-southeast-2");
    await client.send(new ListApplicationsCommand({}));
    await describeApp(client, "telemetry-downsampler");
    await describeApp(client, "telemetry-downsampler");
    const calls = await emu.control.calls();
    expect(calls).toContainEqual({
      service: "kinesisanalytics",
      region: "ap-southeast-2",
      operation: "ListApplications",
      count: 1,
    });
    expect(calls).toContainEqual({
      service: "kinesisanalytics",
      region: "ap-southeast-2",
      operation: "DescribeApplication",
      app: "telemetry-downsampler",
      count: 2,
    });
    await emu.control.resetCalls();
    expect(await emu.control.calls()).toEqual([]);
  });

  it("deletes an app mid-flight and brings it back on reset", async () => {
    await emu.control.deleteApp("us-east-1", "orders-enricher");
    await expectAwsError(describeOnce("us-east-1", "orders-enricher"), "ResourceNotFoundException");
    expect(await emu.control.app("us-east-1", "orders-enricher")).toBeUndefined();
    const listed = await msfClient(emu.url, "us-east-1").send(new ListApplicationsCommand({}));
    expect(listed.ApplicationSummaries?.map((a) => a.ApplicationName)).not.toContain("orders-enricher");
    await emu.control.reset();
    expect((await describeOnce("us-east-1", "orders-enricher")).ApplicationDetail?.ApplicationName).toBe(
      "orders-enricher",
    );
  });

  it("exposes full app state, rejects bad scenarios and bad fault specs", async () => {
    const app = await emu.control.app("eu-west-1", "fx-rates-joiner");
    expect(app).toMatchObject({
      name: "fx-rates-joiner",
      runtime: "FLINK-2_2",
      scenario: "state-incompatible",
      status: "RUNNING",
    });
    expect((app!.timeline as { behaviour: string }[]).at(-1)!.behaviour).toBe("restart-loop");
    await expect(emu.control.setScenario("eu-west-1", "fx-rates-joiner", "exploding" as never)).rejects.toThrow(/400/);
    await expect(emu.control.setFaults({ service: "sqs" as never })).rejects.toThrow(/400/);
    await expect(emu.control.setFaults({ service: "monitoring", errorRate: 2 })).rejects.toThrow(/400/);
    const res = await fetch(`${emu.url}/_emulator/nope`);
    expect(res.status).toBe(404);
  });
});
