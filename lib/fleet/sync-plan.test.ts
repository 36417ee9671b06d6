import { describe, expect, it } from "vitest";
import { planReads, syncKindDue, type StoredApp } from "./sync-plan";

const now = new Date("2026-12-05T12:00:00Z");
const minutes = (n: number) => new Date(now.getTime() - n * 60_000);
const refreshMs = 30 * 60_000;
const summary = (name: string, version = 3, status = "RUNNING") => ({
  ApplicationName: name,
  ApplicationVersionId: version,
  ApplicationStatus: status as never,
  ApplicationARN: `arn:${name}`,
  RuntimeEnvironment: "FLINK-1_20" as never,
});
const stored = (version = 3, status = "RUNNING", readAt: Date | null = minutes(5), error: string | null = null) =>
  ({ versionId: version, status, runtime: "FLINK-1_20", readAt, error }) satisfies StoredApp;

describe("which applications an incremental refresh reads", () => {
  const inventory = new Map<string, StoredApp>([
    ["same", stored()],
    ["new-version", stored(2)],
    ["stopped", stored(3, "RUNNING")],
    ["failed", stored(3, "RUNNING", minutes(5), "ThrottlingException")],
    ["placeholder", stored(3, "RUNNING", null)],
    ["old-read", stored(3, "RUNNING", minutes(30))],
    ["fresh-enough", stored(3, "RUNNING", minutes(29))],
    ["gone", stored()],
  ]);
  const listed = [
    summary("same"),
    summary("new-version"),
    summary("stopped", 3, "READY"),
    summary("failed"),
    summary("placeholder"),
    summary("old-read"),
    summary("fresh-enough"),
    summary("brand-new"),
  ];

  it("reads what changed, what is new, what failed before and what is due; keeps the rest", () => {
    const plan = planReads(listed, inventory, "incremental", now, refreshMs);
    expect(Object.fromEntries(plan.read.map((r) => [r.summary.ApplicationName, r.reason]))).toEqual({
      "new-version": "version",
      stopped: "status",
      failed: "failed-before",
      placeholder: "failed-before",
      "old-read": "refresh-due",
      "brand-new": "new",
    });
    expect(plan.kept.map((s) => s.ApplicationName)).toEqual(["same", "fresh-enough"]);
  });

  it("a full sync reads everything", () => {
    const plan = planReads(listed, inventory, "full", now, refreshMs);
    expect(plan.kept).toEqual([]);
    expect(plan.read).toHaveLength(listed.length);
  });
});

describe("when a full sync is due", () => {
  const hour = 3_600_000;
  it("the first sync, and every sync a period after the last full one", () => {
    expect(syncKindDue(null, now, hour)).toBe("full");
    expect(syncKindDue(minutes(59), now, hour)).toBe("incremental");
    expect(syncKindDue(minutes(60), now, hour)).toBe("full");
  });
});
