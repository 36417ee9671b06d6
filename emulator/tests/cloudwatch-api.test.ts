// CloudWatch through the real @aws-sdk/client-cloudwatch against a running emulator (test speed).
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  ListMetricsCommand,
  paginateDescribeAlarms,
  paginateGetMetricData,
  paginateListMetrics,
  type GetMetricDataCommandInput,
  type GetMetricStatisticsCommandInput,
  type MetricDataQuery,
  type MetricDataResult,
} from "@aws-sdk/client-cloudwatch";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cloudWatchClient, startEmulator, type StartedEmulator } from "./harness";
import { expectAwsError } from "./msf-helpers";

const NS = "AWS/KinesisAnalytics";
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let emu: StartedEmulator;
let cw: CloudWatchClient;

beforeAll(async () => {
  emu = await startEmulator();
  cw = cloudWatchClient(emu.url, "us-east-1", { maxAttempts: 1 });
});
afterAll(() => emu.close());
beforeEach(() => emu.control.reset());

const appDims = (app: string) => [{ Name: "Application", Value: app }];
const query = (id: string, app: string, metricName: string, period = 60, stat = "Maximum"): MetricDataQuery => ({
  Id: id,
  MetricStat: {
    Metric: { Namespace: NS, MetricName: metricName, Dimensions: appDims(app) },
    Period: period,
    Stat: stat,
  },
});

async function regionApps(region: string): Promise<{ name: string; status: string; runtime: string }[]> {
  const state = await emu.control.state();
  const account = state.accounts.find((a) => a.accountId === "123456789012")!;
  return account.regions.find((r) => r.region === region)!.apps;
}

function mergeById(pages: MetricDataResult[][]): Map<string, { t: number[]; v: number[] }> {
  const merged = new Map<string, { t: number[]; v: number[] }>();
  for (const result of pages.flat()) {
    const entry = merged.get(result.Id!) ?? { t: [], v: [] };
    entry.t.push(...result.Timestamps!.map((d) => d.getTime()));
    entry.v.push(...result.Values!);
    merged.set(result.Id!, entry);
  }
  return merged;
}

