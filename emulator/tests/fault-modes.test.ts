// Fault modes per service and operation, through the real SDK clients.
import { GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import {
  CreateApplicationSnapshotCommand,
  DescribeApplicationCommand,
  ListApplicationsCommand,
  UpdateApplicationCommand,
} from "@aws-sdk/client-kinesis-analytics-v2";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cloudWatchClient, msfClient, startEmulator, type StartedEmulator } from "./harness";
import { describeApp, expectAwsError } from "./msf-helpers";

let emu: StartedEmulator;

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.control.reset());

const msf = (maxAttempts = 1, extra = {}) => msfClient(emu.url, "us-east-1", { maxAttempts, ...extra });
const describeOnce = (name = "orders-enricher") =>
  msf().send(new DescribeApplicationCommand({ ApplicationName: name }));
/** errorRate answers HTTP 500 InternalFailure or 503 ServiceUnavailableException, half each. */
async function expect5xx(promise: Promise<unknown>) {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e as Error & { $metadata?: { httpStatusCode?: number } },
  );
  expect(["InternalFailure", "ServiceUnavailableException"]).toContain(err?.name);
  expect(err?.$metadata?.httpStatusCode).toBeGreaterThanOrEqual(500);
}
const callsOf = async (operation: string) => (await emu.control.calls()).filter((c) => c.operation === operation);

async function updateParallelism(name: string, parallelism: number, client = msf()) {
  const d = await describeApp(msf(), name);
  return client.send(
    new UpdateApplicationCommand({
      ApplicationName: name,
      CurrentApplicationVersionId: d.ApplicationVersionId,
      ApplicationConfigurationUpdate: {
        FlinkApplicationConfigurationUpdate: {
          ParallelismConfigurationUpdate: { ConfigurationTypeUpdate: "CUSTOM", ParallelismUpdate: parallelism },
        },
      },
    }),
  );
}

describe("scope: service + region + operation, most specific wins", () => {
  it("faults one operation only, and an operation spec beats the service-wide one", async () => {
    await emu.control.setFaults({ service: "kinesisanalytics", operation: "ListApplications", errorRate: 1 });
    await expect5xx(msf().send(new ListApplicationsCommand({})));
    expect((await describeOnce()).ApplicationDetail).toBeDefined();

    await emu.control.setFaults({ service: "kinesisanalytics", throttleRps: 0 });
    await expectAwsError(describeOnce(), "ThrottlingException", 400);
    await expect5xx(msf().send(new ListApplicationsCommand({})));
    await emu.control.setFaults({ service: "kinesisanalytics", operation: "DescribeApplication", region: "us-east-1" });
    expect((await describeOnce()).ApplicationDetail).toBeDefined();
    expect(await emu.control.faults()).toHaveLength(3);
  });
});

describe("throttleRate with errorRate", () => {
  it("answers ~30 % ThrottlingException and ~5 % 5xx, as shares of all requests", async () => {
    await emu.control.setFaults({ service: "kinesisanalytics", throttleRate: 0.3, errorRate: 0.05 });
    const results = await Promise.allSettled(Array.from({ length: 400 }, () => describeOnce()));
    const names = results.map((r) => (r.status === "rejected" ? (r.reason as Error).name : "ok"));
    const throttled = names.filter((n) => n === "ThrottlingException").length;
    const failed = names.filter((n) => n === "InternalFailure" || n === "ServiceUnavailableException").length;
    expect(throttled).toBeGreaterThan(90);
    expect(throttled).toBeLessThan(150);
    expect(failed).toBeGreaterThan(5);
    expect(failed).toBeLessThan(40);
    const [entry] = await callsOf("DescribeApplication");
    expect(entry).toMatchObject({ count: 400, throttled, failed });
  });
});

describe("lost answers", () => {
  it('lose "5xx": the update is applied, the client gets HTTP 500', async () => {
    const before = await describeApp(msf(), "orders-enricher");
    await emu.control.setFaults({ service: "kinesisanalytics", operation: "UpdateApplication", lose: "5xx" });
    await expectAwsError(updateParallelism("orders-enricher", 6), "InternalFailure", 500);
    const after = await describeApp(msf(), "orders-enricher");
    expect(after.ApplicationVersionId).toBe(before.ApplicationVersionId! + 1);
    expect(after.ApplicationStatus).toBe("UPDATING");
    expect((await callsOf("UpdateApplication"))[0]).toMatchObject({ count: 1, lost: 1 });
  });

  it('lose "reset": the update is applied, the connection is reset', async () => {
    const before = await describeApp(msf(), "orders-enricher");
    await emu.control.setFaults({ service: "kinesisanalytics", operation: "UpdateApplication", lose: "reset" });
    const err = await updateParallelism("orders-enricher", 6).then(
      () => undefined,
      (e: unknown) => e as Error & { code?: string },
    );
    expect(err).toBeDefined();
    expect(`${err!.name} ${err!.code ?? ""} ${err!.message}`).toMatch(/ECONNRESET|socket hang up|closed/i);
    const after = await describeApp(msf(), "orders-enricher");
    expect(after.ApplicationVersionId).toBe(before.ApplicationVersionId! + 1);
    expect((await callsOf("UpdateApplication"))[0]).toMatchObject({ count: 1, lost: 1 });
  });

  it("a retrying client then meets its own applied change (ConcurrentModificationException)", async () => {
    await emu.control.setFaults({
      service: "kinesisanalytics",
      operation: "UpdateApplication",
      lose: "5xx",
      remaining: 1,
    });
    await expectAwsError(updateParallelism("orders-enricher", 6, msf(3)), "ConcurrentModificationException", 400);
    expect((await callsOf("UpdateApplication"))[0]).toMatchObject({ count: 2, lost: 1 });
  });
});

