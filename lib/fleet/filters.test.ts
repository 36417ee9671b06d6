import { describe, expect, it } from "vitest";
import { fleetFiltersToQuery, parseFleetFilters } from "./filters";

describe("fleet filters", () => {
  it("parses comma lists and defaults", () => {
    const f = parseFleetFilters({ runtime: "FLINK-1_15,FLINK-1_18", risk: "high" });
    expect(f.runtime).toEqual(["FLINK-1_15", "FLINK-1_18"]);
    expect(f.risk).toEqual(["high"]);
    expect(f.sort).toBe("riskScore");
    expect(f.dir).toBe("desc");
    expect(f.page).toBe(1);
  });

  it("falls back instead of failing on a hand-edited URL", () => {
    const f = parseFleetFilters({ sort: "bogus", page: "-3", pageSize: "100000", dir: "sideways" });
    expect(f).toMatchObject({ sort: "riskScore", page: 1, pageSize: 25, dir: "desc" });
  });

  it("round-trips through the query string", () => {
    const f = parseFleetFilters({ q: "orders", region: "eu-west-1", tag: "env=prod", page: "2" });
    const again = parseFleetFilters(Object.fromEntries(new URLSearchParams(fleetFiltersToQuery(f))));
    expect(again).toEqual(f);
  });
});
