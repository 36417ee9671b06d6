import { describe, expect, it } from "vitest";
import { runtimeShare, upgradedAt, type ShareTarget } from "./runtime-share";

const at = (minute: number) => new Date(Date.UTC(2026, 11, 5, 10, minute)).toISOString();
const t = (minute: number) => Date.parse(at(minute));

describe("runtimeShare", () => {
  const targets: ShareTarget[] = [
    { fromRuntime: "FLINK-1_20", state: "SUCCEEDED", finishedAt: at(5) },
    { fromRuntime: "FLINK-1_15", state: "SUCCEEDED", finishedAt: at(10) },
    { fromRuntime: "FLINK-1_15", state: "FAILED", finishedAt: at(8) },
    { fromRuntime: "FLINK-1_15", state: "STARTED", finishedAt: null },
    { fromRuntime: "FLINK-1_20", state: "PENDING", finishedAt: null },
    { fromRuntime: "ZEPPELIN-FLINK-3_0", state: "SKIPPED", finishedAt: null },
  ];

  it("counts every application on its old runtime until its run ends with the target kept", () => {
    const share = runtimeShare(targets, "FLINK-2_2", { from: t(0), to: t(20) });
    expect(share.total).toBe(6);
    // Studio and SQL rank below every Flink runtime: they never move, so they sit at the bottom of the stack.
    expect(share.runtimes).toEqual(["ZEPPELIN-FLINK-3_0", "FLINK-1_15", "FLINK-1_20", "FLINK-2_2"]);
    expect(share.points.map((p) => p.t)).toEqual([t(0), t(5), t(10), t(20)]);
    expect(share.points[0]!.counts).toEqual({
      "FLINK-1_15": 3,
      "FLINK-1_20": 2,
      "ZEPPELIN-FLINK-3_0": 1,
      "FLINK-2_2": 0,
    });
    expect(share.points[1]!.counts).toMatchObject({ "FLINK-1_20": 1, "FLINK-2_2": 1 });
    expect(share.points[3]!.counts).toEqual({
      "FLINK-1_15": 2,
      "FLINK-1_20": 1,
      "ZEPPELIN-FLINK-3_0": 1,
      "FLINK-2_2": 2,
    });
  });

  it("keeps the total at every point", () => {
    const share = runtimeShare(targets, "FLINK-2_2", { from: t(0), to: t(20) });
    for (const p of share.points) expect(Object.values(p.counts).reduce((a, b) => a + b, 0)).toBe(6);
  });

  it("counts an application already on the target (skipped) there from the start", () => {
    const share = runtimeShare([{ fromRuntime: "FLINK-2_2", state: "SKIPPED", finishedAt: null }], "FLINK-2_2", {
      from: t(0),
      to: t(1),
    });
    expect(share.runtimes).toEqual(["FLINK-2_2"]);
    expect(share.points.every((p) => p.counts["FLINK-2_2"] === 1)).toBe(true);
  });

  it("ignores upgrades outside the window but counts those before it as done", () => {
    const share = runtimeShare(
      [
        { fromRuntime: "FLINK-1_20", state: "SUCCEEDED", finishedAt: at(1) },
        { fromRuntime: "FLINK-1_20", state: "SUCCEEDED", finishedAt: at(30) },
      ],
      "FLINK-2_2",
      { from: t(2), to: t(10) },
    );
    expect(share.points.map((p) => p.t)).toEqual([t(2), t(10)]);
    expect(share.points[0]!.counts).toEqual({ "FLINK-1_20": 1, "FLINK-2_2": 1 });
  });

  it("has one point when the window is empty, and orders a reversed window", () => {
    expect(runtimeShare([], "FLINK-2_2", { from: t(3), to: t(3) }).points).toEqual([
      { t: t(3), counts: { "FLINK-2_2": 0 } },
    ]);
    expect(runtimeShare([], "FLINK-2_2", { from: t(5), to: t(3) }).points.map((p) => p.t)).toEqual([t(3), t(5)]);
  });
});

describe("upgradedAt", () => {
  it("is the end of a run that kept the new runtime, including a late failure", () => {
    expect(upgradedAt({ fromRuntime: "FLINK-1_20", state: "UNVERIFIED", finishedAt: at(4) })).toBe(t(4));
    expect(upgradedAt({ fromRuntime: "FLINK-1_20", state: "LATE_FAILED", finishedAt: at(4) })).toBe(t(4));
  });

  it("is null for failed, cancelled, running and unreadable ones", () => {
    expect(upgradedAt({ fromRuntime: "FLINK-1_20", state: "FAILED", finishedAt: at(4) })).toBeNull();
    expect(upgradedAt({ fromRuntime: "FLINK-1_20", state: "CANCELLED", finishedAt: at(4) })).toBeNull();
    expect(upgradedAt({ fromRuntime: "FLINK-1_20", state: "STARTED", finishedAt: null })).toBeNull();
    expect(upgradedAt({ fromRuntime: "FLINK-1_20", state: "SUCCEEDED", finishedAt: "not a date" })).toBeNull();
  });
});
