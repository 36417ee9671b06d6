import { describe, expect, it } from "vitest";
import {
  axisScale,
  formatExact,
  formatTick,
  layoutMarks,
  medianBefore,
  niceAxis,
  timeTickFormat,
  timeTicks,
  zoomDomain,
  estimateLabelPx,
  tickStride,
  positionsOn,
} from "./chart-format";

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

  it("y axes start at 0 and step in round numbers, whole ones for counts", () => {
    expect(niceAxis(2.2, false)).toEqual({ max: 3, ticks: [0, 1, 2, 3] });
    expect(niceAxis(1.8, false)).toEqual({ max: 2, ticks: [0, 0.5, 1, 1.5, 2] });
    expect(niceAxis(32, false)).toEqual({ max: 40, ticks: [0, 10, 20, 30, 40] });
    expect(niceAxis(3, true)).toEqual({ max: 3, ticks: [0, 1, 2, 3] });
    expect(niceAxis(0, true)).toEqual({ max: 4, ticks: [0, 1, 2, 3, 4] });
    expect(niceAxis(117, false).ticks).toEqual([0, 50, 100, 150]);
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

  it("time ticks are round local times, at most seven, formatted for their step", () => {
    const at = (h: number, m = 0, sec = 0) => new Date(2026, 10, 23, h, m, sec).getTime();
    const short = timeTicks([at(10, 3, 7), at(10, 9, 40)]);
    expect(short.stepMs).toBe(60_000);
    expect(short.ticks).toEqual([at(10, 4), at(10, 5), at(10, 6), at(10, 7), at(10, 8), at(10, 9)]);
    expect(timeTicks([at(9, 40), at(12, 50)]).ticks).toEqual([
      at(10),
      at(10, 30),
      at(11),
      at(11, 30),
      at(12),
      at(12, 30),
    ]);
    const day = timeTicks([at(7, 15), at(7, 15) + 86_400_000]);
    expect(day.stepMs).toBe(6 * 3600_000);
    expect(day.ticks).toEqual([
      at(12),
      at(18),
      new Date(2026, 10, 24, 0).getTime(),
      new Date(2026, 10, 24, 6).getTime(),
    ]);
    const week = timeTicks([at(16), at(16) + 7 * 86_400_000]);
    expect(week.ticks).toHaveLength(7);
    expect(week.ticks.every((t) => new Date(t).getHours() === 0)).toBe(true);

    const t = new Date(2026, 11, 6, 14, 5, 30).getTime(); // a Sunday, in the zone the tests run in
    expect(timeTickFormat(5 * 60_000, 60_000)(t)).toBe("14:05");
    expect(timeTickFormat(60_000, 10_000)(t)).toBe("14:05:30");
    expect(timeTickFormat(3 * 3600_000, 1800_000)(t)).toBe("14:05");
    expect(timeTickFormat(3 * 86_400_000, 6 * 3600_000)(t)).toBe("Sun 14:05");
    expect(timeTickFormat(7 * 86_400_000, 86_400_000)(t)).toBe("Sun 6 Dec");
  });
});

