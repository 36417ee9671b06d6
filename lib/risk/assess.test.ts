import { describe, expect, it } from "vitest";
import { assessRisk, levelForScore } from "./assess";
import { CLEAN_TARGET, NOW, cleanFacts, daysAgo } from "./test-fixtures";

const on120 = (overrides = {}) => cleanFacts({ runtime: "FLINK-1_20", ...overrides });
const unknownMetrics = { restarts: null, failedCheckpoints: null, lastCheckpointSizeBytes: null };

describe("levelForScore", () => {
  it.each([
    [0, "low"],
    [24, "low"],
    [25, "medium"],
    [54, "medium"],
    [55, "high"],
    [100, "high"],
  ])("%i → %s", (score, level) => {
    expect(levelForScore(score)).toBe(level);
  });
});

describe("assessRisk levels at the boundaries", () => {
  it("24 points is low (rollback off 15 + three skipped releases 9)", () => {
    const result = assessRisk(cleanFacts({ runtime: "FLINK-1_13", rollbackEnabled: false }), "FLINK-1_20", NOW);
    expect(result).toMatchObject({ score: 24, level: "low" });
  });

  it("25 points is medium (a clean 1.20 → 2.2 major upgrade)", () => {
    expect(assessRisk(on120(), "FLINK-2_2", NOW)).toMatchObject({ score: 25, level: "medium" });
  });

  it("54 points is medium (major 25 + rollback 15 + skips 9 + no baseline 5)", () => {
    const facts = cleanFacts({ runtime: "FLINK-1_15", rollbackEnabled: false, metrics24h: unknownMetrics });
    expect(assessRisk(facts, "FLINK-2_2", NOW)).toMatchObject({ score: 54, level: "medium" });
  });

  it("55 points is high (major 25 + snapshots disabled 30)", () => {
    expect(assessRisk(on120({ snapshotsEnabled: false }), "FLINK-2_2", NOW)).toMatchObject({
      score: 55,
      level: "high",
    });
  });
});

describe("production multiplier", () => {
  it("multiplies the sum by 1.5 and shows what it added", () => {
    const result = assessRisk(on120({ rollbackEnabled: false, tags: { env: "prod" } }), "FLINK-2_2", NOW);
    expect(result.score).toBe(60);
    expect(result.level).toBe("high");
    expect(result.factors.find((factor) => factor.id === "production")?.weight).toBe(20);
  });

  it("rounds half up (33 × 1.5 = 49.5 → 50)", () => {
    const facts = cleanFacts({ tags: { env: "prod" }, metrics24h: unknownMetrics });
    expect(assessRisk(facts, "FLINK-2_2", NOW).score).toBe(50);
  });

  it("turns the same app from medium to high", () => {
    const facts = on120({ rollbackEnabled: false });
    expect(assessRisk(facts, "FLINK-2_2", NOW).level).toBe("medium");
    expect(assessRisk({ ...facts, tags: { env: "prod" } }, "FLINK-2_2", NOW).level).toBe("high");
  });

  it("caps the score at 100", () => {
    const facts = cleanFacts({
      runtime: "FLINK-1_15",
      snapshotsEnabled: false,
      rollbackEnabled: false,
      newestSnapshot: null,
      tags: { env: "prod" },
    });
    expect(assessRisk(facts, "FLINK-2_2", NOW).score).toBe(100);
  });
});

describe("blocked applications", () => {
  it("score 100 even when nothing else is wrong", () => {
    const result = assessRisk(on120({ status: "UPDATING" }), "FLINK-2_2", NOW);
    expect(result.factors[0]?.id).toBe("status-not-upgradable");
    expect(result).toMatchObject({ score: 100, level: "blocked" });
  });

  it("summarise every blocker as advice", () => {
    const studio = cleanFacts({ runtime: "ZEPPELIN-FLINK-3_0", applicationMode: "INTERACTIVE" });
    expect(assessRisk(studio, "FLINK-2_2", NOW).summary).toBe("Blocked: Studio notebooks cannot run Flink 2.2.");
  });
});

