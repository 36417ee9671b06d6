import { describe, expect, it } from "vitest";
import type { HistoryRunFields } from "./rows";
import { median, periodStats, summarizeRuns, timeToDetectMs, timeToRollbackMs, weekStartOf } from "./summary";

const t = (iso: string) => new Date(iso);
let n = 0;
function run(o: Partial<HistoryRunFields> & { createdAt: Date }): HistoryRunFields {
  return {
    id: `r${n++}`,
    kind: "UPGRADE",
    account: "123456789012",
    region: "us-east-1",
    appName: "app",
    fromRuntime: "FLINK-1_20",
    toRuntime: "FLINK-2_2",
    initiatedBy: "a@example.com",
    finishedAt: null,
    state: "DONE",
    outcome: "SUCCEEDED",
    verdict: "HEALTHY",
    rolledBackBy: null,
    updateCalledAt: null,
    runningAt: null,
    verdictAt: null,
    rollbackRequestedAt: null,
    rollbackCalledAt: null,
    faultClass: null,
    rootCause: null,
    approval: null,
    decidedBy: null,
    approvalNote: null,
    campaignId: null,
    ...o,
  };
}

describe("median", () => {
  it("takes the middle value, or the mean of the two middle ones", () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe("weeks", () => {
  it("start on Monday 00:00 UTC", () => {
    expect(weekStartOf(t("2026-11-23T08:00:00Z")).toISOString()).toBe("2026-11-23T00:00:00.000Z"); // a Monday
    expect(weekStartOf(t("2026-11-29T23:59:59Z")).toISOString()).toBe("2026-11-23T00:00:00.000Z"); // Sunday
    expect(weekStartOf(t("2026-11-30T00:00:00Z")).toISOString()).toBe("2026-11-30T00:00:00.000Z");
  });
});

describe("time to detect and to roll back", () => {
  it("detect = UNHEALTHY verdict − RUNNING; other verdicts do not count", () => {
    expect(
      timeToDetectMs({
        verdict: "UNHEALTHY",
        runningAt: t("2026-11-23T10:00:00Z"),
        verdictAt: t("2026-11-23T10:00:45Z"),
      }),
    ).toBe(45_000);
    expect(
      timeToDetectMs({
        verdict: "HEALTHY",
        runningAt: t("2026-11-23T10:00:00Z"),
        verdictAt: t("2026-11-23T10:05:00Z"),
      }),
    ).toBeNull();
    expect(timeToDetectMs({ verdict: "UNHEALTHY", runningAt: null, verdictAt: t("2026-11-23T10:05:00Z") })).toBeNull();
  });

  it("roll back = our call − the UNHEALTHY verdict, or − the engineer's request; MSF's own rollbacks are left out", () => {
    const base = {
      verdict: "UNHEALTHY",
      verdictAt: t("2026-11-23T10:01:00Z"),
      rollbackRequestedAt: t("2026-11-23T10:03:00Z"),
      rollbackCalledAt: t("2026-11-23T10:03:10Z"),
      rolledBackBy: "priya",
    };
    expect(timeToRollbackMs(base)).toBe(130_000);
    expect(timeToRollbackMs({ ...base, verdict: "HEALTHY" })).toBe(10_000);
    expect(timeToRollbackMs({ ...base, rolledBackBy: "MSF" })).toBeNull();
    expect(timeToRollbackMs({ ...base, rollbackCalledAt: null })).toBeNull();
  });
});

describe("manager summary", () => {
  const runs = [
    // week of 16 Nov: one success (10 min), one auto rollback by us (detected in 40 s, rolled back 5 s later)
    run({ createdAt: t("2026-11-16T09:00:00Z"), finishedAt: t("2026-11-16T09:10:00Z") }),
    run({
      createdAt: t("2026-11-18T09:00:00Z"),
      finishedAt: t("2026-11-18T09:20:00Z"),
      outcome: "ROLLED_BACK",
      verdict: "UNHEALTHY",
      rolledBackBy: "auto",
      runningAt: t("2026-11-18T09:05:00Z"),
      verdictAt: t("2026-11-18T09:05:40Z"),
      rollbackRequestedAt: t("2026-11-18T09:05:40Z"),
      rollbackCalledAt: t("2026-11-18T09:05:45Z"),
    }),
    // week of 23 Nov: MSF rolled back, one FAILED, one still running, one stand-alone rollback
    run({
      createdAt: t("2026-11-23T09:00:00Z"),
      finishedAt: t("2026-11-23T09:04:00Z"),
      outcome: "AUTO_ROLLED_BACK",
      verdict: null,
      rolledBackBy: "MSF",
      rollbackCalledAt: t("2026-11-23T09:03:00Z"),
    }),
    run({
      createdAt: t("2026-11-24T09:00:00Z"),
      finishedAt: t("2026-11-24T09:00:30Z"),
      outcome: "FAILED",
      verdict: null,
    }),
    run({ createdAt: t("2026-11-25T09:00:00Z"), state: "ACTIVE", outcome: null, verdict: null }),
    run({
      createdAt: t("2026-11-25T10:00:00Z"),
      kind: "ROLLBACK",
      finishedAt: t("2026-11-25T10:02:00Z"),
      outcome: "ROLLED_BACK",
    }),
  ];

  it("rates are over finished upgrades; in-progress runs count as runs only", () => {
    const s = summarizeRuns(runs);
    expect(s.standaloneRollbacks).toBe(1);
    expect(s.overall).toMatchObject({
      runs: 5,
      finished: 4,
      succeeded: 1,
      failedChanges: 3,
      successRate: 0.25,
      changeFailureRate: 0.75,
    });
    // durations 10, 20, 4 min and 30 s → median of [0.5, 4, 10, 20] min = 7 min
    expect(s.overall.medianDurationMs).toBe(7 * 60_000);
    expect(s.overall).toMatchObject({
      medianTimeToDetectMs: 40_000,
      detections: 1,
      medianTimeToRollbackMs: 5_000,
      rollbacks: 1,
    });
  });

  it("requests never approved changed nothing: they are runs, not finished changes", () => {
    const unapproved = ["REJECTED", "EXPIRED", "VOIDED", "CANCELLED"].map((outcome) =>
      run({ createdAt: t("2026-11-24T09:00:00Z"), finishedAt: t("2026-11-24T10:00:00Z"), outcome, verdict: null }),
    );
    expect(summarizeRuns([...runs, ...unapproved]).overall).toMatchObject({ runs: 9, finished: 4, successRate: 0.25 });
  });

  it("groups by the week the run started, oldest first", () => {
    const s = summarizeRuns(runs);
    expect(s.weeks.map((w) => w.weekStart)).toEqual(["2026-11-16", "2026-11-23"]);
    expect(s.weeks[0]).toMatchObject({
      runs: 2,
      finished: 2,
      successRate: 0.5,
      changeFailureRate: 0.5,
      medianDurationMs: 15 * 60_000,
    });
    expect(s.weeks[1]).toMatchObject({
      runs: 3,
      finished: 2,
      successRate: 0,
      changeFailureRate: 1,
      medianTimeToDetectMs: null,
      medianTimeToRollbackMs: null,
    });
  });

  it("keeps empty weeks between busy ones and caps the number of weeks", () => {
    const spread = [
      run({ createdAt: t("2026-10-05T09:00:00Z"), finishedAt: t("2026-10-05T09:01:00Z") }),
      run({ createdAt: t("2026-11-02T09:00:00Z"), finishedAt: t("2026-11-02T09:01:00Z") }),
    ];
    const s = summarizeRuns(spread);
    expect(s.weeks.map((w) => w.weekStart)).toEqual([
      "2026-10-05",
      "2026-10-12",
      "2026-10-19",
      "2026-10-26",
      "2026-11-02",
    ]);
    expect(s.weeks[1]).toMatchObject({ runs: 0, successRate: null, medianDurationMs: null });
    expect(summarizeRuns(spread, 2).weeks.map((w) => w.weekStart)).toEqual(["2026-10-26", "2026-11-02"]);
  });

  it("no runs: no weeks and no rates", () => {
    expect(summarizeRuns([])).toEqual({ overall: periodStats([]), weeks: [], standaloneRollbacks: 0 });
    expect(periodStats([])).toMatchObject({
      runs: 0,
      successRate: null,
      changeFailureRate: null,
      medianDurationMs: null,
    });
  });
});

describe("upgrades made outside the dashboard", () => {
  it("are changes like any other, and are counted apart", () => {
    const stats = periodStats([
      run({ createdAt: t("2026-12-01T10:00:00Z") }),
      run({ createdAt: t("2026-12-01T11:00:00Z"), kind: "OUTSIDE", outcome: "AUTO_ROLLED_BACK", rolledBackBy: "MSF" }),
    ]);
    expect(stats).toMatchObject({ runs: 2, outside: 1, finished: 2, failedChanges: 1, changeFailureRate: 0.5 });
  });
});
