import { describe, expect, it } from "vitest";
import { parseAppRange } from "./app-range";
import { appEvents, appSegments } from "./app-series";
import { runChartWindow, runEvents } from "./run-chart";

const t = (m: number) => new Date(Date.UTC(2026, 10, 23, 10, m));
const run = (o: Record<string, unknown> = {}) => ({
  id: "r",
  fromRuntime: "FLINK-1_20",
  toRuntime: "FLINK-2_2",
  updateCalledAt: t(0) as Date | null,
  outcome: "SUCCEEDED" as string | null,
  finishedAt: t(10) as Date | null,
  rollbackCalledAt: null as Date | null,
  verdictAt: t(8) as Date | null,
  verdict: "HEALTHY" as string | null,
  rolledBackBy: null as string | null,
  kind: "UPGRADE",
  state: "DONE",
  runningAt: t(2) as Date | null,
  ...o,
});

describe("application chart range", () => {
  it("takes 3h, 24h or 7d from the URL, 24h otherwise", () => {
    expect(parseAppRange("3h")).toBe("3h");
    expect(parseAppRange(["7d", "3h"])).toBe("7d");
    expect(parseAppRange("1y")).toBe("24h");
    expect(parseAppRange(undefined)).toBe("24h");
  });
});

describe("application runtime segments", () => {
  it("without runs: the current runtime throughout", () => {
    expect(appSegments("FLINK-2_2", [])).toEqual([{ from: new Date(0), runtime: "FLINK-2_2" }]);
  });

  it("our upgrade places the change at the update call; a rollback returns to the old runtime", () => {
    expect(appSegments("FLINK-2_2", [run()])).toEqual([
      { from: new Date(0), runtime: "FLINK-1_20" },
      { from: t(0), runtime: "FLINK-2_2" },
    ]);
    const rolledBack = run({
      updateCalledAt: t(20),
      outcome: "ROLLED_BACK",
      rollbackCalledAt: t(25),
      finishedAt: t(28),
    });
    expect(appSegments("FLINK-1_20", [rolledBack])).toEqual([
      { from: new Date(0), runtime: "FLINK-1_20" },
      { from: t(20), runtime: "FLINK-2_2" },
      { from: t(25), runtime: "FLINK-1_20" },
    ]);
  });

  it("runs are taken in update order; a runtime the runs do not explain wins", () => {
    const first = run({ fromRuntime: "FLINK-1_15", toRuntime: "FLINK-1_20", updateCalledAt: t(0) });
    const second = run({ updateCalledAt: t(30) });
    expect(appSegments("FLINK-2_2", [second, first]).map((s) => s.runtime)).toEqual([
      "FLINK-1_15",
      "FLINK-1_20",
      "FLINK-2_2",
    ]);
    expect(appSegments("FLINK-1_19", [first])).toEqual([{ from: new Date(0), runtime: "FLINK-1_19" }]);
  });
});

describe("chart events", () => {
  it("application page: updates, verdicts and rollbacks inside the range, and the latest window", () => {
    const runs = [
      run({ id: "old", updateCalledAt: t(-500), verdictAt: t(-490) }),
      run({ rollbackCalledAt: t(9), rolledBackBy: "auto", verdict: "UNHEALTHY" }),
    ];
    const { events, upgradeWindow } = appEvents(runs, t(-60), t(60));
    expect(events.map((e) => e.label)).toEqual(["update → Flink 2.2", "verdict: UNHEALTHY", "rollback"]);
    expect(upgradeWindow).toEqual({ from: t(0).toISOString(), to: t(8).toISOString() });
    expect(appEvents(runs, t(30), t(60))).toEqual({ events: [], upgradeWindow: null });
  });

  it("run page: snapshot, update, RUNNING, verdict, MSF rollback in time order", () => {
    const events = runEvents(run({ rollbackCalledAt: t(9), rolledBackBy: "MSF" }), t(-1));
    expect(events.map((e) => e.label)).toEqual([
      "snapshot ready",
      "update → Flink 2.2",
      "RUNNING",
      "verdict: HEALTHY",
      "rollback (MSF)",
    ]);
    expect(events[0]!.at).toBe(t(-1).toISOString());
  });

  it("the window runs from the update to the verdict, else to the end, else stays open", () => {
    expect(runChartWindow(run())).toEqual({ from: t(0).toISOString(), to: t(8).toISOString() });
    expect(runChartWindow(run({ verdictAt: null }))).toEqual({ from: t(0).toISOString(), to: t(10).toISOString() });
    expect(runChartWindow(run({ verdictAt: null, finishedAt: null }))).toEqual({ from: t(0).toISOString(), to: null });
    expect(runChartWindow(run({ updateCalledAt: null }))).toBeNull();
  });

  it("while the run is live the window stays open unless the verdict is already UNHEALTHY", () => {
    expect(runChartWindow(run({ state: "ACTIVE", verdict: "INCONCLUSIVE", finishedAt: null }))).toEqual({
      from: t(0).toISOString(),
      to: null,
    });
    expect(runChartWindow(run({ state: "NEEDS_DECISION", verdict: "UNHEALTHY", finishedAt: null }))).toEqual({
      from: t(0).toISOString(),
      to: t(8).toISOString(),
    });
  });
});
