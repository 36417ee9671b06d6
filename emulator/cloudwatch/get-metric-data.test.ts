import { describe, expect, it } from "vitest";
import type { EmuApp } from "../core/types";
import { DEFAULT_MAX_DATAPOINTS, getMetricData, type GetMetricDataOut } from "./get-metric-data";
import { HOUR, MINUTE, T0, healthyApp, makeApp, makeCtx, seconds, segment, statQuery } from "./test-fixtures";

const APP = "orders-enricher";
const apps = (): EmuApp[] => [healthyApp(APP), healthyApp("billing", "FLINK-2_2")];

function call(input: Record<string, unknown>, now = T0, appList = apps()): GetMetricDataOut {
  return getMetricData(input, makeCtx(appList, now));
}

const lastHour = { StartTime: seconds(T0 - HOUR), EndTime: seconds(T0) };

describe("GetMetricData results", () => {
  it("returns one result per query with Label, StatusCode and aligned Timestamps/Values", () => {
    const out = call({
      ...lastHour,
      MetricDataQueries: [
        statQuery("up", APP, "uptime", 60, "Maximum"),
        { ...statQuery("cpu", APP, "cpuUtilization", 300, "Average"), Label: "CPU" },
      ],
    });
    const [up, cpu] = out.MetricDataResults;
    expect(up).toMatchObject({ Id: "up", Label: "uptime", StatusCode: "Complete", Messages: [] });
    // One datapoint per minute, the newest two minutes still being ingested.
    expect(up!.Timestamps).toHaveLength(59);
    expect(up!.Values).toHaveLength(59);
    expect(cpu).toMatchObject({ Id: "cpu", Label: "CPU", StatusCode: "Complete" });
    expect(cpu!.Timestamps).toHaveLength(12);
    expect(out.NextToken).toBeUndefined();
  });

  it("orders newest first by default and oldest first with TimestampAscending", () => {
    const query = { ...lastHour, MetricDataQueries: [statQuery("up", APP, "uptime", 60, "Maximum")] };
    const descending = call(query).MetricDataResults[0]!;
    const ascending = call({ ...query, ScanBy: "TimestampAscending" }).MetricDataResults[0]!;
    expect(descending.Timestamps[0]).toBe(seconds(T0 - 2 * MINUTE));
    expect(ascending.Timestamps[0]).toBe(seconds(T0 - HOUR));
    expect([...ascending.Timestamps].reverse()).toEqual(descending.Timestamps);
    expect([...ascending.Values].reverse()).toEqual(descending.Values);
    for (let i = 1; i < ascending.Values.length; i++)
      expect(ascending.Values[i]!).toBeGreaterThan(ascending.Values[i - 1]!);
  });

  it("omits ReturnData=false queries and flags expressions as unsupported", () => {
    const out = call({
      ...lastHour,
      MetricDataQueries: [
        { ...statQuery("hidden", APP, "uptime", 60, "Maximum"), ReturnData: false },
        { Id: "rate", Expression: "RATE(hidden)" },
      ],
    });
    expect(out.MetricDataResults.map((r) => r.Id)).toEqual(["rate"]);
    expect(out.MetricDataResults[0]).toMatchObject({ StatusCode: "InternalError", Timestamps: [], Values: [] });
    expect(out.MetricDataResults[0]!.Messages[0]!.Code).toBe("UnsupportedExpression");
  });

  it("returns empty results for metrics that were never published", () => {
    const kinesis = { Namespace: "AWS/KinesisAnalytics", MetricName: "millisBehindLatest" };
    const sourceDims = [
      { Name: "Flow", Value: "Input" },
      { Name: "Application", Value: APP },
      { Name: "Id", Value: "orders-stream" },
    ];
    const uptimeStat = statQuery("x", APP, "uptime", 60, "Maximum").MetricStat;
    const withStat = (id: string, metricStat: Record<string, unknown>) => ({ Id: id, MetricStat: metricStat });
    const queries = [
      statQuery("ghost", "no-such-app", "uptime", 60, "Maximum"),
      statQuery("gone", "billing", "fullRestarts", 60, "Maximum"),
      withStat("nsx", { ...uptimeStat, Metric: { ...uptimeStat.Metric, Namespace: "AWS/Lambda" } }),
      withStat("lagapp", { ...uptimeStat, Metric: { ...kinesis, Dimensions: [{ Name: "Application", Value: APP }] } }),
      withStat("lag", { ...uptimeStat, Metric: { ...kinesis, Dimensions: sourceDims } }),
      withStat("wrongunit", { ...uptimeStat, Unit: "Seconds" }),
      withStat("unit", { ...uptimeStat, Unit: "Milliseconds" }),
    ];
    const counts = Object.fromEntries(
      call({ ...lastHour, MetricDataQueries: queries }).MetricDataResults.map((r) => [r.Id, r.Timestamps.length]),
    );
    expect(counts).toEqual({ ghost: 0, gone: 0, nsx: 0, lagapp: 0, lag: 59, wrongunit: 0, unit: 59 });
  });

  it("only sees the caller's region", () => {
    const query = { ...lastHour, MetricDataQueries: [statQuery("up", APP, "uptime", 60, "Maximum")] };
    const ctx = makeCtx(apps(), T0, { region: "eu-west-1" });
    expect(getMetricData(query, ctx).MetricDataResults[0]!.Timestamps).toEqual([]);
  });
});

