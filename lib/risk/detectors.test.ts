import { describe, expect, it } from "vitest";
import { assessRisk, type RiskFactor } from "./assess";
import type { AppFacts } from "./facts";
import { CLEAN_TARGET, NOW, cleanFacts, daysAgo } from "./test-fixtures";
import type { FactorId } from "./weights";

function factorsOf(facts: AppFacts, target = CLEAN_TARGET, now = NOW): RiskFactor[] {
  return assessRisk(facts, target, now).factors;
}

function find(id: FactorId, facts: AppFacts, target = CLEAN_TARGET, now = NOW): RiskFactor | undefined {
  return factorsOf(facts, target, now).find((factor) => factor.id === id);
}

const GIB = 1024 ** 3;

describe("the clean fixture", () => {
  it("produces no factor for FLINK-1_19 → FLINK-1_20", () => {
    expect(factorsOf(cleanFacts())).toEqual([]);
  });
});

describe("studio-notebook (blocker)", () => {
  it("is present for a Zeppelin runtime and names Flink 2.2 in its advice", () => {
    const factor = find(
      "studio-notebook",
      cleanFacts({ runtime: "ZEPPELIN-FLINK-3_0", applicationMode: "INTERACTIVE" }),
      "FLINK-2_2",
    );
    expect(factor?.blocking).toBe(true);
    expect(factor?.evidence).toBe("RuntimeEnvironment=ZEPPELIN-FLINK-3_0, ApplicationMode=INTERACTIVE");
    expect(factor?.advice).toBe("Studio notebooks cannot run Flink 2.2");
  });

  it("is present when only ApplicationMode says INTERACTIVE", () => {
    expect(find("studio-notebook", cleanFacts({ applicationMode: "INTERACTIVE" }))).toBeDefined();
  });

  it("is absent for a STREAMING Flink application", () => {
    expect(find("studio-notebook", cleanFacts(), "FLINK-2_2")).toBeUndefined();
  });
});

describe("sql-application (blocker)", () => {
  it("is present for SQL-1_0", () => {
    const factor = find("sql-application", cleanFacts({ runtime: "SQL-1_0" }), "FLINK-2_2");
    expect(factor?.blocking).toBe(true);
    expect(factor?.evidence).toBe("RuntimeEnvironment=SQL-1_0");
  });

  it("is absent for a Flink runtime", () => {
    expect(find("sql-application", cleanFacts())).toBeUndefined();
  });
});

describe("status-not-upgradable (blocker)", () => {
  it.each(["UPDATING", "AUTOSCALING", "ROLLING_BACK", "STARTING", "ROLLED_BACK"])("is present for %s", (status) => {
    const factor = find("status-not-upgradable", cleanFacts({ status }));
    expect(factor?.blocking).toBe(true);
    expect(factor?.evidence).toBe(`ApplicationStatus=${status}`);
  });

  it.each(["RUNNING", "READY"])("is absent for %s", (status) => {
    expect(find("status-not-upgradable", cleanFacts({ status }))).toBeUndefined();
  });
});

describe("runtime-downgrade (blocker)", () => {
  it("is present for FLINK-2_2 → FLINK-1_20", () => {
    const factor = find("runtime-downgrade", cleanFacts({ runtime: "FLINK-2_2" }), "FLINK-1_20");
    expect(factor?.blocking).toBe(true);
    expect(factor?.evidence).toBe("RuntimeEnvironment=FLINK-2_2, target FLINK-1_20");
  });

  it("is absent for an upgrade", () => {
    expect(find("runtime-downgrade", cleanFacts(), "FLINK-2_2")).toBeUndefined();
  });
});

describe("already-on-target", () => {
  it("is present when the runtime equals the target", () => {
    expect(find("already-on-target", cleanFacts({ runtime: "FLINK-2_2" }), "FLINK-2_2")?.blocking).toBe(false);
  });

  it("is absent when the target is newer", () => {
    expect(find("already-on-target", cleanFacts())).toBeUndefined();
  });
});

