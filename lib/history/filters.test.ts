import { describe, expect, it } from "vitest";
import { dateBounds, filtersOnly, hasFilters, historyFiltersToQuery, parseHistoryFilters } from "./filters";
import { historyWhere } from "./where";

describe("history filters", () => {
  it("parses comma lists and defaults to newest first", () => {
    const f = parseHistoryFilters({ outcome: "FAILED,ROLLED_BACK", region: "eu-west-1" });
    expect(f.outcome).toEqual(["FAILED", "ROLLED_BACK"]);
    expect(f.region).toEqual(["eu-west-1"]);
    expect(f).toMatchObject({ sort: "createdAt", dir: "desc", page: 1, pageSize: 25 });
    expect(hasFilters(f)).toBe(true);
    expect(hasFilters(parseHistoryFilters({}))).toBe(false);
  });

  it("drops what a hand-edited URL gets wrong instead of failing", () => {
    const f = parseHistoryFilters({
      outcome: "SUCCEEDED,EXPLODED",
      from: "yesterday",
      to: "2026-13-45",
      sort: "bogus",
      page: "0",
      pageSize: "9999",
      dir: "up",
    });
    expect(f.outcome).toEqual(["SUCCEEDED"]);
    expect(f.from).toBeUndefined();
    expect(f.to).toBeUndefined();
    expect(f).toMatchObject({ sort: "createdAt", dir: "desc", page: 1, pageSize: 25 });
  });

  it("round-trips through the query string", () => {
    const f = parseHistoryFilters({
      outcome: "IN_PROGRESS",
      runtime: "FLINK-2_2",
      team: "commerce,risk",
      who: "a@example.com",
      from: "2026-11-01",
      to: "2026-11-30",
      sort: "appName",
      dir: "asc",
      page: "3",
    });
    expect(parseHistoryFilters(Object.fromEntries(new URLSearchParams(historyFiltersToQuery(f))))).toEqual(f);
  });

  it("the export link keeps the filters and drops sort and paging", () => {
    const f = parseHistoryFilters({ region: "us-east-1", page: "4", sort: "region" });
    expect(historyFiltersToQuery(filtersOnly(f))).toBe("region=us-east-1");
  });

  it("date range covers both whole UTC days", () => {
    expect(dateBounds({ from: "2026-11-02", to: "2026-11-08" })).toEqual({
      gte: new Date("2026-11-02T00:00:00Z"),
      lt: new Date("2026-11-09T00:00:00Z"),
    });
    expect(dateBounds({})).toEqual({});
  });
});

describe("history SQL filter", () => {
  it("maps IN_PROGRESS to runs without an outcome, next to stored outcomes", () => {
    const where = historyWhere(parseHistoryFilters({ outcome: "FAILED,IN_PROGRESS" }));
    expect(where).toEqual({ AND: [{ OR: [{ outcome: { in: ["FAILED"] } }, { outcome: null }] }] });
  });

  it("matches a runtime on either side of the upgrade", () => {
    const where = historyWhere(parseHistoryFilters({ runtime: "FLINK-1_20" }));
    expect(where).toEqual({
      AND: [{ OR: [{ fromRuntime: { in: ["FLINK-1_20"] } }, { toRuntime: { in: ["FLINK-1_20"] } }] }],
    });
  });

  it("tells upgrades made outside the dashboard from its own runs; an unknown source is ignored", () => {
    expect(historyWhere(parseHistoryFilters({ source: "outside" }))).toEqual({ AND: [{ kind: "OUTSIDE" }] });
    expect(historyWhere(parseHistoryFilters({ source: "dashboard" }))).toEqual({
      AND: [{ kind: { not: "OUTSIDE" } }],
    });
    expect(historyWhere(parseHistoryFilters({ source: "terraform" }))).toEqual({ AND: [] });
  });

  it("a team with no application matches nothing rather than everything", () => {
    expect(historyWhere(parseHistoryFilters({ team: "nobody" }), [])).toEqual({ AND: [{ id: { in: [] } }] });
    expect(
      historyWhere(parseHistoryFilters({ team: "commerce" }), [
        { account: "123456789012", region: "us-east-1", name: "orders-enricher" },
      ]),
    ).toEqual({ AND: [{ OR: [{ account: "123456789012", region: "us-east-1", appName: "orders-enricher" }] }] });
  });
});