describe("GetMetricData", () => {
  it("answers a whole region's fleet in one request, paginated by datapoints through NextToken", async () => {
    const apps = (await regionApps("us-east-1")).filter((a) => a.status === "RUNNING");
    expect(apps.length).toBeGreaterThan(10);
    const metrics = ["uptime", "numRestarts", "cpuUtilization", "lastCheckpointDuration", "KPUs"];
    const queries = apps.flatMap((app, i) => metrics.map((m, j) => query(`q${i}_${j}`, app.name, m)));
    const now = Date.now();
    const input: GetMetricDataCommandInput = {
      MetricDataQueries: queries,
      StartTime: new Date(now - 3 * HOUR),
      EndTime: new Date(now + MINUTE),
      ScanBy: "TimestampAscending",
    };
    const pages: MetricDataResult[][] = [];
    // The SDK paginator writes NextToken into the input it is given: hand it a copy.
    for await (const page of paginateGetMetricData({ client: cw, pageSize: 5_000 }, { ...input }))
      pages.push(page.MetricDataResults ?? []);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]!.some((r) => r.StatusCode === "PartialData")).toBe(true);
    expect(pages.at(-1)!.every((r) => r.StatusCode === "Complete")).toBe(true);
    const merged = mergeById(pages);
    expect(merged.size).toBe(queries.length);
    const single = await cw.send(new GetMetricDataCommand({ ...input, MaxDatapoints: 100_800 }));
    expect(single.NextToken).toBeUndefined();
    for (const result of single.MetricDataResults!) {
      expect(merged.get(result.Id!)!.t).toEqual(result.Timestamps!.map((d) => d.getTime()));
    }
    const uptime = single.MetricDataResults!.find((r) => r.Id === "q0_0")!;
    expect(uptime.Label).toBe("uptime");
    expect(uptime.Timestamps!.length).toBeGreaterThanOrEqual(180);
    const times = uptime.Timestamps!.map((d) => d.getTime());
    expect(times.every((t, i) => i === 0 || t - times[i - 1]! === MINUTE)).toBe(true);
    expect(times.at(-1)!).toBeLessThanOrEqual(Date.now());
  });

  it("returns newest first by default, with SDK Date timestamps", async () => {
    const now = Date.now();
    const out = await cw.send(
      new GetMetricDataCommand({
        MetricDataQueries: [query("up", "orders-enricher", "uptime", 300, "Average")],
        StartTime: new Date(now - HOUR),
        EndTime: new Date(now),
      }),
    );
    const result = out.MetricDataResults![0]!;
    expect(result.StatusCode).toBe("Complete");
    expect(result.Timestamps![0]).toBeInstanceOf(Date);
    const times = result.Timestamps!.map((d) => d.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(result.Values![0]!).toBeGreaterThan(result.Values!.at(-1)!);
  });

  it("shows a state-incompatible upgrade as a restart loop on the 2.2 metric set", async () => {
    const { DescribeApplicationCommand, UpdateApplicationCommand } =
      await import("@aws-sdk/client-kinesis-analytics-v2");
    const { msfClient } = await import("./harness");
    const { waitForStatus } = await import("./msf-helpers");
    const msf = msfClient(emu.url, "us-east-1");
    const name = "clickstream-sessionizer";
    const before = (await msf.send(new DescribeApplicationCommand({ ApplicationName: name }))).ApplicationDetail!;
    const upgradeAt = Date.now();
    await msf.send(
      new UpdateApplicationCommand({
        ApplicationName: name,
        CurrentApplicationVersionId: before.ApplicationVersionId,
        RuntimeEnvironmentUpdate: "FLINK-2_2",
      }),
    );
    const updateApplied = Date.now();
    await waitForStatus(msf, name, "RUNNING");
    // Test speed: a 167 ms loop, one datapoint per second, readable 2 s later: wait for restarts to be readable.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const out = await cw.send(
      new GetMetricDataCommand({
        MetricDataQueries: [
          query("restarts", name, "numRestarts", 1),
          query("running", name, "runningTime", 1),
          query("full", name, "fullRestarts", 1),
        ],
        StartTime: new Date(upgradeAt - 5_000),
        EndTime: new Date(Date.now() + 1_000),
        ScanBy: "TimestampAscending",
      }),
    );
    const [restarts, running, full] = out.MetricDataResults!;
    expect(restarts!.Values!.at(-1)!).toBeGreaterThanOrEqual(2);
    expect(restarts!.Values!.every((v, i, all) => i === 0 || v >= all[i - 1]!)).toBe(true);
    expect(running!.Values!.length).toBeGreaterThan(2);
    expect(Math.max(...running!.Values!)).toBeLessThan(1_000);
    // The 1.x job published until the update was applied (somewhere between the two instants).
    expect(full!.Timestamps!.every((d) => d.getTime() < updateApplied)).toBe(true);
  });
});

describe("GetMetricStatistics", () => {
  it("returns Datapoints with statistics, percentiles and units", async () => {
    const now = Date.now();
    const base = {
      Namespace: NS,
      MetricName: "cpuUtilization",
      Dimensions: appDims("orders-enricher"),
      StartTime: new Date(now - HOUR),
      EndTime: new Date(now),
      Period: 300,
    };
    const stats = await cw.send(
      new GetMetricStatisticsCommand({ ...base, Statistics: ["Average", "Maximum", "SampleCount"] }),
    );
    expect(stats.Label).toBe("cpuUtilization");
    expect(stats.Datapoints!.length).toBeGreaterThanOrEqual(11);
    for (const point of stats.Datapoints!) {
      expect(point.Unit).toBe("Percent");
      expect(point.Timestamp).toBeInstanceOf(Date);
      expect(point.Maximum!).toBeGreaterThanOrEqual(point.Average!);
      expect(point.Maximum!).toBeLessThanOrEqual(100);
    }
    const pct = await cw.send(new GetMetricStatisticsCommand({ ...base, ExtendedStatistics: ["p50", "p99"] }));
    for (const point of pct.Datapoints!)
      expect(point.ExtendedStatistics!.p99!).toBeGreaterThanOrEqual(point.ExtendedStatistics!.p50!);
  });
});

