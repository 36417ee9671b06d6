// One detector per factor in weights.ts: given the facts, is the factor present, what exactly was
// seen (evidence) and what to do about it in a few words (advice, used in the summary sentence).
import type { AppFacts } from "./facts";
import { formatBytes, plural, wholeDaysBetween } from "./format";
import {
  compareRuntimes,
  endOfSupportDate,
  isDowngrade,
  isEndOfSupport,
  isMajorJump,
  parseRuntime,
  runtimeLabel,
  runtimeSupport,
  skippedRuntimes,
  type ParsedRuntime,
} from "./runtimes";
import { FACTORS, PRODUCTION, THRESHOLDS, type FactorId } from "./weights";

export interface AssessmentContext {
  facts: AppFacts;
  target: string;
  now: Date;
}

export interface Finding {
  evidence: string;
  advice: string;
  /** Only for scaled factors; otherwise the table weight applies. */
  weight?: number;
}

type Detector = (context: AssessmentContext) => Finding | null;

const UPGRADABLE_STATUSES = new Set(["RUNNING", "READY"]);

function flink(runtime: string): ParsedRuntime | null {
  const parsed = parseRuntime(runtime);
  return parsed?.kind === "flink" ? parsed : null;
}

function isAtLeast(runtime: ParsedRuntime, major: number, minor: number): boolean {
  return runtime.major > major || (runtime.major === major && runtime.minor >= minor);
}

// State travels with the upgrade when MSF snapshots on update or a snapshot exists to restore.
function stateEvidence(facts: AppFacts): string | null {
  if (facts.snapshotsEnabled) return "SnapshotsEnabled=true";
  return facts.newestSnapshot ? `snapshot ${facts.newestSnapshot.name}` : null;
}

function isStudio(facts: AppFacts): boolean {
  return facts.applicationMode === "INTERACTIVE" || parseRuntime(facts.runtime)?.kind === "studio";
}

function endOfSupportEvidence(runtime: string, region: string): string {
  const assumed = runtimeSupport(runtime).assumed ? " (assumed, not an AWS date)" : "";
  return `${runtime}: end of support since ${endOfSupportDate(runtime, region)}${assumed}`;
}

