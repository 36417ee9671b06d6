import { afterEach, describe, expect, it } from "vitest";
import { formatAge, formatDuration, formatLocalTime, formatNumber, formatOrdinal, formatRuntime } from "./format";

describe("format", () => {
  const now = new Date("2026-11-23T12:00:00Z");
  it("ages", () => {
    expect(formatAge(new Date("2026-11-23T11:59:30Z"), now)).toBe("30 s ago");
    expect(formatAge(new Date("2026-11-23T11:15:00Z"), now)).toBe("45 min ago");
    expect(formatAge(new Date("2026-10-13T12:00:00Z"), now)).toBe("41 days ago");
    expect(formatAge(null, now)).toBe("—");
  });
  it("durations", () => {
    expect(formatDuration(450)).toBe("450 ms");
    expect(formatDuration(4200)).toBe("4.2 s");
    expect(formatDuration(125_000)).toBe("2 min 5 s");
  });
  it("runtimes", () => {
    expect(formatRuntime("FLINK-1_15")).toBe("Flink 1.15");
    expect(formatRuntime("FLINK-2_2")).toBe("Flink 2.2");
    expect(formatRuntime("SQL-1_0")).toBe("SQL-1_0");
  });
});

describe("formatOrdinal", () => {
  it("says 1st, 2nd, 3rd, and th for the teens of every hundred", () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111, 112, 113].map(formatOrdinal)).toEqual([
      "1st",
      "2nd",
      "3rd",
      "4th",
      "11th",
      "12th",
      "13th",
      "21st",
      "22nd",
      "101st",
      "111th",
      "112th",
      "113th",
    ]);
  });
});

describe("numbers without Intl", () => {
  it("reads as Intl.NumberFormat en-US does", () => {
    const values = [
      0,
      3,
      4.55,
      12.34,
      99.96,
      100,
      812,
      1234.5678,
      12_345,
      157_286_400,
      -4_550.25,
      -4.55,
      0.0004,
      4e-7,
      1e9 + 0.4,
    ];
    for (const digits of [0, 1, 3]) {
      const intl = new Intl.NumberFormat("en-US", { maximumFractionDigits: digits });
      for (const v of values) expect(formatNumber(v, digits), `${v} to ${digits}`).toBe(intl.format(v));
    }
  });
});

describe("local times without Intl", () => {
  const zone = process.env.TZ;
  afterEach(() => {
    process.env.TZ = zone;
  });

  it("shows the instant in the reader's zone, half-hour offsets and date changes included", () => {
    process.env.TZ = "Asia/Kolkata";
    expect(formatLocalTime(new Date("2026-12-06T20:42:07Z"))).toBe("2026-12-07 02:12:07");
    expect(formatLocalTime(new Date("2026-12-06T20:42:07Z"), "time")).toBe("02:12:07");
    process.env.TZ = "America/New_York";
    expect(formatLocalTime(new Date("2026-03-01T04:05:06Z"))).toBe("2026-02-28 23:05:06");
  });
});
