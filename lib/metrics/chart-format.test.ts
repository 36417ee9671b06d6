import { describe, expect, it } from "vitest";
import { axisScale, formatExact, formatTick, layoutMarks, medianBefore, timeTickOptions } from "./chart-format";

describe("chart axes", () => {
  it("moves milliseconds to s, min, h and d as the values grow", () => {
    expect(axisScale("Milliseconds", 800)).toEqual({ divisor: 1, suffix: "ms" });
    expect(axisScale("Milliseconds", 4_500)).toEqual({ divisor: 1000, suffix: "s" });
    expect(axisScale("Milliseconds", 10 * 60_000)).toEqual({ divisor: 60_000, suffix: "min" });
    expect(axisScale("Milliseconds", 5 * 3600_000)).toEqual({ divisor: 3600_000, suffix: "h" });
    expect(axisScale("Milliseconds", 9 * 86_400_000)).toEqual({ divisor: 86_400_000, suffix: "d" });
  });

  it("shows bytes as MiB (GiB when huge), percent and counts as they are", () => {
    expect(axisScale("Bytes", 300 * 1024 * 1024)).toEqual({ divisor: 1024 * 1024, suffix: "MiB" });
    expect(axisScale("Bytes", 40 * 1024 ** 3)).toEqual({ divisor: 1024 ** 3, suffix: "GiB" });
    expect(axisScale("Percent", 55).suffix).toBe("%");
    expect(axisScale("Count", 3).suffix).toBe("count");
  });

  it("ticks have at most one decimal in the axis unit", () => {
    expect(formatTick(4_550, { divisor: 1000, suffix: "s" })).toBe("4.6");
    expect(formatTick(250 * 1024 * 1024, { divisor: 1024 * 1024, suffix: "MiB" })).toBe("250");
  });

  it("tooltips give the exact value and a readable equivalent", () => {
    expect(formatExact("Milliseconds", 812)).toBe("812 ms");
    expect(formatExact("Milliseconds", 12_345)).toBe("12,345 ms (12.3 s)");
    expect(formatExact("Bytes", 157_286_400)).toBe("157,286,400 bytes (150 MiB)");
    expect(formatExact("Count", 3)).toBe("3");
    expect(formatExact("Percent", 41.25)).toBe("41.25 %");
  });

  it("time ticks show seconds for short windows and the weekday for a week", () => {
    expect(timeTickOptions(5 * 60_000)).toHaveProperty("second");
    expect(timeTickOptions(3 * 3600_000)).not.toHaveProperty("second");
    expect(timeTickOptions(3 * 3600_000)).not.toHaveProperty("weekday");
    expect(timeTickOptions(7 * 86_400_000)).toHaveProperty("weekday");
  });
});

describe("event labels", () => {
  const domain = [0, 1000] as const;

  it("labels far apart share the top row", () => {
    const placed = layoutMarks([{ t: 100, label: "update" }, { t: 500, label: "RUNNING" }], domain);
    expect(placed.map((m) => [m.row, m.text])).toEqual([[0, "update"], [0, "RUNNING"]]);
  });

  it("labels close together go to the next rows, then fall back to their short form", () => {
    const marks = ["snapshot ready", "update called", "RUNNING", "verdict: UNHEALTHY"].map((label, i) => ({ t: 100 + i, label }));
    const placed = layoutMarks(marks, domain);
    expect(placed.map((m) => m.row)).toEqual([0, 1, 2, 0]);
    expect(placed.map((m) => m.text)).toEqual(["snapshot ready", "update called", "RUNNING", "4"]);
    expect(layoutMarks([...marks.slice(0, 3), { ...marks[3]!, short: "v" }], domain)[3]!.text).toBe("v");
  });

  it("labels in the right third grow to the left so they stay inside the chart", () => {
    const [left, right] = layoutMarks([{ t: 100, label: "update" }, { t: 990, label: "verdict" }], domain);
    expect(left!.anchor).toBe("start");
    expect(right!.anchor).toBe("end");
  });

  it("keeps the caller's fields and returns the marks in time order", () => {
    const placed = layoutMarks([{ t: 700, label: "b", kind: "x" }, { t: 50, label: "a", kind: "y" }], domain);
    expect(placed.map((m) => [m.label, m.kind])).toEqual([["a", "y"], ["b", "x"]]);
  });
});

describe("baseline", () => {
  it("is the median of the hour before the window, ignoring what came after", () => {
    const hour = 3600_000;
    const points = [{ t: 0, v: 100 }, { t: hour + 10, v: 1 }, { t: hour + 20, v: 3 }, { t: hour + 30, v: 2 }, { t: 2 * hour + 1, v: 999 }];
    expect(medianBefore(points, 2 * hour)).toBe(2);
    expect(medianBefore(points, 0)).toBeNull();
  });
});
