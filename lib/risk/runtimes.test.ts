import { describe, expect, it } from "vitest";
import {
  compareRuntimes,
  endOfSupportDate,
  FLINK_RUNTIMES,
  isDowngrade,
  isEndOfSupport,
  isMajorJump,
  newerRuntimes,
  parseRuntime,
  runtimeLabel,
  runtimeSupport,
  skippedRuntimes,
} from "./runtimes";

const NOW = new Date("2026-05-01T00:00:00Z");

describe("parseRuntime", () => {
  it.each([
    ["FLINK-1_15", { kind: "flink", major: 1, minor: 15 }],
    ["FLINK-2_2", { kind: "flink", major: 2, minor: 2 }],
    ["FLINK-2_7", { kind: "flink", major: 2, minor: 7 }],
    ["SQL-1_0", { kind: "sql", major: 1, minor: 0 }],
    ["ZEPPELIN-FLINK-3_0", { kind: "studio", major: 3, minor: 0 }],
  ])("parses %s", (id, expected) => {
    expect(parseRuntime(id)).toEqual({ id, ...expected });
  });

  it.each(["", "FLINK", "FLINK-1.15", "SPARK-3_0"])("rejects %j", (id) => {
    expect(parseRuntime(id)).toBeNull();
  });
});

describe("compareRuntimes", () => {
  it("orders Flink versions numerically, not alphabetically", () => {
    const shuffled = ["FLINK-2_2", "FLINK-1_11", "FLINK-1_6", "FLINK-1_20", "FLINK-1_8", "FLINK-1_13"];
    expect([...shuffled].sort(compareRuntimes)).toEqual([
      "FLINK-1_6",
      "FLINK-1_8",
      "FLINK-1_11",
      "FLINK-1_13",
      "FLINK-1_20",
      "FLINK-2_2",
    ]);
  });

  it("keeps FLINK_RUNTIMES in ascending order", () => {
    expect([...FLINK_RUNTIMES].sort(compareRuntimes)).toEqual([...FLINK_RUNTIMES]);
  });

  it("places a future 2.x after 2.3", () => {
    expect(compareRuntimes("FLINK-2_10", "FLINK-2_3")).toBeGreaterThan(0);
  });

  it("is 0 for the same runtime", () => {
    expect(compareRuntimes("FLINK-1_18", "FLINK-1_18")).toBe(0);
  });

  it("sorts SQL, then Studio, then Flink, unknown strings first", () => {
    expect(["FLINK-1_6", "ZEPPELIN-FLINK-3_0", "bogus", "SQL-1_0"].sort(compareRuntimes)).toEqual([
      "bogus",
      "SQL-1_0",
      "ZEPPELIN-FLINK-3_0",
      "FLINK-1_6",
    ]);
  });
});

describe("isMajorJump / isDowngrade", () => {
  it("1.20 → 2.2 is a major jump, 1.15 → 1.20 and 2.2 → 2.3 are not", () => {
    expect(isMajorJump("FLINK-1_20", "FLINK-2_2")).toBe(true);
    expect(isMajorJump("FLINK-1_15", "FLINK-1_20")).toBe(false);
    expect(isMajorJump("FLINK-2_2", "FLINK-2_3")).toBe(false);
  });

  it("a Studio runtime never counts as a major jump", () => {
    expect(isMajorJump("ZEPPELIN-FLINK-1_0", "FLINK-2_2")).toBe(false);
  });

  it("2.2 → 1.20 is a downgrade, 1.20 → 2.2 and same → same are not", () => {
    expect(isDowngrade("FLINK-2_2", "FLINK-1_20")).toBe(true);
    expect(isDowngrade("FLINK-1_20", "FLINK-2_2")).toBe(false);
    expect(isDowngrade("FLINK-1_20", "FLINK-1_20")).toBe(false);
  });
});

describe("skippedRuntimes", () => {
  it("lists the MSF releases strictly between", () => {
    expect(skippedRuntimes("FLINK-1_13", "FLINK-2_2")).toEqual([
      "FLINK-1_15",
      "FLINK-1_18",
      "FLINK-1_19",
      "FLINK-1_20",
    ]);
  });

  it("is empty for adjacent releases and for non-Flink runtimes", () => {
    expect(skippedRuntimes("FLINK-1_20", "FLINK-2_2")).toEqual([]);
    expect(skippedRuntimes("SQL-1_0", "FLINK-2_2")).toEqual([]);
  });
});

describe("end of support", () => {
  it("knows the documented dates for 1.6, 1.8 and 1.11", () => {
    for (const runtime of ["FLINK-1_6", "FLINK-1_8", "FLINK-1_11"]) {
      expect(runtimeSupport(runtime)).toEqual({
        endOfSupport: "2025-02-05",
        endOfSupportIsolatedRegions: "2025-03-19",
        assumed: false,
      });
    }
  });

  it("marks runtimes without an AWS date as assumed supported", () => {
    expect(runtimeSupport("FLINK-1_15")).toMatchObject({ endOfSupport: null, assumed: true });
    expect(runtimeSupport("FLINK-9_9")).toMatchObject({ endOfSupport: null, assumed: true });
  });

  it("switches on the day, per Region", () => {
    expect(isEndOfSupport("FLINK-1_11", new Date("2025-02-04T23:59:59Z"))).toBe(false);
    expect(isEndOfSupport("FLINK-1_11", new Date("2025-02-05T00:00:00Z"))).toBe(true);
    expect(endOfSupportDate("FLINK-1_11", "us-gov-west-1")).toBe("2025-03-19");
    expect(isEndOfSupport("FLINK-1_11", new Date("2025-03-01T00:00:00Z"), "cn-northwest-1")).toBe(false);
    expect(isEndOfSupport("FLINK-1_20", NOW)).toBe(false);
  });
});

describe("newerRuntimes", () => {
  it("offers newer runtimes MSF still runs", () => {
    expect(newerRuntimes("FLINK-1_8", NOW)).toEqual([
      "FLINK-1_13",
      "FLINK-1_15",
      "FLINK-1_18",
      "FLINK-1_19",
      "FLINK-1_20",
      "FLINK-2_2",
      "FLINK-2_3",
    ]);
  });

  it("still offers 1.11 before its end of support", () => {
    expect(newerRuntimes("FLINK-1_8", new Date("2024-12-01T00:00:00Z"))[0]).toBe("FLINK-1_11");
  });

  it("offers nothing for Studio and SQL applications", () => {
    expect(newerRuntimes("ZEPPELIN-FLINK-3_0", NOW)).toEqual([]);
    expect(newerRuntimes("SQL-1_0", NOW)).toEqual([]);
  });

  it("offers only 2.3 from 2.2", () => {
    expect(newerRuntimes("FLINK-2_2", NOW)).toEqual(["FLINK-2_3"]);
  });
});

describe("runtimeLabel", () => {
  it.each([
    ["FLINK-2_2", "Flink 2.2"],
    ["ZEPPELIN-FLINK-3_0", "Studio 3.0"],
    ["SQL-1_0", "SQL 1.0"],
    ["weird", "weird"],
  ])("%s → %s", (id, label) => {
    expect(runtimeLabel(id)).toBe(label);
  });
});
