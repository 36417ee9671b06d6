// One detector per factor in weights.ts: given the facts, is the factor present, what exactly was
// seen (evidence) and what to do about it in a few words (advice, used in the summary sentence).
import type { AppFacts, CodeFact, CodeFinding } from "./facts";
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
  /** Only for scaled factors and a code-checked weight; otherwise the table weight applies. */
  weight?: number;
  /** Only where the evidence brings its own remedy (the code scan's); otherwise the table's. */
  remediation?: string;
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

// ── The code scan ─────────────────────────────────────────────────────────────────────────────
// The scan checks the build against Flink 2.2, so it speaks only to a Flink 2.x target.
function scannedCode(facts: AppFacts, target: string): CodeFact | null {
  return (flink(target)?.major ?? 0) >= 2 ? (facts.code ?? null) : null;
}

// Rule ids of lib/compat/rules.ts (lib/risk does not import the scanner, so they are named here).
/** Findings that may name a Kinesis source connector: a legacy class, or an artifact release that is too old. */
const CONNECTOR_FINDING_IDS: ReadonlySet<string> = new Set(["legacy-connector", "connector-version"]);
/** Findings that mean part of the build was not checked, so an absence proves nothing. */
const COVERAGE_GAP_IDS: ReadonlySet<string> = new Set([
  "bad-class-file",
  "entry-too-large",
  "unreadable-entry",
  "nested-archive",
]);
/** FlinkKinesisConsumer (Java or PyFlink), or a Kinesis source connector artifact (legacy or built for 1.x). */
const KINESIS_SOURCE_CODE = /FlinkKinesisConsumer|flink-connector-kinesis(?![\w-])|flink-connector-aws-kinesis-streams/;
const KINESIS_STREAMS_CONNECTOR = /^flink-connector-aws-kinesis-streams /;

function findingText(finding: CodeFinding): string {
  return [finding.evidence, ...(finding.symbols ?? [])].join(" ");
}

function legacyKinesisSource(code: CodeFact): CodeFinding[] {
  return code.findings.filter(
    (finding) => CONNECTOR_FINDING_IDS.has(finding.id) && KINESIS_SOURCE_CODE.test(findingText(finding)),
  );
}

/** The scan read the whole build: what it did not find is not there. */
function sawEverything(code: CodeFact): boolean {
  return code.status !== "unreadable" && !code.findings.some((finding) => COVERAGE_GAP_IDS.has(finding.id));
}

function kinds(findings: CodeFinding[]): number {
  return new Set(findings.map((finding) => finding.id)).size;
}

function firstSymbols(symbols: string[], shown = 2): string {
  const more = symbols.length > shown ? `, +${symbols.length - shown} more` : "";
  return `${symbols.slice(0, shown).join(", ")}${more}`;
}

/** "Uses a legacy connector (org…FlinkKinesisConsumer); Uses the DataSet API (…); and 2 more kinds" */
function describeFindings(findings: CodeFinding[], shown = 3): string {
  const byId = new Map<string, { title: string; symbols: string[]; evidence: string }>();
  for (const finding of findings) {
    const group = byId.get(finding.id) ?? { title: finding.title, symbols: [], evidence: finding.evidence };
    for (const symbol of finding.symbols ?? []) if (!group.symbols.includes(symbol)) group.symbols.push(symbol);
    byId.set(finding.id, group);
  }
  const groups = [...byId.values()];
  const parts = groups
    .slice(0, shown)
    .map((group) => `${group.title} (${group.symbols.length > 0 ? firstSymbols(group.symbols) : group.evidence})`);
  const more = groups.length > shown ? `; and ${plural(groups.length - shown, "more kind")}` : "";
  return `${parts.join("; ")}${more}`;
}

/** "uses a legacy connector, and 2 more kinds" */
function briefly(findings: CodeFinding[]): string {
  const title = findings[0]?.title ?? "";
  const others = kinds(findings) - 1;
  const more = others > 0 ? `, and ${plural(others, "more kind")}` : "";
  return `${title.charAt(0).toLowerCase()}${title.slice(1)}${more}`;
}

/** The scan's own remedies first (the first few distinct ones), then the table's. */
function remedies(findings: CodeFinding[], general: string, shown = 3): string {
  const specific = [...new Set(findings.map((finding) => finding.remediation.trim()).filter(Boolean))];
  return [...specific.slice(0, shown), general].join(" ");
}