describe("target-not-flink (blocker)", () => {
  it.each(["ZEPPELIN-FLINK-3_0", "SQL-1_0", "FLINK-TWO", ""])("is present for target %j", (target) => {
    expect(find("target-not-flink", cleanFacts(), target)?.blocking).toBe(true);
  });

  it("is absent for a Flink target", () => {
    expect(find("target-not-flink", cleanFacts())).toBeUndefined();
  });
});

describe("target-end-of-support (blocker)", () => {
  it("is present for a FLINK-1_11 target after 2025-02-05", () => {
    const factor = find("target-end-of-support", cleanFacts({ runtime: "FLINK-1_8" }), "FLINK-1_11");
    expect(factor?.blocking).toBe(true);
    expect(factor?.evidence).toBe("target FLINK-1_11: end of support since 2025-02-05");
  });

  it("is absent before the end-of-support date", () => {
    const before = new Date("2025-02-04T23:59:59Z");
    expect(find("target-end-of-support", cleanFacts({ runtime: "FLINK-1_8" }), "FLINK-1_11", before)).toBeUndefined();
  });

  it("is absent for a supported target", () => {
    expect(find("target-end-of-support", cleanFacts())).toBeUndefined();
  });
});

describe("flink-1_6-state-jump (blocker)", () => {
  it("is present for a stateful FLINK-1_6 → FLINK-1_18", () => {
    const factor = find("flink-1_6-state-jump", cleanFacts({ runtime: "FLINK-1_6" }), "FLINK-1_18");
    expect(factor?.blocking).toBe(true);
    expect(factor?.evidence).toBe("RuntimeEnvironment=FLINK-1_6 with state (SnapshotsEnabled=true), target FLINK-1_18");
  });

  it("is present for FLINK-1_6 → FLINK-2_2 when only a snapshot carries the state", () => {
    const facts = cleanFacts({ runtime: "FLINK-1_6", snapshotsEnabled: false });
    expect(find("flink-1_6-state-jump", facts, "FLINK-2_2")?.evidence).toContain("snapshot pre-upgrade");
  });

  it("is absent for FLINK-1_6 → FLINK-1_15 (an allowed intermediate hop)", () => {
    expect(find("flink-1_6-state-jump", cleanFacts({ runtime: "FLINK-1_6" }), "FLINK-1_15")).toBeUndefined();
  });

  it("is absent for a stateless FLINK-1_6 application", () => {
    const facts = cleanFacts({ runtime: "FLINK-1_6", snapshotsEnabled: false, newestSnapshot: null });
    expect(find("flink-1_6-state-jump", facts, "FLINK-1_18")).toBeUndefined();
  });

  it("is absent from FLINK-1_8", () => {
    expect(find("flink-1_6-state-jump", cleanFacts({ runtime: "FLINK-1_8" }), "FLINK-1_18")).toBeUndefined();
  });
});

describe("snapshots-disabled", () => {
  it("is present when SnapshotsEnabled=false", () => {
    const factor = find("snapshots-disabled", cleanFacts({ snapshotsEnabled: false }));
    expect(factor).toMatchObject({ blocking: false, weight: 30, evidence: "SnapshotsEnabled=false" });
  });

  it("is absent when snapshots are enabled", () => {
    expect(find("snapshots-disabled", cleanFacts())).toBeUndefined();
  });
});

describe("no-snapshot", () => {
  it("is present when there is no READY snapshot", () => {
    expect(find("no-snapshot", cleanFacts({ newestSnapshot: null }))).toMatchObject({
      weight: 15,
      evidence: "no READY snapshot",
    });
  });

  it("is absent when a snapshot exists", () => {
    expect(find("no-snapshot", cleanFacts())).toBeUndefined();
  });
});