describe("event labels", () => {
  const domain = [0, 1000] as const;

  it("labels far apart share the top row", () => {
    const placed = layoutMarks(
      [
        { t: 100, label: "update" },
        { t: 500, label: "RUNNING" },
      ],
      domain,
    );
    expect(placed.map((m) => [m.row, m.text])).toEqual([
      [0, "update"],
      [0, "RUNNING"],
    ]);
  });

  it("labels close together go to the next rows, then fall back to their short form, then to none", () => {
    const marks = ["snapshot ready", "update called", "RUNNING", "verdict: UNHEALTHY"].map((label, i) => ({
      t: 100 + i * 20,
      label,
    }));
    const placed = layoutMarks([...marks, { t: 300, label: "rollback" }], domain);
    expect(placed.map((m) => m.row)).toEqual([0, 1, 2, 3, 0]);
    expect(placed.map((m) => m.text)).toEqual(["snapshot ready", "update called", "RUNNING", "4", "rollback"]);
    const crowded = layoutMarks(
      Array.from({ length: 9 }, (_, i) => ({
        t: 100 + i * 10,
        label: `a long label number ${i}`,
        short: "a long short form",
      })),
      domain,
    );
    expect(crowded.at(-1)!.text).toBe("");
  });

  it("marks a few pixels apart share one line and one label; other groups keep their own", () => {
    const placed = layoutMarks(
      [
        { t: 100, label: "snapshot ready", group: "e" },
        { t: 101, label: "update", group: "e" },
        { t: 101, label: "fullRestarts → numRestarts", group: "n" },
      ],
      domain,
    );
    expect(placed.map((m) => [m.text, m.members, m.row])).toEqual([
      ["snapshot ready · update", 2, 0],
      ["fullRestarts → numRestarts", 1, 1],
    ]);
  });

  it("labels in the right third, or too long to fit on the right, grow to the left so they stay inside the chart", () => {
    const [left, right] = layoutMarks(
      [
        { t: 100, label: "update" },
        { t: 990, label: "verdict" },
      ],
      domain,
    );
    expect(left!.anchor).toBe("start");
    expect(right!.anchor).toBe("end");
    expect(
      layoutMarks([{ t: 600, label: "fullRestarts → numRestarts · numRestarts → fullRestarts" }], domain)[0]!.anchor,
    ).toBe("end");
  });

  it("keeps the caller's fields and returns the marks in time order", () => {
    const placed = layoutMarks(
      [
        { t: 700, label: "b", kind: "x" },
        { t: 50, label: "a", kind: "y" },
      ],
      domain,
    );
    expect(placed.map((m) => [m.label, m.kind])).toEqual([
      ["a", "y"],
      ["b", "x"],
    ]);
  });
});

describe("zoom around the upgrade", () => {
  const hour = 3600_000;
  it("shows the window with as much context as it is long, at least four datapoints each side", () => {
    expect(zoomDomain([0, hour + 600_000], { from: hour, to: hour + 300_000 }, 10)).toEqual([
      hour - 300_000,
      hour + 600_000,
    ]);
    expect(zoomDomain([0, hour + 20_000], { from: hour, to: hour + 10_000 }, 30)).toEqual([
      hour - 120_000,
      hour + 20_000,
    ]);
  });

  it("an open window runs to the end of the range", () => {
    expect(zoomDomain([0, hour + 60_000], { from: hour, to: null }, 10)).toEqual([hour - 60_000, hour + 60_000]);
  });

  it("no zoom without a window, or when the window is most of the range already", () => {
    expect(zoomDomain([0, hour], null, 10)).toBeNull();
    expect(zoomDomain([0, hour], { from: 0.3 * hour, to: 0.9 * hour }, 10)).toBeNull();
  });
});

describe("baseline", () => {
  it("is the median of the hour before the window, ignoring what came after", () => {
    const hour = 3600_000;
    const points = [
      { t: 0, v: 100 },
      { t: hour + 10, v: 1 },
      { t: hour + 20, v: 3 },
      { t: hour + 30, v: 2 },
      { t: 2 * hour + 1, v: 999 },
    ];
    expect(medianBefore(points, 2 * hour)).toBe(2);
    expect(medianBefore(points, 0)).toBeNull();
  });
});

describe("tick labels without measuring text", () => {
  it("labels every tick when they fit, every other one when they would touch", () => {
    const labels = ["06:00", "12:00", "18:00", "00:00"];
    expect(tickStride(labels, 80)).toBe(1);
    expect(tickStride(labels, 30)).toBe(2);
    expect(tickStride(labels, 14)).toBe(4);
  });

  it("sizes by the widest label", () => {
    expect(tickStride(["Sat", "Sun 12:00"], 50)).toBe(2);
    expect(estimateLabelPx("Sun 12:00")).toBeGreaterThan(estimateLabelPx("12:00"));
  });

  it("labels a lone tick, and every tick when the axis has no width yet", () => {
    expect(tickStride(["06:00"], 0)).toBe(1);
    expect(tickStride(["06:00", "12:00"], 0)).toBe(1);
  });
});

describe("grid lines placed without recharts measuring", () => {
  it("maps values onto the plot, bottom-up for a value axis, leaving out what falls outside", () => {
    expect(positionsOn([0, 50, 100, 150], [0, 100], 10, 200)).toEqual([10, 110, 210]);
    expect(positionsOn([0, 25, 100], [0, 100], 5, 100, true)).toEqual([105, 80, 5]);
  });

  it("draws nothing on an empty domain", () => {
    expect(positionsOn([1, 2], [5, 5], 0, 100)).toEqual([]);
  });
});
