import { describe, expect, it } from "vitest";
import type { MetricSeries } from "./fetch-metric-data";
import { clipSegments, planStitch, stitchSeries, type RuntimeSegment } from "./stitch";

const at = (minute: number) => new Date(Date.UTC(2026, 4, 1, 12, minute));
const window = { start: at(0), end: at(60) };
const upgrade: RuntimeSegment[] = [
  { from: at(-600), runtime: "FLINK-1_15" },
  { from: at(30), runtime: "FLINK-2_2" },
];

function series(points: [number, number][]): MetricSeries {
  return { timestamps: points.map(([minute]) => at(minute)), values: points.map(([, v]) => v) };
}

describe("clipSegments", () => {
  it("clips to the window, drops segments outside it and sorts by start", () => {
    const segments = [
      { from: at(70), runtime: "FLINK-2_3" },
      { from: at(30), runtime: "FLINK-2_2" },
      { from: at(-600), runtime: "FLINK-1_15" },
      { from: at(-700), runtime: "FLINK-1_13" },
    ];
    expect(clipSegments(segments, window)).toEqual([
      { runtime: "FLINK-1_15", from: at(0), to: at(30) },
      { runtime: "FLINK-2_2", from: at(30), to: at(60) },
    ]);
  });
});

describe("planStitch", () => {
  const testSpeed = { now: window.end, cadenceMs: 1000 };
  const plan = planStitch(
    {
      application: "orders",
      window,
      segments: upgrade,
      signals: ["restarts", "runningTime", "downtime", "cpu"],
    },
    testSpeed,
  );

  it("queries each runtime's metric once, with ids GetMetricData accepts", () => {
    expect(plan.queries.map((q) => q.metric).sort()).toEqual(
      [
        "cancellingTime",
        "cpuUtilization",
        "downtime",
        "failingTime",
        "fullRestarts",
        "numRestarts",
        "restartingTime",
        "runningTime",
        "uptime",
      ].sort(),
    );
    const ids = plan.queries.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z0-9_]*$/);
  });

  it("uses the period chosen from the window and {Application} dimensions", () => {
    expect(plan).toMatchObject({ period: 10, requestedPeriod: 10, coarserReason: null });
    expect(plan.queries.every((q) => q.period === 10 && q.application === "orders")).toBe(true);
    expect(plan.queries[0]?.dimensions).toEqual([{ Name: "Application", Value: "orders" }]);
  });

  it("raises every query's period to what CloudWatch keeps for the window's age, and says so", () => {
    const aged = planStitch(
      { application: "orders", window, segments: upgrade, signals: ["restarts"], period: 60 },
      { now: new Date(window.start.getTime() + 20 * 86_400_000), cadenceMs: 1000 },
    );
    expect(aged).toMatchObject({
      period: 300,
      requestedPeriod: 60,
      coarserReason: "CloudWatch keeps 1-minute data for 15 days; showing 5-minute points",
    });
    expect(aged.queries.map((q) => q.period)).toEqual([300, 300]);
  });

  it("never asks for points finer than MSF publishes", () => {
    const onAws = planStitch(
      { application: "orders", window, segments: upgrade, signals: ["cpu"] },
      {
        now: window.end,
        cadenceMs: 60_000,
      },
    );
    expect(onAws.queries[0]?.period).toBe(60);
    expect(onAws.coarserReason).toBe("MSF publishes these metrics once a minute; showing 1-minute points");
  });

  it("queries each metric with the dimension set ListMetrics listed for it", () => {
    const flow = [
      { Name: "Application", Value: "orders" },
      { Name: "Flow", Value: "Job" },
    ];
    const listed = planStitch(
      { application: "orders", window, segments: upgrade, signals: ["runningTime", "cpu"] },
      { ...testSpeed, dimensionSets: new Map([["runningTime", [flow]]]) },
    );
    const dimensionsOf = (metric: string) => listed.queries.find((q) => q.metric === metric)?.dimensions;
    expect(dimensionsOf("runningTime")).toEqual(flow);
    expect(dimensionsOf("uptime")).toEqual([{ Name: "Application", Value: "orders" }]);
    expect(dimensionsOf("cpuUtilization")).toEqual([{ Name: "Application", Value: "orders" }]);
  });

  it("does not repeat queries when the runtime does not change", () => {
    const sameRuntime = planStitch({
      application: "orders",
      window,
      segments: [
        { from: at(0), runtime: "FLINK-1_15" },
        { from: at(20), runtime: "FLINK-1_15" },
      ],
      signals: ["restarts"],
    });
    expect(sameRuntime.queries).toHaveLength(1);
    expect(sameRuntime.spans).toHaveLength(2);
  });

  it("gives lag queries the source's dimensions and a sanitised id", () => {
    const lagFor = (source: Parameters<typeof planStitch>[0]["source"]) =>
      planStitch({ application: "orders", window, segments: upgrade, signals: ["lag"], source }).queries;
    const kafka = lagFor({ kind: "kafka", topic: "events" });
    expect(kafka).toHaveLength(1);
    expect(kafka[0]).toMatchObject({ id: "lag_records_lag_max", metric: "records_lag_max" });
    expect(kafka[0]?.dimensions).toContainEqual({ Name: "Topic", Value: "events" });
    expect(lagFor({ kind: "kinesis", streamName: "in" })[0]?.dimensions).toEqual([
      { Name: "Id", Value: "in" },
      { Name: "Application", Value: "orders" },
      { Name: "Flow", Value: "Input" },
    ]);
  });

  it("leaves lag out when the source is unknown", () => {
    expect(planStitch({ application: "orders", window, segments: upgrade, signals: ["lag"] }).queries).toEqual([]);
  });
});