describe("stale-snapshot", () => {
  const withSnapshotAge = (days: number) =>
    cleanFacts({ newestSnapshot: { name: "pre-deploy-0312", createdAt: daysAgo(days), runtime: "FLINK-1_19" } });

  it("is present at 41 days with concrete evidence", () => {
    expect(find("stale-snapshot", withSnapshotAge(41))).toMatchObject({
      weight: 10,
      evidence: "newest snapshot 41 days old (pre-deploy-0312)",
      advice: "take a snapshot first — the newest is 41 days old",
    });
  });

  it("is present at exactly 7 days", () => {
    expect(find("stale-snapshot", withSnapshotAge(7))).toBeDefined();
  });

  it("is absent just under 7 days", () => {
    expect(find("stale-snapshot", withSnapshotAge(6.99))).toBeUndefined();
  });

  it("is absent when there is no snapshot (no-snapshot covers it)", () => {
    expect(find("stale-snapshot", cleanFacts({ newestSnapshot: null }))).toBeUndefined();
  });
});

describe("system-rollback-disabled", () => {
  it("is present when RollbackEnabled=false", () => {
    expect(find("system-rollback-disabled", cleanFacts({ rollbackEnabled: false }))).toMatchObject({
      weight: 15,
      evidence: "RollbackEnabled=false",
      advice: "enable system rollback",
    });
  });

  it("is absent when system rollback is enabled", () => {
    expect(find("system-rollback-disabled", cleanFacts())).toBeUndefined();
  });
});

describe("restore-skips-snapshot", () => {
  const restoring = (applicationRestoreType: string) =>
    cleanFacts({ restore: { applicationRestoreType, snapshotName: null, allowNonRestoredState: false } });

  it("is present when the next start skips the snapshot", () => {
    expect(find("restore-skips-snapshot", restoring("SKIP_RESTORE_FROM_SNAPSHOT"))).toMatchObject({
      blocking: false,
      weight: 20,
      evidence: "ApplicationRestoreType=SKIP_RESTORE_FROM_SNAPSHOT",
      advice: "restore from the latest snapshot, or the upgrade discards the job's state",
      docUrl: "https://docs.aws.amazon.com/managed-flink/latest/java/upgrading-application-new-version.html",
    });
  });

  it.each(["RESTORE_FROM_LATEST_SNAPSHOT", "RESTORE_FROM_CUSTOM_SNAPSHOT"])("is absent for %s", (type) => {
    expect(find("restore-skips-snapshot", restoring(type))).toBeUndefined();
  });
});

describe("restore-custom-snapshot", () => {
  const pinnedTo = (snapshotName: string | null) =>
    cleanFacts({
      restore: { applicationRestoreType: "RESTORE_FROM_CUSTOM_SNAPSHOT", snapshotName, allowNonRestoredState: false },
    });

  it("is present with the snapshot's name, and names the newest one when it is another", () => {
    expect(find("restore-custom-snapshot", pinnedTo("before-migration"))).toMatchObject({
      weight: 10,
      evidence:
        "ApplicationRestoreType=RESTORE_FROM_CUSTOM_SNAPSHOT, SnapshotName=before-migration; the newest READY snapshot is pre-upgrade",
      advice: "restore from the latest snapshot rather than before-migration, unless going back to it is the point",
    });
  });

  it("is present even when the pinned snapshot is the newest (MSF's update-time snapshot is newer)", () => {
    expect(find("restore-custom-snapshot", pinnedTo("pre-upgrade"))?.evidence).toBe(
      "ApplicationRestoreType=RESTORE_FROM_CUSTOM_SNAPSHOT, SnapshotName=pre-upgrade",
    );
  });

  it("says so when DescribeApplication gave no snapshot name", () => {
    expect(find("restore-custom-snapshot", pinnedTo(null))?.evidence).toContain("SnapshotName=(no SnapshotName)");
  });

  it("is absent when restoring the latest snapshot", () => {
    expect(find("restore-custom-snapshot", cleanFacts())).toBeUndefined();
  });
});

describe("major-version-jump", () => {
  it("is present for FLINK-1_20 → FLINK-2_2", () => {
    expect(find("major-version-jump", cleanFacts({ runtime: "FLINK-1_20" }), "FLINK-2_2")).toMatchObject({
      weight: 25,
      evidence: "FLINK-1_20 → FLINK-2_2 (major version 1 → 2)",
    });
  });

  it("is absent within 1.x and within 2.x", () => {
    expect(find("major-version-jump", cleanFacts())).toBeUndefined();
    expect(find("major-version-jump", cleanFacts({ runtime: "FLINK-2_2" }), "FLINK-2_3")).toBeUndefined();
  });
});

