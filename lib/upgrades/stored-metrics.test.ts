import { describe, expect, it } from "vitest";
import { runPeriod, runWindow } from "./stored-metrics";

const at = (iso: string) => new Date(`2026-11-23T${iso}Z`);

describe("the upgrade window's chart period", () => {
  it("is MSF's one-minute cadence for a short upgrade, though the window starts an hour before it", () => {
    const run = { createdAt: at("12:00:00"), updateCalledAt: at("12:00:10"), finishedAt: at("12:01:10") };
    expect(runWindow(run, at("12:02:00")).start).toEqual(at("11:00:10"));
    // AWS publishes these metrics once a minute: a finer period would only return the same points, or none.
    expect(runPeriod(run, at("12:02:00"))).toBe(60);
  });

  it("grows with a long observation", () => {
    const run = { createdAt: at("08:00:00"), updateCalledAt: at("08:00:00"), finishedAt: at("10:00:00") };
    expect(runPeriod(run, at("10:00:05"))).toBe(60);
  });

  it("never asks for sub-minute data older than CloudWatch's 3 h high-resolution retention", () => {
    const run = { createdAt: at("06:00:00"), updateCalledAt: at("06:00:10"), finishedAt: at("06:01:10") };
    expect(runPeriod(run, at("10:00:00"))).toBe(60);
  });
});