describe("GetMetricData pagination", () => {
  const queries = [
    statQuery("a", APP, "uptime", 60, "Maximum"),
    statQuery("b", APP, "cpuUtilization", 60, "Average"),
    statQuery("c", "billing", "runningTime", 60, "Maximum"),
  ];
  const range = { StartTime: seconds(T0 - 5 * MINUTE), EndTime: seconds(T0) };

  function collectPages(maxDatapoints: number, nowPerPage: (page: number) => number, endTime = range.EndTime) {
    const pages: GetMetricDataOut[] = [];
    let token: string | undefined;
    do {
      const page = call(
        { ...range, EndTime: endTime, MetricDataQueries: queries, MaxDatapoints: maxDatapoints, NextToken: token },
        nowPerPage(pages.length),
      );
      pages.push(page);
      token = page.NextToken;
    } while (token && pages.length < 20);
    return pages;
  }

  function merge(pages: GetMetricDataOut[]) {
    const merged = new Map<string, { Timestamps: number[]; Values: number[] }>();
    for (const result of pages.flatMap((p) => p.MetricDataResults)) {
      const entry = merged.get(result.Id) ?? { Timestamps: [], Values: [] };
      entry.Timestamps.push(...result.Timestamps);
      entry.Values.push(...result.Values);
      merged.set(result.Id, entry);
    }
    return merged;
  }

  it("splits by datapoints across queries and the pages add up to the unpaged answer", () => {
    // 4 readable datapoints per query (T0-5 min .. T0-2 min).
    const pages = collectPages(5, () => T0);
    expect(pages.map((p) => p.MetricDataResults.reduce((n, r) => n + r.Timestamps.length, 0))).toEqual([5, 5, 2]);
    expect(pages[0]!.MetricDataResults.map((r) => r.StatusCode)).toEqual(["Complete", "PartialData", "PartialData"]);
    expect(pages[2]!.MetricDataResults.map((r) => r.StatusCode)).toEqual(["Complete", "Complete", "Complete"]);
    const whole = call({ ...range, MetricDataQueries: queries }).MetricDataResults;
    const merged = merge(pages);
    for (const result of whole)
      expect(merged.get(result.Id)).toEqual({ Timestamps: result.Timestamps, Values: result.Values });
  });

  it("keeps later pages consistent while the clock moves on", () => {
    // EndTime in the future: newer datapoints appear as time passes, yet the pages stay frozen at the first call.
    const pages = collectPages(2, (page) => T0 + page * 30_000, seconds(T0 + HOUR));
    expect(pages.length).toBeGreaterThan(3);
    const whole = call({ ...range, MetricDataQueries: queries, EndTime: seconds(T0 + HOUR) }).MetricDataResults;
    const merged = merge(pages);
    for (const result of whole)
      expect(merged.get(result.Id)).toEqual({ Timestamps: result.Timestamps, Values: result.Values });
  });

  it(`pages at ${DEFAULT_MAX_DATAPOINTS} datapoints by default`, () => {
    // 100 queries × 1,439 one-minute datapoints (24 h) = 143,900: over AWS's default page.
    const many = Array.from({ length: 100 }, (_, i) => statQuery(`q${i}`, APP, "uptime", 60, "Maximum"));
    const first = call({ StartTime: seconds(T0 - 24 * HOUR), EndTime: seconds(T0), MetricDataQueries: many });
    expect(first.MetricDataResults.reduce((n, r) => n + r.Timestamps.length, 0)).toBe(DEFAULT_MAX_DATAPOINTS);
    expect(first.NextToken).toBeDefined();
  });

  it("rejects tokens from another request or garbage with InvalidNextToken", () => {
    const first = call({ ...range, MetricDataQueries: queries, MaxDatapoints: 4 });
    const otherRequest = { ...range, MetricDataQueries: queries.slice(0, 1), NextToken: first.NextToken };
    expect(() => call(otherRequest)).toThrowError(expect.objectContaining({ queryCode: "InvalidNextToken" }) as Error);
    expect(() => call({ ...range, MetricDataQueries: queries, NextToken: "garbage" })).toThrowError(
      expect.objectContaining({ queryCode: "InvalidNextToken" }) as Error,
    );
  });
});