describe("hang", () => {
  it("never answers: a client with a request timeout gives up, the server stays healthy", async () => {
    await emu.control.setFaults({ service: "kinesisanalytics", operation: "DescribeApplication", hang: true });
    const client = msf(1, { requestHandler: { requestTimeout: 300, throwOnRequestTimeout: true } });
    const started = Date.now();
    const err = await client.send(new DescribeApplicationCommand({ ApplicationName: "orders-enricher" })).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err?.name).toBe("TimeoutError");
    expect(Date.now() - started).toBeLessThan(2_000);
    expect((await fetch(`${emu.url}/_emulator/health`)).status).toBe(200);
    expect((await msf().send(new ListApplicationsCommand({}))).ApplicationSummaries!.length).toBeGreaterThan(0);
    expect((await callsOf("DescribeApplication"))[0]).toMatchObject({ count: 1, hung: 1 });
  });

  it("closing the server ends hung requests (nothing keeps the process alive)", async () => {
    const other = await startEmulator();
    await other.control.setFaults({ service: "monitoring", hang: true });
    const cw = cloudWatchClient(other.url, "us-east-1", { maxAttempts: 1 });
    const pending = cw.send(
      new GetMetricDataCommand({ MetricDataQueries: [], StartTime: new Date(0), EndTime: new Date(1) }),
    );
    const settled = pending.then(
      () => "answered",
      () => "failed",
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closed = other.close().then(() => "closed");
    expect(await Promise.race([closed, new Promise((r) => setTimeout(() => r("stuck"), 2_000))])).toBe("closed");
    expect(await settled).toBe("failed");
  });
});

describe("quota, metricStatus, remaining", () => {
  it("quota: CreateApplicationSnapshot gets LimitExceededException (HTTP 400)", async () => {
    await emu.control.setFaults({ service: "kinesisanalytics", operation: "CreateApplicationSnapshot", quota: true });
    const create = msf().send(
      new CreateApplicationSnapshotCommand({ ApplicationName: "orders-enricher", SnapshotName: "manual-1" }),
    );
    await expectAwsError(create, "LimitExceededException", 400);
    expect((await callsOf("CreateApplicationSnapshot"))[0]).toMatchObject({ count: 1, failed: 1 });
  });

  for (const status of ["Forbidden", "InternalError"] as const) {
    it(`metricStatus ${status}: HTTP 200, every result ${status} with a message and no datapoints`, async () => {
      await emu.control.setFaults({ service: "monitoring", operation: "GetMetricData", metricStatus: status });
      const cw = cloudWatchClient(emu.url, "us-east-1", { maxAttempts: 1 });
      const now = Date.now();
      const metric = (name: string) => ({
        Namespace: "AWS/KinesisAnalytics",
        MetricName: name,
        Dimensions: [{ Name: "Application", Value: "orders-enricher" }],
      });
      const out = await cw.send(
        new GetMetricDataCommand({
          MetricDataQueries: ["uptime", "cpuUtilization"].map((name, i) => ({
            Id: `q${i}`,
            MetricStat: { Metric: metric(name), Period: 60, Stat: "Maximum" },
          })),
          StartTime: new Date(now - 3_600_000),
          EndTime: new Date(now),
        }),
      );
      expect(out.$metadata.httpStatusCode).toBe(200);
      expect(out.MetricDataResults).toHaveLength(2);
      for (const result of out.MetricDataResults!) {
        expect(result.StatusCode).toBe(status);
        expect(result.Values ?? []).toEqual([]);
        expect(result.Messages?.[0]?.Code).toBe(status);
      }
    });
  }

  it("remaining: fires for exactly that many hit requests, then removes itself", async () => {
    await emu.control.setFaults({
      service: "kinesisanalytics",
      operation: "DescribeApplication",
      errorRate: 1,
      remaining: 2,
    });
    await expect5xx(describeOnce());
    expect((await emu.control.faults())[0]!.remaining).toBe(1);
    await expect5xx(describeOnce());
    expect(await emu.control.faults()).toEqual([]);
    expect((await describeOnce()).ApplicationDetail).toBeDefined();
  });

  it("remaining: requests the fault does not hit are not counted", async () => {
    await emu.control.setFaults({ service: "kinesisanalytics", throttleRate: 0.5, remaining: 3 });
    let failures = 0;
    let successes = 0;
    for (let i = 0; i < 60 && failures < 3; i++) {
      await describeOnce().then(
        () => successes++,
        () => failures++,
      );
    }
    expect(failures).toBe(3);
    expect(successes).toBeGreaterThan(0);
    expect(await emu.control.faults()).toEqual([]);
    for (let i = 0; i < 5; i++) expect((await describeOnce()).ApplicationDetail).toBeDefined();
  });
});

describe("fault spec validation", () => {
  it("rejects unknown modes and impossible combinations with HTTP 400", async () => {
    const bad = [
      { service: "kinesisanalytics", lose: "timeout" },
      { service: "kinesisanalytics", metricStatus: "Forbidden" },
      { service: "monitoring", metricStatus: "Denied" },
      { service: "kinesisanalytics", throttleRate: 0.8, errorRate: 0.5 },
      { service: "kinesisanalytics", remaining: 0 },
      { service: "kinesisanalytics", hang: "yes" },
      { service: "kinesisanalytics", operation: "" },
    ];
    for (const spec of bad)
      await expect(emu.control.setFaults(spec as never), JSON.stringify(spec)).rejects.toThrow(/400/);
    expect(await emu.control.faults()).toEqual([]);
  });
});