describe("applications already on the target", () => {
  it("are low with score 0 and say there is nothing to upgrade, not blocked", () => {
    const result = assessRisk(
      cleanFacts({ runtime: "FLINK-2_2", tags: { env: "prod" }, rollbackEnabled: false }),
      "FLINK-2_2",
      NOW,
    );
    expect(result).toMatchObject({ score: 0, level: "low", summary: "Already on Flink 2.2: nothing to upgrade." });
    expect(result.factors.map((factor) => factor.id)).toEqual(["already-on-target"]);
    expect(result.factors[0]?.blocking).toBe(false);
  });
});

describe("applications without a Flink upgrade path", () => {
  it.each([
    ["ZEPPELIN-FLINK-2_0", "INTERACTIVE", "studio-notebook"],
    ["SQL-1_0", "STREAMING", "sql-application"],
  ] as const)("%s lists only its blockers", (runtime, applicationMode, blocker) => {
    const facts = cleanFacts({
      runtime,
      applicationMode,
      snapshotsEnabled: false,
      rollbackEnabled: false,
      newestSnapshot: null,
    });
    const ids = assessRisk(facts, "FLINK-2_2", NOW).factors.map((factor) => factor.id);
    expect(ids).toEqual([blocker]);
  });

  it("other blocked applications keep their remaining risks for planning", () => {
    const ids = assessRisk(on120({ status: "UPDATING", rollbackEnabled: false }), "FLINK-2_2", NOW).factors.map(
      (factor) => factor.id,
    );
    expect(ids).toEqual(["status-not-upgradable", "major-version-jump", "system-rollback-disabled"]);
  });
});

describe("factor order", () => {
  it("puts blockers first, then the heaviest weight, ties in table order", () => {
    const facts = cleanFacts({
      runtime: "FLINK-1_20",
      status: "AUTOSCALING",
      rollbackEnabled: false,
      newestSnapshot: { name: "old", createdAt: daysAgo(30), runtime: "FLINK-1_20" },
      isPython: true,
      tags: { env: "prod" },
    });
    const ids = assessRisk(facts, "FLINK-2_2", NOW).factors.map((factor) => factor.id);
    expect(ids).toEqual([
      "status-not-upgradable",
      "production",
      "major-version-jump",
      "system-rollback-disabled",
      "stale-snapshot",
      "python-application",
    ]);
  });
});

describe("summary", () => {
  it("reads as advice, heaviest concerns first, without the production modifier", () => {
    const facts = on120({
      rollbackEnabled: false,
      newestSnapshot: { name: "pre-deploy-0312", createdAt: daysAgo(41), runtime: "FLINK-1_20" },
      tags: { env: "prod" },
    });
    expect(assessRisk(facts, "FLINK-2_2", NOW).summary).toBe(
      "High risk: check state compatibility and rebuild for Flink 2.2 on Java 17; enable system rollback; " +
        "take a snapshot first — the newest is 41 days old.",
    );
  });

  it("says so when nothing stands out", () => {
    expect(assessRisk(cleanFacts(), CLEAN_TARGET, NOW).summary).toMatch(/^Low risk: nothing stands out/);
  });

  it("falls back to the production advice when it is the only factor", () => {
    expect(assessRisk(cleanFacts({ tags: { env: "prod" } }), CLEAN_TARGET, NOW).summary).toBe(
      "Low risk: rehearse on a non-production copy first.",
    );
  });
});

describe("defaults", () => {
  it("targets FLINK-2_2 when no target is given", () => {
    const result = assessRisk(on120());
    expect(result.target).toBe("FLINK-2_2");
    expect(result.factors.map((factor) => factor.id)).toContain("major-version-jump");
  });

  it("returns an integer score", () => {
    const facts = cleanFacts({ tags: { env: "prod" }, metrics24h: unknownMetrics });
    expect(Number.isInteger(assessRisk(facts, "FLINK-2_2", NOW).score)).toBe(true);
  });
});

describe("every factor carries its explanation", () => {
  it("has title, why, remediation and an AWS doc link", () => {
    const facts = cleanFacts({ snapshotsEnabled: false, rollbackEnabled: false, tags: { env: "prod" } });
    for (const factor of assessRisk(facts, "FLINK-2_2", NOW).factors) {
      expect(factor.title).not.toBe("");
      expect(factor.why.length).toBeGreaterThan(20);
      expect(factor.remediation.length).toBeGreaterThan(10);
      expect(factor.docUrl).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/managed-flink\//);
    }
  });
});