function kinesisCheckedEvidence(code: CodeFact): string {
  const connector = code.connectors?.find((name) => KINESIS_STREAMS_CONNECTOR.test(name));
  return connector
    ? `code scan: already on KinesisStreamsSource (${connector}), no FlinkKinesisConsumer`
    : "code scan: no FlinkKinesisConsumer and no 1.x Kinesis connector in the build";
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
    const evidence = `${facts.runtime} → ${target} (major version ${from} → ${to})`;
    if (scannedCode(facts, target)?.status !== "clean") {
      return { evidence, advice: `check state compatibility and rebuild for ${runtimeLabel(target)} on Java 17` };
    }
    const { weight, codeCheckedWeight = weight } = FACTORS["major-version-jump"];
    return {
      evidence: `${evidence}; code scan clean: nothing Flink 2.0 removed, the state still moves one way`,
      advice: `check state compatibility for ${runtimeLabel(target)} (the code scan found the build clean)`,
      weight: codeCheckedWeight,
    };
  },

  "version-jump": ({ facts, target }) => {
    const skipped = skippedRuntimes(facts.runtime, target);
    if (skipped.length === 0) return null;
    const { weight, maxWeight = Infinity, codeCheckedWeight = weight } = FACTORS["version-jump"];
    const releases = plural(skipped.length, "release");
    const evidence = `skips ${skipped.join(", ")} (${releases})`;
    if (scannedCode(facts, target)?.status !== "clean") {
      return {
        evidence,
        advice: `review the ${releases} skipped on the way`,
        weight: Math.min(maxWeight, weight * skipped.length),
      };
    }
    return {
      evidence: `${evidence}; code scan clean against ${target}`,
      advice: `review the state changes of the ${releases} skipped on the way`,
      weight: Math.min(maxWeight, codeCheckedWeight * skipped.length),
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

  // The configuration only guesses a Kinesis source; the code scan confirms it (a legacy consumer or a 1.x
  // connector release), or, having read the whole build and found neither, leaves only the state to prove.
  "kinesis-source-2x": ({ facts, target }) => {
    if (!isMajorJump(facts.runtime, target)) return null;
    const code = scannedCode(facts, target);
    const confirmed = code ? legacyKinesisSource(code) : [];
    if (!facts.kinesisSource && confirmed.length === 0) return null;
    const fromProperties = `Kinesis source (${facts.detectedBy?.kinesisSource ?? "runtime properties"})`;
    const advice = "move the Kinesis source to KinesisStreamsSource 6.0";
    if (confirmed.length > 0) {
      const seen = `code scan: ${describeFindings(confirmed)}`;
      return { evidence: facts.kinesisSource ? `${fromProperties}; ${seen}` : seen, advice };
    }
    if (!code || !sawEverything(code)) return { evidence: fromProperties, advice };
    const { weight, codeCheckedWeight = weight } = FACTORS["kinesis-source-2x"];
    return {
      evidence: `${kinesisCheckedEvidence(code)}; the runtime properties suggest a Kinesis source (${facts.detectedBy?.kinesisSource ?? "runtime properties"})`,
      advice: "prove the Kinesis source state restores on connector 6.0",
      weight: codeCheckedWeight,
    };
  },

  "kinesis-efo-2x": ({ facts, target }) =>
    facts.usesEfo && (flink(target)?.major ?? 0) >= 2
      ? {
          evidence: `Enhanced Fan-Out consumer (${facts.detectedBy?.efo ?? "runtime properties"})`,
          advice: "mind the EFO resharding and deadlock issues on Flink 2.x",
        }
      : null,

  "code-breaks": ({ facts, target }) => {
    const code = scannedCode(facts, target);
    if (!code) return null;
    const breaks = code.findings.filter((finding) => finding.severity === "breaks");
    if (breaks.length === 0 && code.status !== "breaks") return null;
    const { remediation } = FACTORS["code-breaks"];
    if (breaks.length === 0) {
      return {
        evidence: "code scan: breaks on Flink 2.2 (no details recorded)",
        advice: `rebuild the code for ${runtimeLabel(target)}`,
      };
    }
    return {
      evidence: `code scan: ${describeFindings(breaks)}`,
      advice: `rebuild the code for ${runtimeLabel(target)} (${briefly(breaks)})`,
      remediation: remedies(breaks, remediation),
    };
  },

  "code-warnings": ({ facts, target }) => {
    const code = scannedCode(facts, target);
    if (!code) return null;
    const warnings = code.findings.filter((finding) => finding.severity === "warning");
    if (warnings.length === 0 && code.status !== "warnings") return null;
    const { weight, maxWeight = Infinity, remediation } = FACTORS["code-warnings"];
    const count = Math.max(1, kinds(warnings));
    const scaled = Math.min(maxWeight, weight * count);
    if (warnings.length === 0) {
      return { evidence: "code scan: warnings (no details recorded)", advice: "review the code scan's warnings" };
    }
    return {
      evidence: `code scan: ${describeFindings(warnings)}`,
      advice: `review the code scan's warnings (${briefly(warnings)})`,
      weight: scaled,
      remediation: remedies(warnings, remediation),
    };
  },

  "code-unreadable": ({ facts, target }) => {
    const code = scannedCode(facts, target);
    if (code?.status !== "unreadable") return null;
    return {
      evidence: `code scan could not read the build: ${code.reason ?? "no reason given"}`,
      advice: "scan the code again once it can be read — unknown is not safe",
    };
  },

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
