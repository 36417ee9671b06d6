import { describe, expect, it } from "vitest";
import {
  SIGNALS,
  deprecatedOn,
  dimensions,
  isFlink2,
  isPublishedOn,
  metricLabel,
  metricsFor,
  removedOn,
  signalNote,
} from "./catalog";

const metricNames = (signal: Parameters<typeof metricsFor>[0], runtime: string) =>
  metricsFor(signal, runtime).map((spec) => spec.metric);

describe("isFlink2", () => {
  it("is true for FLINK-2_x runtimes only", () => {
    expect(isFlink2("FLINK-2_2")).toBe(true);
    expect(isFlink2("FLINK-2_3")).toBe(true);
    expect(isFlink2("FLINK-1_20")).toBe(false);
    expect(isFlink2("ZEPPELIN-FLINK-3_0")).toBe(false);
    expect(isFlink2("SQL-1_0")).toBe(false);
    expect(isFlink2("garbage")).toBe(false);
  });
});

describe("metricsFor", () => {
  it("reads restarts from fullRestarts on 1.x and numRestarts on 2.2", () => {
    expect(metricNames("restarts", "FLINK-1_15")).toEqual(["fullRestarts"]);
    expect(metricNames("restarts", "FLINK-2_2")).toEqual(["numRestarts"]);
  });

  it("reads running time from uptime on 1.x and runningTime on 2.2", () => {
    expect(metricNames("runningTime", "FLINK-1_20")).toEqual(["uptime"]);
    expect(metricNames("runningTime", "FLINK-2_2")).toEqual(["runningTime"]);
  });

  it("sums restartingTime, failingTime and cancellingTime for downtime on 2.2", () => {
    expect(metricNames("downtime", "FLINK-1_18")).toEqual(["downtime"]);
    const specs = metricsFor("downtime", "FLINK-2_2");
    expect(specs.map((s) => s.metric)).toEqual(["restartingTime", "failingTime", "cancellingTime"]);
    expect(specs.every((s) => s.sumOf?.length === 3)).toBe(true);
    expect(metricLabel(specs)).toBe("restartingTime + failingTime + cancellingTime");
  });

  it("keeps the same metric, statistic and unit on both runtimes for unchanged signals", () => {
    for (const signal of ["failedCheckpoints", "checkpointDuration", "checkpointSize", "cpu", "heap"] as const) {
      expect(metricsFor(signal, "FLINK-1_15")).toEqual(metricsFor(signal, "FLINK-2_2"));
    }
    expect(metricsFor("cpu", "FLINK-2_2")[0]).toMatchObject({
      metric: "cpuUtilization",
      stat: "Maximum",
      unit: "Percent",
    });
  });

  it("never names a metric the runtime does not publish", () => {
    for (const runtime of ["FLINK-1_13", "FLINK-1_20", "FLINK-2_2"]) {
      for (const signal of SIGNALS) {
        for (const spec of metricsFor(signal, runtime, { kind: "kinesis" })) {
          expect(isPublishedOn(runtime, spec.metric), `${spec.metric} on ${runtime}`).toBe(true);
        }
      }
    }
  });

  it("picks the lag metric from the source kind and none without one", () => {
    expect(metricsFor("lag", "FLINK-2_2", { kind: "kinesis" })[0]).toMatchObject({
      metric: "millisBehindLatest",
      unit: "Milliseconds",
      dimensionSet: "source",
    });
    expect(metricsFor("lag", "FLINK-1_15", { kind: "kafka" })[0]).toMatchObject({
      metric: "records_lag_max",
      unit: "Count",
    });
    expect(metricsFor("lag", "FLINK-2_2")).toEqual([]);
  });
});

describe("removedOn / deprecatedOn", () => {
  it("marks fullRestarts removed and uptime/downtime deprecated on 2.2 only", () => {
    expect(removedOn("FLINK-2_2", "fullRestarts")).toBe(true);
    expect(removedOn("FLINK-1_20", "fullRestarts")).toBe(false);
    expect(removedOn("FLINK-2_2", "uptime")).toBe(false);
    expect(deprecatedOn("FLINK-2_2", "uptime")).toBe(true);
    expect(deprecatedOn("FLINK-2_2", "downtime")).toBe(true);
    expect(deprecatedOn("FLINK-1_20", "uptime")).toBe(false);
    expect(deprecatedOn("FLINK-2_2", "numRestarts")).toBe(false);
  });
});

describe("dimensions", () => {
  it("is {Application} for job metrics", () => {
    expect(dimensions("orders")).toEqual([{ Name: "Application", Value: "orders" }]);
  });
  it("adds Id and Flow=Input for a Kinesis source and Topic for Kafka", () => {
    expect(dimensions("orders", { kind: "kinesis", streamName: "in" })).toEqual([
      { Name: "Id", Value: "in" },
      { Name: "Application", Value: "orders" },
      { Name: "Flow", Value: "Input" },
    ]);
    expect(dimensions("orders", { kind: "kafka", topic: "t" })[0]).toEqual({ Name: "Topic", Value: "t" });
  });
});

describe("signalNote", () => {
  it("says 2.2 does not publish fullRestarts", () => {
    expect(signalNote("restarts", "FLINK-2_2")).toMatch(/does not publish fullRestarts/);
  });
  it("flags numRestarts on 1.x as undocumented", () => {
    expect(signalNote("restarts", "FLINK-1_15")).toMatch(/numRestarts.*not documented/);
  });
  it("is null for signals that did not change", () => {
    expect(signalNote("cpu", "FLINK-2_2")).toBeNull();
    expect(signalNote("runningTime", "FLINK-1_15")).toBeNull();
  });
});