export const DETECTORS: { [id in FactorId]: Detector } = {
  "studio-notebook": ({ facts, target }) => {
    if (!isStudio(facts)) return null;
    const targetsV2 = (flink(target)?.major ?? 0) >= 2;
    return {
      evidence: `RuntimeEnvironment=${facts.runtime}, ApplicationMode=${facts.applicationMode}`,
      advice: targetsV2
        ? `Studio notebooks cannot run ${runtimeLabel(target)}`
        : "Studio notebooks cannot be upgraded in place",
    };
  },

  "sql-application": ({ facts }) =>
    parseRuntime(facts.runtime)?.kind === "sql"
      ? {
          evidence: `RuntimeEnvironment=${facts.runtime}`,
          advice: "SQL-1_0 applications have no Flink runtime to upgrade to",
        }
      : null,

  "status-not-upgradable": ({ facts }) =>
    UPGRADABLE_STATUSES.has(facts.status)
      ? null
      : {
          evidence: `ApplicationStatus=${facts.status || "unknown"}`,
          advice: `wait until it is RUNNING or READY (it is ${facts.status || "in an unknown status"})`,
        },

  "runtime-downgrade": ({ facts, target }) =>
    isDowngrade(facts.runtime, target)
      ? {
          evidence: `RuntimeEnvironment=${facts.runtime}, target ${target}`,
          advice: `${runtimeLabel(target)} is older than ${runtimeLabel(facts.runtime)}; pick a newer target`,
        }
      : null,

  "already-on-target": ({ facts, target }) =>
    flink(facts.runtime) && flink(target) && compareRuntimes(facts.runtime, target) === 0
      ? {
          evidence: `RuntimeEnvironment=${facts.runtime} is already the target`,
          advice: `it already runs ${runtimeLabel(target)}`,
        }
      : null,

  "target-not-flink": ({ target }) =>
    flink(target)
      ? null
      : { evidence: `target ${target || "(empty)"}`, advice: `${target || "the target"} is not a Flink runtime` },

  "target-end-of-support": ({ facts, target, now }) =>
    flink(target) && isEndOfSupport(target, now, facts.region)
      ? {
          evidence: `target ${endOfSupportEvidence(target, facts.region)}`,
          advice: `${runtimeLabel(target)} is past end of support; pick a newer target`,
        }
      : null,

  "flink-1_6-state-jump": ({ facts, target }) => {
    const current = flink(facts.runtime);
    const next = flink(target);
    const state = stateEvidence(facts);
    if (!current || !next || !state) return null;
    if (current.major !== 1 || current.minor !== 6 || !isAtLeast(next, 1, 18)) return null;
    return {
      evidence: `RuntimeEnvironment=${facts.runtime} with state (${state}), target ${target}`,
      advice: "Flink 1.6 state cannot be restored on 1.18 or later; go through FLINK-1_13 or FLINK-1_15 first",
    };
  },

  "snapshots-disabled": ({ facts }) =>
    facts.snapshotsEnabled
      ? null
      : { evidence: "SnapshotsEnabled=false", advice: "enable snapshots, or the update loses state" },

  "no-snapshot": ({ facts }) =>
    facts.newestSnapshot
      ? null
      : { evidence: "no READY snapshot", advice: "take a snapshot first — there is none to roll back to" },

  "stale-snapshot": ({ facts, now }) => {
    const snapshot = facts.newestSnapshot;
    if (!snapshot) return null;
    const days = wholeDaysBetween(snapshot.createdAt, now);
    if (days < THRESHOLDS.staleSnapshotDays) return null;
    return {
      evidence: `newest snapshot ${plural(days, "day")} old (${snapshot.name})`,
      advice: `take a snapshot first — the newest is ${plural(days, "day")} old`,
    };
  },

  "system-rollback-disabled": ({ facts }) =>
    facts.rollbackEnabled ? null : { evidence: "RollbackEnabled=false", advice: "enable system rollback" },

  "restore-skips-snapshot": ({ facts }) =>
    facts.restore.applicationRestoreType === "SKIP_RESTORE_FROM_SNAPSHOT"
      ? {
          evidence: "ApplicationRestoreType=SKIP_RESTORE_FROM_SNAPSHOT",
          advice: "restore from the latest snapshot, or the upgrade discards the job's state",
        }
      : null,

  "restore-custom-snapshot": ({ facts }) => {
    if (facts.restore.applicationRestoreType !== "RESTORE_FROM_CUSTOM_SNAPSHOT") return null;
    const name = facts.restore.snapshotName ?? "(no SnapshotName)";
    const newest = facts.newestSnapshot;
    const isNewest = newest?.name === facts.restore.snapshotName;
    const newer = newest && !isNewest ? `; the newest READY snapshot is ${newest.name}` : "";
    return {
      evidence: `ApplicationRestoreType=RESTORE_FROM_CUSTOM_SNAPSHOT, SnapshotName=${name}${newer}`,
      advice: `restore from the latest snapshot rather than ${name}, unless going back to it is the point`,
    };
  },

  "major-version-jump": ({ facts, target }) => {
    if (!isMajorJump(facts.runtime, target)) return null;
    const from = flink(facts.runtime)?.major;
    const to = flink(target)?.major;
    return {
      evidence: `${facts.runtime} → ${target} (major version ${from} → ${to})`,
      advice: `check state compatibility and rebuild for ${runtimeLabel(target)} on Java 17`,
    };
  },

  "version-jump": ({ facts, target }) => {
    const skipped = skippedRuntimes(facts.runtime, target);
    if (skipped.length === 0) return null;
    const { weight, maxWeight = Infinity } = FACTORS["version-jump"];
    const releases = plural(skipped.length, "release");
    return {
      evidence: `skips ${skipped.join(", ")} (${releases})`,
      advice: `review the ${releases} skipped on the way`,
      weight: Math.min(maxWeight, weight * skipped.length),
    };
  },

  "end-of-support-runtime": ({ facts, now }) =>
    flink(facts.runtime) && isEndOfSupport(facts.runtime, now, facts.region)
      ? {
          evidence: endOfSupportEvidence(facts.runtime, facts.region),
          advice: `${runtimeLabel(facts.runtime)} is past end of support, so there is no way back to it`,
        }
      : null,

  "python-application": ({ facts, target }) =>
    facts.isPython && isMajorJump(facts.runtime, target)
      ? {
          evidence: `PyFlink application (${facts.detectedBy?.python ?? "kinesis.analytics.flink.run.options: python"})`,
          advice: "rebuild the Python job for Python 3.12",
        }
      : null,

  "kinesis-connector-state": ({ facts, target }) => {
    const current = flink(facts.runtime);
    const next = flink(target);
    if (!facts.kinesisSource || !stateEvidence(facts) || !current || !next) return null;
    if (isAtLeast(current, 1, 13) || !isAtLeast(next, 1, 13)) return null;
    return {
      evidence: `${facts.runtime} → ${target} with a Kinesis source (${facts.detectedBy?.kinesisSource ?? "runtime properties"})`,
      advice: "migrate the Kinesis source state with the Amazon Kinesis Connector Flink State Migrator",
    };
  },

  "kinesis-source-2x": ({ facts, target }) =>
    facts.kinesisSource && isMajorJump(facts.runtime, target)
      ? {
          evidence: `Kinesis source (${facts.detectedBy?.kinesisSource ?? "runtime properties"})`,
          advice: "move the Kinesis source to KinesisStreamsSource 6.0",
        }
      : null,

  "kinesis-efo-2x": ({ facts, target }) =>
    facts.usesEfo && (flink(target)?.major ?? 0) >= 2
      ? {
          evidence: `Enhanced Fan-Out consumer (${facts.detectedBy?.efo ?? "runtime properties"})`,
          advice: "mind the EFO resharding and deadlock issues on Flink 2.x",
        }
      : null,

  "recent-restarts": ({ facts }) => {
    const restarts = facts.metrics24h.restarts;
    if (restarts === null || restarts < THRESHOLDS.restartsIn24h) return null;
    return {
      evidence: `${plural(restarts, "restart")} in the last 24 h`,
      advice: `fix the restarts first (${restarts} in the last 24 h)`,
    };
  },

  "failed-checkpoints": ({ facts }) => {
    const failed = facts.metrics24h.failedCheckpoints;
    if (failed === null || failed < THRESHOLDS.failedCheckpointsIn24h) return null;
    return {
      evidence: `${plural(failed, "failed checkpoint")} in the last 24 h`,
      advice: "fix the failing checkpoints first",
    };
  },

  "large-state": ({ facts }) => {
    const size = facts.metrics24h.lastCheckpointSizeBytes;
    if (size === null || size < THRESHOLDS.largeStateBytes) return null;
    return {
      evidence: `last checkpoint ${formatBytes(size)}`,
      advice: `plan a longer window for ${formatBytes(size)} of state`,
    };
  },

  "blast-radius": ({ facts }) => {
    const isWide = facts.parallelism >= THRESHOLDS.highParallelism;
    const isHeavy = facts.kpus !== null && facts.kpus >= THRESHOLDS.highKpus;
    if (!isWide && !isHeavy) return null;
    const kpus = facts.kpus === null ? "" : `, ${plural(facts.kpus, "KPU")}`;
    return {
      evidence: `parallelism ${facts.parallelism}${kpus}`,
      advice: "upgrade it late in the rollout, with someone watching",
    };
  },

  "kryo-fallback-types": ({ facts, target }) => {
    const types = facts.logs.kryoTypes ?? [];
    const from = flink(facts.runtime);
    if (types.length === 0 || (flink(target)?.major ?? 0) < 2 || (from?.major ?? 2) >= 2) return null;
    const named = types.length > 3 ? `${types.slice(0, 3).join(", ")} and ${types.length - 3} more` : types.join(", ");
    return {
      evidence: `Flink logs ${plural(types.length, "type")} as GenericType (Kryo): ${named}`,
      advice: `give ${named} a serializer that survives Kryo 5.6`,
    };
  },

  "no-log-stream": ({ facts }) => {
    const { logStream } = facts.logs;
    if (!["missing", "no-group", "not-configured"].includes(logStream)) return null;
    const evidence =
      logStream === "not-configured"
        ? "no CloudWatch logging option configured"
        : logStream === "no-group"
          ? "the configured log group does not exist: MSF drops the log"
          : "the configured log stream does not exist: MSF drops the log";
    return { evidence, advice: "create the log stream so a failure can be diagnosed" };
  },

  "no-health-baseline": ({ facts }) => {
    const { restarts, failedCheckpoints } = facts.metrics24h;
    if (facts.status !== "RUNNING" || restarts !== null || failedCheckpoints !== null) return null;
    return {
      evidence: "restarts and failed checkpoints unknown for the last 24 h",
      advice: "record a health baseline first — no metrics for the last 24 h",
    };
  },
};

/** The production tag that matched ("env=prod"), or null. Keys and values are case-insensitive. */
export function productionTag(tags: Record<string, string>): string | null {
  const keys: readonly string[] = PRODUCTION.tagKeys;
  const values: readonly string[] = PRODUCTION.tagValues;
  for (const [key, value] of Object.entries(tags)) {
    if (keys.includes(key.toLowerCase()) && values.includes(value.trim().toLowerCase())) {
      return `${key}=${value}`;
    }
  }
  return null;
}
