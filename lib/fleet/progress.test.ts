import { describe, expect, it } from "vitest";
import { runtimeShares } from "./progress";

const at = (h: number) => new Date(Date.UTC(2026, 10, 23, h));
const sync = (h: number, counts: Record<string, number> | string) => ({
  finishedAt: at(h),
  runtimeCounts: typeof counts === "string" ? counts : JSON.stringify(counts),
});

describe("fleet progress", () => {
  it("gives each sync the share of every runtime, in percent, oldest runtime first", () => {
    const progress = runtimeShares([
      sync(2, { "FLINK-1_20": 2, "FLINK-2_2": 2 }),
      sync(1, { "FLINK-1_15": 1, "FLINK-1_20": 3 }),
    ]);
    expect(progress.runtimes).toEqual(["FLINK-1_15", "FLINK-1_20", "FLINK-2_2"]);
    expect(progress.points.map((p) => p.t)).toEqual([at(1).getTime(), at(2).getTime()]);
    expect(progress.points[0]).toMatchObject({
      total: 4,
      shares: { "FLINK-1_15": 25, "FLINK-1_20": 75, "FLINK-2_2": 0 },
    });
    expect(progress.points[1]).toMatchObject({
      total: 4,
      shares: { "FLINK-1_15": 0, "FLINK-1_20": 50, "FLINK-2_2": 50 },
    });
    for (const p of progress.points) expect(Object.values(p.shares).reduce((a, b) => a + b, 0)).toBeCloseTo(100);
  });

  it("skips syncs that saw nothing or stored something unreadable", () => {
    const progress = runtimeShares([
      sync(1, {}),
      sync(2, "not json"),
      sync(3, "[1,2]"),
      sync(4, { "FLINK-2_2": 5, "FLINK-1_8": 0 }),
    ]);
    expect(progress.points).toHaveLength(1);
    expect(progress.runtimes).toEqual(["FLINK-2_2"]);
    expect(progress.points[0]!.shares).toEqual({ "FLINK-2_2": 100 });
  });

  it("thins many syncs to at most maxPoints, keeping the newest of each slice and the last sync", () => {
    const syncs = Array.from({ length: 100 }, (_, i) => ({
      finishedAt: new Date(at(0).getTime() + i * 60_000),
      runtimeCounts: JSON.stringify({ "FLINK-1_20": 100 - i, "FLINK-2_2": i }),
    }));
    const progress = runtimeShares(syncs, 10);
    expect(progress.points.length).toBeLessThanOrEqual(10);
    expect(progress.points.length).toBeGreaterThanOrEqual(9);
    expect(progress.points.at(-1)!.counts).toEqual({ "FLINK-1_20": 1, "FLINK-2_2": 99 });
    const times = progress.points.map((p) => p.t);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("no syncs: nothing to draw", () => {
    expect(runtimeShares([])).toEqual({ runtimes: [], points: [] });
  });
});