describe("ListMetrics", () => {
  const names = async (app: string, recent?: "PT3H") => {
    const out = await cw.send(
      new ListMetricsCommand({
        Namespace: NS,
        Dimensions: [{ Name: "Application", Value: app }],
        RecentlyActive: recent,
      }),
    );
    return out.Metrics!.map((m) => m.MetricName!);
  };

  it("tells a 1.x app (fullRestarts) from a 2.2 app (runningTime, no fullRestarts)", async () => {
    const legacy = await names("orders-enricher");
    expect(legacy).toEqual(
      expect.arrayContaining(["fullRestarts", "numRestarts", "uptime", "downtime", "millisBehindLatest"]),
    );
    expect(legacy).not.toContain("runningTime");
    // recommendations-v2 was upgraded from 1.20 20 h ago: its last fullRestarts datapoint is older than 3 h.
    const modern = await names("recommendations-v2", "PT3H");
    expect(modern).toEqual(
      expect.arrayContaining(["numRestarts", "runningTime", "restartingTime", "uptime", "records_lag_max"]),
    );
    expect(modern).not.toContain("fullRestarts");
    expect(await names("recommendations-v2")).toContain("fullRestarts");
  });

  it("lists the whole region through the paginator", async () => {
    const metrics = [];
    for await (const page of paginateListMetrics({ client: cw }, { Namespace: NS }))
      metrics.push(...(page.Metrics ?? []));
    const apps = new Set(metrics.map((m) => m.Dimensions!.find((d) => d.Name === "Application")!.Value));
    expect(apps.has("orders-enricher")).toBe(true);
    expect(metrics.length).toBeGreaterThan(100);
  });
});

describe("DescribeAlarms", () => {
  it("serves the seeded alarms with filters and pagination", async () => {
    const alarms = [];
    for await (const page of paginateDescribeAlarms({ client: cw, pageSize: 3 }, {}))
      alarms.push(...(page.MetricAlarms ?? []));
    expect(alarms.length).toBeGreaterThanOrEqual(6);
    for (const alarm of alarms) {
      expect(alarm.AlarmArn).toBe(`arn:aws:cloudwatch:us-east-1:123456789012:alarm:${alarm.AlarmName}`);
      expect(alarm.Namespace).toBe(NS);
      expect(alarm.StateUpdatedTimestamp).toBeInstanceOf(Date);
    }
    expect(alarms.some((a) => a.MetricName === "fullRestarts" && a.AlarmName!.endsWith("-full-restarts"))).toBe(true);
    const first = alarms[0]!;
    const byName = await cw.send(new DescribeAlarmsCommand({ AlarmNames: [first.AlarmName!] }));
    expect(byName.MetricAlarms!.map((a) => a.AlarmName)).toEqual([first.AlarmName]);
    const byState = await cw.send(new DescribeAlarmsCommand({ StateValue: first.StateValue }));
    expect(byState.MetricAlarms!.every((a) => a.StateValue === first.StateValue)).toBe(true);
  });
});