describe("stitchSeries", () => {
  const plan = planStitch({
    application: "orders",
    window,
    segments: upgrade,
    signals: ["restarts", "downtime", "cpu"],
  });
  const results = new Map<string, MetricSeries>([
    [
      "restarts_fullRestarts",
      series([
        [10, 4],
        [20, 4],
      ]),
    ],
    // numRestarts exists on 1.x too: its 1.x datapoints must not appear before the upgrade.
    [
      "restarts_numRestarts",
      series([
        [10, 99],
        [40, 0],
        [50, 1],
      ]),
    ],
    ["downtime_downtime", series([[10, 0]])],
    [
      "downtime_restartingTime",
      series([
        [40, 100],
        [50, 0],
      ]),
    ],
    ["downtime_failingTime", series([[40, 20]])],
    [
      "downtime_cancellingTime",
      series([
        [40, 0],
        [50, 0],
      ]),
    ],
    [
      "cpu_cpuUtilization",
      series([
        [10, 40],
        [40, 45],
      ]),
    ],
  ]);
  const stitched = stitchSeries(plan, results);
  const bySignal = (signal: string) => stitched.find((s) => s.signal === signal)!;

  it("joins fullRestarts before the upgrade with numRestarts after it and records the name change", () => {
    const restarts = bySignal("restarts");
    expect(restarts.points.map((p) => [p.t, p.v, p.metric])).toEqual([
      [at(10), 4, "fullRestarts"],
      [at(20), 4, "fullRestarts"],
      [at(40), 0, "numRestarts"],
      [at(50), 1, "numRestarts"],
    ]);
    expect(restarts.nameChanges).toEqual([{ at: at(30), from: "fullRestarts", to: "numRestarts" }]);
    expect(restarts.note).toMatch(/does not publish fullRestarts/);
  });

  it("sums the 2.2 downtime parts point by point", () => {
    const downtime = bySignal("downtime");
    expect(downtime.points.map((p) => [p.t, p.v])).toEqual([
      [at(10), 0],
      [at(40), 120],
      [at(50), 0],
    ]);
    expect(downtime.nameChanges[0]).toEqual({
      at: at(30),
      from: "downtime",
      to: "restartingTime + failingTime + cancellingTime",
    });
    expect(downtime.unit).toBe("Milliseconds");
  });

  it("reports no name change for a metric both runtimes share", () => {
    const cpu = bySignal("cpu");
    expect(cpu.points.map((p) => p.v)).toEqual([40, 45]);
    expect(cpu.nameChanges).toEqual([]);
  });

  it("returns an empty series when CloudWatch returned nothing", () => {
    expect(bySignal("restarts").label).toBe("Restarts");
    const empty = stitchSeries(plan, new Map());
    expect(empty.map((s) => s.points.length)).toEqual([0, 0, 0]);
  });
});
