import { describe, expect, it } from "vitest";
import type { ChartPoint, RunChartData } from "./chart-types";
import { packPoints, packRunChartData, unpackPoints, unpackRunChartData } from "./packed-chart-data";

const at = (s: number) => new Date(Date.UTC(2026, 11, 6, 8, 30, 0) + s * 1000).toISOString();

function window(): RunChartData {
  const restarts: ChartPoint[] = Array.from({ length: 720 }, (_, i) => ({
    t: at(i * 5),
    v: i % 7 === 0 ? 1 : 0,
    metric: i < 300 ? "fullRestarts" : "numRestarts",
  }));
  const duration: ChartPoint[] = [
    { t: at(0), v: 1234.5, metric: "lastCheckpointDuration" },
    { t: at(60), v: 0.001, metric: "lastCheckpointDuration" },
    { t: at(65), v: -2, metric: "lastCheckpointDuration" },
  ];
  const series = (signal: "restarts" | "checkpointDuration", points: ChartPoint[]) => ({
    signal,
    label: signal,
    unit: "Count" as const,
    points,
    nameChanges: [],
    note: null,
  });
  return {
    source: "stored",
    period: 5,
    requestedPeriod: 5,
    coarserReason: null,
    range: { start: at(0), end: at(3600) },
    series: [series("restarts", restarts), series("checkpointDuration", duration), series("restarts", [])],
    window: { from: at(600), to: at(1800) },
    baseline: { checkpointDurationMs: 1200 },
    events: [{ at: at(600), label: "update" }],
    problems: [],
  };
}

describe("a stored chart window packed for its page", () => {
  it("comes back exactly as it was: times, values, the metric of every point, empty series", () => {
    const data = window();
    expect(unpackRunChartData(JSON.parse(JSON.stringify(packRunChartData(data))))).toEqual(data);
  });

  it("is a fraction of its size as JSON", () => {
    const data = window();
    expect(JSON.stringify(packRunChartData(data)).length).toBeLessThan(JSON.stringify(data).length / 4);
  });

  it("keeps points whose times are not in toISOString's form as they are", () => {
    const odd: ChartPoint[] = [{ t: "2026-12-06T08:30:00Z", v: 1, metric: "m" }];
    expect(packPoints(odd)).toBe(odd);
    expect(unpackPoints(packPoints(odd))).toEqual(odd);
  });
});