describe("version-jump", () => {
  it("weighs 3 per skipped release", () => {
    const factor = find("version-jump", cleanFacts({ runtime: "FLINK-1_15" }), "FLINK-2_2");
    expect(factor).toMatchObject({
      weight: 9,
      evidence: "skips FLINK-1_18, FLINK-1_19, FLINK-1_20 (3 releases)",
    });
  });

  it("is capped at 12", () => {
    expect(
      find(
        "version-jump",
        cleanFacts({ runtime: "FLINK-1_6", snapshotsEnabled: false, newestSnapshot: null }),
        "FLINK-2_2",
      )?.weight,
    ).toBe(12);
  });

  it("is absent for adjacent releases", () => {
    expect(find("version-jump", cleanFacts({ runtime: "FLINK-1_20" }), "FLINK-2_2")).toBeUndefined();
  });
});

describe("end-of-support-runtime", () => {
  it("is present for FLINK-1_11 after 2025-02-05", () => {
    expect(find("end-of-support-runtime", cleanFacts({ runtime: "FLINK-1_11" }), "FLINK-1_15")).toMatchObject({
      weight: 15,
      evidence: "FLINK-1_11: end of support since 2025-02-05",
    });
  });

  it("uses the later date in China and GovCloud Regions", () => {
    const facts = cleanFacts({ runtime: "FLINK-1_11", region: "cn-north-1" });
    const between = new Date("2025-03-01T00:00:00Z");
    expect(find("end-of-support-runtime", facts, "FLINK-1_15", between)).toBeUndefined();
    expect(find("end-of-support-runtime", facts, "FLINK-1_15")?.evidence).toBe(
      "FLINK-1_11: end of support since 2025-03-19",
    );
  });

  it("is absent for FLINK-1_13 (no end-of-support date known)", () => {
    expect(find("end-of-support-runtime", cleanFacts({ runtime: "FLINK-1_13" }), "FLINK-1_15")).toBeUndefined();
  });
});

describe("python-application", () => {
  const python = cleanFacts({
    runtime: "FLINK-1_20",
    isPython: true,
    detectedBy: { python: "kinesis.analytics.flink.run.options: python=main.py" },
  });

  it("is present for a PyFlink app going to 2.x", () => {
    expect(find("python-application", python, "FLINK-2_2")).toMatchObject({
      weight: 10,
      evidence: "PyFlink application (kinesis.analytics.flink.run.options: python=main.py)",
    });
  });

  it("is absent for a Java app going to 2.x", () => {
    expect(find("python-application", cleanFacts({ runtime: "FLINK-1_20" }), "FLINK-2_2")).toBeUndefined();
  });

  it("is absent for a PyFlink app staying on 1.x", () => {
    expect(find("python-application", { ...python, runtime: "FLINK-1_19" }, "FLINK-1_20")).toBeUndefined();
  });
});

describe("kinesis-connector-state", () => {
  const kinesisOn111 = cleanFacts({
    runtime: "FLINK-1_11",
    kinesisSource: true,
    detectedBy: { kinesisSource: "ConsumerConfigProperties: flink.stream.initpos=LATEST" },
  });

  it("is present for a stateful Kinesis app moving 1.11 → 1.13", () => {
    expect(find("kinesis-connector-state", kinesisOn111, "FLINK-1_13")).toMatchObject({
      weight: 20,
      evidence: "FLINK-1_11 → FLINK-1_13 with a Kinesis source (ConsumerConfigProperties: flink.stream.initpos=LATEST)",
    });
  });

  it("is absent from 1.13 onwards", () => {
    expect(find("kinesis-connector-state", { ...kinesisOn111, runtime: "FLINK-1_13" }, "FLINK-1_15")).toBeUndefined();
  });

  it("is absent without a Kinesis source", () => {
    expect(find("kinesis-connector-state", { ...kinesisOn111, kinesisSource: false }, "FLINK-1_13")).toBeUndefined();
  });

  it("is absent when no state travels", () => {
    const stateless = { ...kinesisOn111, snapshotsEnabled: false, newestSnapshot: null };
    expect(find("kinesis-connector-state", stateless, "FLINK-1_13")).toBeUndefined();
  });
});

