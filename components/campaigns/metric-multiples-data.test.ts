import { describe, expect, it } from "vitest";
import type { ChartSeries } from "@/lib/metrics/chart-types";
import { increaseOf, toMultiples, type CampaignMetricsApp } from "./metric-multiples-data";

const at = (min: number) => new Date(Date.UTC(2026, 11, 5, 10, 0) + min * 60_000).toISOString();

function series(signal: "restarts" | "failedCheckpoints", values: [number, number][]): ChartSeries {
  return {
    signal,
    label: signal,
    unit: "Count",
    points: values.map(([min, v]) => ({ t: at(min), v, metric: "m" })),
    nameChanges: [],
    note: null,
  };
}

function app(over: Partial<CampaignMetricsApp>): CampaignMetricsApp {
  return {
    region: "us-east-1",
    appName: "a",
    runId: "r",
    stage: 0,
    stageName: "dev",
    state: "SUCCEEDED",
    finishedAt: at(5),
    source: "stored",
    period: 60,
    range: { start: at(-60), end: at(5) },
    window: { from: at(0), to: at(4) },
    series: [],
    problems: [],
    ...over,
  };
}

describe("increaseOf", () => {
  it("counts from the first point and treats a drop as a counter restart", () => {
    expect(
      increaseOf(
        series("restarts", [
          [0, 7],
          [1, 7],
          [2, 9],
          [3, 0],
          [4, 2],
        ]).points,
      ).map((p) => p.v),
    ).toEqual([0, 0, 2, 2, 4]);
  });
});

describe("toMultiples", () => {
  it("puts every chart on minutes from its update call with shared axes", () => {
    const healthy = app({
      series: [
        series("restarts", [
          [-2, 1],
          [1, 1],
          [4, 1],
        ]),
        series("failedCheckpoints", [
          [1, 0],
          [4, 0],
        ]),
      ],
    });
    const looping = app({
      appName: "b",
      state: "FAILED",
      window: { from: at(1), to: at(3) },
      range: { start: at(-59), end: at(9) },
      series: [
        series("restarts", [
          [1, 0],
          [2, 4],
          [3, 9],
        ]),
      ],
    });
    const m = toMultiples([healthy, looping]);
    expect(m.yMax).toBe(9);
    expect(m.xDomain).toEqual([-8, 8]);
    expect(m.charts[0]!.data).toEqual([
      { x: -2, restarts: 0 },
      { x: 1, restarts: 0, failedCheckpoints: 0 },
      { x: 4, restarts: 0, failedCheckpoints: 0 },
    ]);
    expect(m.charts[1]!.data.map((p) => p.x)).toEqual([0, 1, 2]);
    expect(m.charts[1]!.peak).toBe(9);
  });

  it("keeps an application without data or window, drawn empty", () => {
    const m = toMultiples([app({ window: null, range: null, series: [series("restarts", [[0, 1]])] })]);
    expect(m.charts[0]!.hasData).toBe(false);
    expect(m.xDomain).toEqual([-1, 1]);
    expect(m.yMax).toBe(0);
  });
});