describe("errors surface as typed SDK exceptions", () => {
  const now = Date.now();
  const range = { StartTime: new Date(now - HOUR), EndTime: new Date(now) };

  it("GetMetricData: 501 queries, bad period, bad stat, bad token", async () => {
    const gmd = (queries: MetricDataQuery[], nextToken?: string) =>
      cw.send(new GetMetricDataCommand({ ...range, MetricDataQueries: queries, NextToken: nextToken }));
    const many = Array.from({ length: 501 }, (_, i) => query(`q${i}`, "orders-enricher", "uptime"));
    await expectAwsError(gmd(many), "ValidationException", 400);
    await expectAwsError(gmd([query("a", "orders-enricher", "uptime", 45)]), "ValidationException");
    const badStat = await expectAwsError(
      gmd([query("a", "orders-enricher", "uptime", 60, "Mean")]),
      "ValidationException",
    );
    expect(badStat.message).toMatch(/not a valid statistic/);
    await expectAwsError(gmd([query("a", "orders-enricher", "uptime")], "bogus"), "InvalidNextToken");
  });

  it("GetMetricStatistics: bad period, bad statistic, both kinds of statistics", async () => {
    const base = { ...range, Namespace: NS, MetricName: "uptime", Dimensions: appDims("orders-enricher") };
    const gms = (extra: Partial<GetMetricStatisticsCommandInput>) =>
      cw.send(new GetMetricStatisticsCommand({ ...base, Period: 60, ...extra }));
    await expectAwsError(gms({ Period: 45, Statistics: ["Maximum"] }), "InvalidParameterValueException", 400);
    await expectAwsError(gms({ Statistics: ["Mean" as never] }), "InvalidParameterValueException");
    await expectAwsError(
      gms({ Statistics: ["Maximum"], ExtendedStatistics: ["p99"] }),
      "InvalidParameterCombinationException",
    );
  });

  it("throttling comes back as the retryable Throttling code", async () => {
    await emu.control.setFaults({ service: "monitoring", throttleRps: 1 });
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () => cw.send(new ListMetricsCommand({ Namespace: NS }))),
    );
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected.length).toBeGreaterThan(0);
    expect((rejected[0]!.reason as Error).name).toBe("Throttling");
  });

  it("LimitExceededException throttling is the SDK's retryable LimitExceededException, not LimitExceededFault", async () => {
    await emu.control.setFaults({ service: "monitoring", throttleRps: 1, throttleCode: "LimitExceededException" });
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () => cw.send(new ListMetricsCommand({ Namespace: NS }))),
    );
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected.length).toBeGreaterThan(0);
    expect((rejected[0]!.reason as Error).name).toBe("LimitExceededException");
    const retrying = cloudWatchClient(emu.url, "us-east-1", { maxAttempts: 6 });
    await emu.control.setFaults({ service: "monitoring", throttleRps: 2, throttleCode: "LimitExceededException" });
    const all = await Promise.all(
      Array.from({ length: 4 }, () => retrying.send(new ListMetricsCommand({ Namespace: NS }))),
    );
    expect(all).toHaveLength(4);
  });
});

describe("region isolation", () => {
  it("each region sees only its own apps, metrics and alarms", async () => {
    const eu = cloudWatchClient(emu.url, "eu-west-1", { maxAttempts: 1 });
    const now = Date.now();
    const range = { StartTime: new Date(now - HOUR), EndTime: new Date(now) };
    const usOnly = query("up", "recommendations-v2", "uptime");
    const home = await cw.send(new GetMetricDataCommand({ ...range, MetricDataQueries: [usOnly] }));
    expect(home.MetricDataResults![0]!.Timestamps!.length).toBeGreaterThanOrEqual(60);
    const cross = await eu.send(new GetMetricDataCommand({ ...range, MetricDataQueries: [usOnly] }));
    expect(cross.MetricDataResults![0]!.Timestamps).toEqual([]);
    // Both regions have an "orders-enricher" (1.20 in us-east-1, 1.15 in eu-west-1): separate series.
    const usCpu = await cw.send(
      new GetMetricDataCommand({ ...range, MetricDataQueries: [query("c", "orders-enricher", "cpuUtilization")] }),
    );
    const euCpu = await eu.send(
      new GetMetricDataCommand({ ...range, MetricDataQueries: [query("c", "orders-enricher", "cpuUtilization")] }),
    );
    expect(euCpu.MetricDataResults![0]!.Values!.length).toBeGreaterThanOrEqual(60);
    expect(euCpu.MetricDataResults![0]!.Values).not.toEqual(usCpu.MetricDataResults![0]!.Values);
    const euApps = new Set((await regionApps("eu-west-1")).map((a) => a.name));
    const listed = await eu.send(new ListMetricsCommand({ Namespace: NS, MetricName: "uptime" }));
    expect(listed.Metrics!.length).toBeGreaterThan(0);
    expect(listed.Metrics!.every((m) => euApps.has(m.Dimensions![0]!.Value!))).toBe(true);
    const euAlarms = (await eu.send(new DescribeAlarmsCommand({}))).MetricAlarms!;
    expect(euAlarms.length).toBeGreaterThan(0);
    expect(euAlarms.every((a) => a.AlarmArn!.includes(":eu-west-1:") && euApps.has(a.Dimensions![0]!.Value!))).toBe(
      true,
    );
  });
});