describe("GetMetricData validation (ValidationError)", () => {
  const expectValidation = (input: Record<string, unknown>, message: RegExp) => {
    expect(() => call(input)).toThrowError(
      expect.objectContaining({ queryCode: "ValidationError", message: expect.stringMatching(message) }) as Error,
    );
  };

  it("rejects more than 500 queries", () => {
    const queries = Array.from({ length: 501 }, (_, i) => statQuery(`q${i}`, APP, "uptime", 60, "Maximum"));
    expectValidation({ ...lastHour, MetricDataQueries: queries }, /must not have a size greater than 500/);
  });

  it("rejects bad periods, statistics, ids and time ranges", () => {
    const up = statQuery("a", APP, "uptime", 60, "Maximum");
    expectValidation(
      { ...lastHour, MetricDataQueries: [statQuery("a", APP, "uptime", 7, "Maximum")] },
      /member\.1\.MetricStat\.Period/,
    );
    expectValidation(
      { ...lastHour, MetricDataQueries: [statQuery("a", APP, "uptime", 90, "Maximum")] },
      /not a valid period/,
    );
    expectValidation(
      { ...lastHour, MetricDataQueries: [statQuery("a", APP, "uptime", 60, "Avg")] },
      /MetricStat\.Stat is not a valid statistic/,
    );
    expectValidation(
      { ...lastHour, MetricDataQueries: [statQuery("Up", APP, "uptime", 60, "Maximum")] },
      /Id is not valid/,
    );
    expectValidation(
      { ...lastHour, MetricDataQueries: [up, statQuery("a", APP, "downtime", 60, "Maximum")] },
      /not unique/,
    );
    expectValidation({ StartTime: seconds(T0), EndTime: seconds(T0), MetricDataQueries: [up] }, /must not equal/);
    expectValidation({ ...lastHour, ScanBy: "Sideways", MetricDataQueries: [up] }, /ScanBy/);
  });

  it("accepts every high-resolution period and percentiles", () => {
    const queries = [1, 5, 10, 20, 30, 120].map((p) => statQuery(`p${p}`, APP, "uptime", p, "p90"));
    const out = call({ StartTime: seconds(T0 - 10 * MINUTE), EndTime: seconds(T0), MetricDataQueries: queries });
    // Standard-resolution data: a sub-minute period only has the buckets holding a minute datapoint.
    expect(out.MetricDataResults.map((r) => r.Timestamps.length)).toEqual([9, 9, 9, 9, 9, 5]);
  });
});

describe("GetMetricData performance", () => {
  it("answers 500 queries over 24 h quickly", () => {
    const fleet = Array.from({ length: 50 }, (_, i) =>
      makeApp(`app-${i}`, [
        segment(T0 - 30 * HOUR, { freshJob: true, runtime: i % 2 ? "FLINK-2_2" : "FLINK-1_15" }),
        segment(T0 - 3 * HOUR, { behaviour: i % 3 ? "healthy" : "restart-loop" }),
      ]),
    );
    const metrics = [
      "uptime",
      "numRestarts",
      "cpuUtilization",
      "lastCheckpointDuration",
      "heapMemoryUtilization",
      "KPUs",
      "downtime",
      "numberOfFailedCheckpoints",
      "lastCheckpointSize",
      "uptime",
    ];
    for (const period of [60, 300, 3600]) {
      const queries = Array.from({ length: 500 }, (_, i) =>
        statQuery(`q${i}`, `app-${i % 50}`, metrics[Math.floor(i / 50)]!, period, i % 7 ? "Maximum" : "p99"),
      );
      const started = performance.now();
      const out = call(
        {
          StartTime: seconds(T0 - 24 * HOUR),
          EndTime: seconds(T0),
          MetricDataQueries: queries,
          MaxDatapoints: 100_800,
        },
        T0,
        fleet,
      );
      const elapsed = performance.now() - started;
      // Every period of the day, except the newest minute's datapoints that are still being ingested.
      expect(out.MetricDataResults[0]!.Timestamps).toHaveLength(period === 60 ? 1439 : (24 * 3600) / period);
      expect(elapsed).toBeLessThan(2_000);
    }
  });
});