describe("kinesis-source-2x", () => {
  it("is present for a Kinesis source going 1.x → 2.x", () => {
    const facts = cleanFacts({ runtime: "FLINK-1_20", kinesisSource: true });
    expect(find("kinesis-source-2x", facts, "FLINK-2_2")?.weight).toBe(10);
  });

  it("is absent for a Kinesis source within 1.x", () => {
    expect(find("kinesis-source-2x", cleanFacts({ kinesisSource: true }))).toBeUndefined();
  });
});

describe("kinesis-efo-2x", () => {
  const efo = cleanFacts({
    runtime: "FLINK-1_20",
    kinesisSource: true,
    usesEfo: true,
    detectedBy: { efo: "InputStream0: source.reader.type=EFO" },
  });

  it("is present for an EFO consumer targeting 2.x", () => {
    expect(find("kinesis-efo-2x", efo, "FLINK-2_2")).toMatchObject({
      weight: 10,
      evidence: "Enhanced Fan-Out consumer (InputStream0: source.reader.type=EFO)",
    });
  });

  it("is absent for an EFO consumer targeting 1.x", () => {
    expect(find("kinesis-efo-2x", { ...efo, runtime: "FLINK-1_19" }, "FLINK-1_20")).toBeUndefined();
  });

  it("is absent for a polling Kinesis consumer", () => {
    expect(find("kinesis-efo-2x", { ...efo, usesEfo: false }, "FLINK-2_2")).toBeUndefined();
  });
});

describe("recent-restarts", () => {
  const withRestarts = (restarts: number | null) =>
    cleanFacts({ metrics24h: { restarts, failedCheckpoints: 0, lastCheckpointSizeBytes: 0 } });

  it("is present at 12 restarts", () => {
    expect(find("recent-restarts", withRestarts(12))).toMatchObject({
      weight: 15,
      evidence: "12 restarts in the last 24 h",
    });
  });

  it("is present at the threshold of 2", () => {
    expect(find("recent-restarts", withRestarts(2))).toBeDefined();
  });

  it("is absent for one restart (could be maintenance) and when unknown", () => {
    expect(find("recent-restarts", withRestarts(1))).toBeUndefined();
    expect(find("recent-restarts", withRestarts(null))).toBeUndefined();
  });
});

describe("failed-checkpoints", () => {
  const withFailures = (failedCheckpoints: number | null) =>
    cleanFacts({ metrics24h: { restarts: 0, failedCheckpoints, lastCheckpointSizeBytes: 0 } });

  it("is present from one failed checkpoint", () => {
    expect(find("failed-checkpoints", withFailures(1))).toMatchObject({
      weight: 10,
      evidence: "1 failed checkpoint in the last 24 h",
    });
  });

  it("is absent at zero and when unknown", () => {
    expect(find("failed-checkpoints", withFailures(0))).toBeUndefined();
    expect(find("failed-checkpoints", withFailures(null))).toBeUndefined();
  });
});

describe("large-state", () => {
  const withState = (bytes: number | null) =>
    cleanFacts({ metrics24h: { restarts: 0, failedCheckpoints: 0, lastCheckpointSizeBytes: bytes } });

  it("is present at 10 GiB", () => {
    expect(find("large-state", withState(10 * GIB))).toMatchObject({
      weight: 10,
      evidence: "last checkpoint 10.0 GiB",
    });
  });

  it("is absent just under 10 GiB and when unknown", () => {
    expect(find("large-state", withState(10 * GIB - 1))).toBeUndefined();
    expect(find("large-state", withState(null))).toBeUndefined();
  });
});

