import { describe, expect, it } from "vitest";
import type { EmuApp } from "../core/types";
import { listMetrics } from "./list-metrics";
import { HOUR, T0, healthyApp, makeApp, makeCtx, segment } from "./test-fixtures";

const DAY = 24 * HOUR;

function fleet(): EmuApp[] {
  return [
    healthyApp("legacy-app", "FLINK-1_15"),
    healthyApp("modern-app", "FLINK-2_2"),
    makeApp("kafka-app", [segment(T0 - DAY, { freshJob: true })], {
      profile: { source: { kind: "kafka", topic: "clicks" } },
    }),
    makeApp("upgraded-today", [
      segment(T0 - 3 * DAY, { freshJob: true }),
      segment(T0 - 4 * HOUR, { runtime: "FLINK-2_2", freshJob: true }),
    ]),
    makeApp("stopped-long-ago", [
      segment(T0 - 30 * DAY, { freshJob: true }),
      segment(T0 - 20 * DAY, { status: "READY", behaviour: "idle" }),
    ]),
    makeApp("other-region", [segment(T0 - DAY, { freshJob: true })], { region: "eu-west-1" }),
  ];
}

const call = (input: Record<string, unknown>, pageSize?: number) => listMetrics(input, makeCtx(fleet(), T0), pageSize);
const namesOf = (app: string, input: Record<string, unknown> = {}) =>
  call({ Dimensions: [{ Name: "Application", Value: app }], ...input }).Metrics.map((m) => m.MetricName);

describe("ListMetrics", () => {
  it("lists what each runtime publishes: fullRestarts on 1.x, runningTime & co. on 2.2", () => {
    const legacy = namesOf("legacy-app");
    expect(legacy).toEqual(expect.arrayContaining(["fullRestarts", "numRestarts", "uptime", "downtime", "KPUs"]));
    expect(legacy).not.toContain("runningTime");
    const modern = namesOf("modern-app");
    expect(modern).toEqual(
      expect.arrayContaining([
        "numRestarts",
        "runningTime",
        "restartingTime",
        "cancellingTime",
        "failingTime",
        "uptime",
        "downtime",
      ]),
    );
    expect(modern).not.toContain("fullRestarts");
  });

  it("lists source metrics with their own dimension set", () => {
    const lag = call({ MetricName: "millisBehindLatest" }).Metrics;
    expect(lag.map((m) => m.Dimensions.find((d) => d.Name === "Application")!.Value)).toEqual([
      "legacy-app",
      "modern-app",
      "upgraded-today",
    ]);
    expect(lag[0]!.Dimensions).toEqual([
      { Name: "Id", Value: "orders-stream" },
      { Name: "Application", Value: "legacy-app" },
      { Name: "Flow", Value: "Input" },
    ]);
    expect(namesOf("kafka-app")).toContain("records_lag_max");
    expect(namesOf("kafka-app")).not.toContain("millisBehindLatest");
    expect(call({ Dimensions: [{ Name: "Flow" }] }).Metrics).toHaveLength(4);
  });

  it("keeps a metric listed while it has datapoints in the window (two weeks, or PT3H)", () => {
    expect(namesOf("upgraded-today")).toContain("fullRestarts");
    expect(namesOf("upgraded-today", { RecentlyActive: "PT3H" })).not.toContain("fullRestarts");
    expect(namesOf("upgraded-today", { RecentlyActive: "PT3H" })).toContain("runningTime");
    expect(namesOf("stopped-long-ago")).toEqual([]);
  });

  it("filters by namespace and metric name and stays inside the caller's region", () => {
    expect(call({ Namespace: "AWS/Lambda" }).Metrics).toEqual([]);
    const full = call({ Namespace: "AWS/KinesisAnalytics", MetricName: "fullRestarts" }).Metrics;
    expect(full.map((m) => m.Dimensions[0]!.Value)).toEqual(["kafka-app", "legacy-app", "upgraded-today"]);
    expect(namesOf("other-region")).toEqual([]);
  });

  it("paginates with NextToken", () => {
    const all = call({}).Metrics;
    const collected: unknown[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = call({ NextToken: token }, 7);
      collected.push(...page.Metrics);
      token = page.NextToken;
      pages++;
    } while (token);
    expect(pages).toBe(Math.ceil(all.length / 7));
    expect(collected).toEqual(all);
  });

  it("rejects invalid RecentlyActive and NextToken values", () => {
    expect(() => call({ RecentlyActive: "P1D" })).toThrowError(
      expect.objectContaining({ queryCode: "InvalidParameterValue" }) as Error,
    );
    expect(() => call({ NextToken: "nope" })).toThrowError(
      expect.objectContaining({ queryCode: "InvalidParameterValue" }) as Error,
    );
  });
});