describe("blast-radius", () => {
  it("is present at parallelism 32", () => {
    expect(find("blast-radius", cleanFacts({ parallelism: 32, kpus: 9 }))).toMatchObject({
      weight: 10,
      evidence: "parallelism 32, 9 KPUs",
    });
  });

  it("is present at 32 KPUs with low parallelism", () => {
    expect(find("blast-radius", cleanFacts({ parallelism: 8, kpus: 32 }))).toBeDefined();
  });

  it("is absent below both thresholds, and with unknown KPUs", () => {
    expect(find("blast-radius", cleanFacts({ parallelism: 31, kpus: 31 }))).toBeUndefined();
    expect(find("blast-radius", cleanFacts({ parallelism: 31, kpus: null }))).toBeUndefined();
  });
});

describe("no-health-baseline", () => {
  const unknown = { restarts: null, failedCheckpoints: null, lastCheckpointSizeBytes: null };

  it("is present for a RUNNING app without metrics", () => {
    expect(find("no-health-baseline", cleanFacts({ metrics24h: unknown }))?.weight).toBe(5);
  });

  it("is absent for a READY app (a stopped app publishes no metrics)", () => {
    expect(find("no-health-baseline", cleanFacts({ status: "READY", metrics24h: unknown }))).toBeUndefined();
  });

  it("is absent when metrics are known", () => {
    expect(find("no-health-baseline", cleanFacts())).toBeUndefined();
  });
});

describe("production", () => {
  it.each([
    [{ env: "prod" }, "env=prod"],
    [{ Environment: "Production" }, "Environment=Production"],
    [{ stage: "PRD" }, "stage=PRD"],
  ])("is present for tags %j", (tags, matched) => {
    const factor = factorsOf(cleanFacts({ tags, rollbackEnabled: false })).find((f) => f.id === "production");
    expect(factor?.evidence).toBe(`tag ${matched} (all weights × 1.5)`);
  });

  const notProduction: Record<string, string>[] = [{ env: "staging" }, { owner: "prod" }, {}];
  it.each(notProduction)("is absent for tags %j", (tags) => {
    expect(factorsOf(cleanFacts({ tags })).some((f) => f.id === "production")).toBe(false);
  });
});

describe("kryo-fallback-types", () => {
  const withTypes = (kryoTypes: string[] | null, runtime = "FLINK-1_20") =>
    cleanFacts({ runtime, logs: { logStream: "present", kryoTypes } });

  it("names the types Flink logs as GenericType when the upgrade crosses to 2.x", () => {
    expect(find("kryo-fallback-types", withTypes(["com.example.A", "com.example.B"]), "FLINK-2_2")).toMatchObject({
      weight: 25,
      evidence: "Flink logs 2 types as GenericType (Kryo): com.example.A, com.example.B",
    });
  });

  it("shortens a long list but keeps the count", () => {
    const factor = find("kryo-fallback-types", withTypes(["a.A", "a.B", "a.C", "a.D", "a.E"]), "FLINK-2_2");
    expect(factor?.evidence).toBe("Flink logs 5 types as GenericType (Kryo): a.A, a.B, a.C and 2 more");
  });

  it("is absent within 1.x (Kryo stays 2.24), without types, or when the logs were not scanned", () => {
    expect(find("kryo-fallback-types", withTypes(["com.example.A"]), "FLINK-1_20")).toBeUndefined();
    expect(find("kryo-fallback-types", withTypes([]), "FLINK-2_2")).toBeUndefined();
    expect(find("kryo-fallback-types", withTypes(null), "FLINK-2_2")).toBeUndefined();
  });
});

describe("no-log-stream", () => {
  const withStream = (logStream: AppFacts["logs"]["logStream"]) => cleanFacts({ logs: { logStream, kryoTypes: null } });

  it("is present when the stream, the group or the logging option is missing", () => {
    expect(find("no-log-stream", withStream("missing"))).toMatchObject({
      weight: 10,
      evidence: "the configured log stream does not exist: MSF drops the log",
    });
    expect(find("no-log-stream", withStream("no-group"))?.evidence).toContain("log group does not exist");
    expect(find("no-log-stream", withStream("not-configured"))?.evidence).toBe(
      "no CloudWatch logging option configured",
    );
  });

  it("is absent when the stream exists or could not be checked (unknown is not missing)", () => {
    expect(find("no-log-stream", withStream("present"))).toBeUndefined();
    expect(find("no-log-stream", withStream("unknown"))).toBeUndefined();
  });
});
