import type { ApplicationDetail, SnapshotDetails } from "@aws-sdk/client-kinesis-analytics-v2";
import { detectEfo, detectKinesisSource, detectPython, type PropertyGroupFact } from "./property-heuristics";

export type ApplicationMode = "STREAMING" | "INTERACTIVE";

export interface SnapshotFact {
  name: string;
  createdAt: Date;
  /** Flink runtime the snapshot was taken with; null when the API did not say. */
  runtime: string | null;
}

/** CloudWatch figures over the last 24 h; null = unknown or not fetched. */
export interface Metrics24h {
  restarts: number | null;
  failedCheckpoints: number | null;
  lastCheckpointSizeBytes: number | null;
}

export const UNKNOWN_METRICS: Metrics24h = {
  restarts: null,
  failedCheckpoints: null,
  lastCheckpointSizeBytes: null,
};

/** What the application's CloudWatch Logs say (lib/logs/log-evidence.ts); unknown when not read. */
export interface LogFacts {
  logStream: "present" | "missing" | "no-group" | "not-configured" | "unknown";
  /** Types Flink logs as processed with Kryo (GenericType); null = not scanned. */
  kryoTypes: string[] | null;
}

export const UNKNOWN_LOGS: LogFacts = { logStream: "unknown", kryoTypes: null };

/** How the next (re)start restores state, from RunConfigurationDescription. */
export interface RestoreFact {
  /** RESTORE_FROM_LATEST_SNAPSHOT, RESTORE_FROM_CUSTOM_SNAPSHOT or SKIP_RESTORE_FROM_SNAPSHOT. */
  applicationRestoreType: string;
  /** The snapshot a custom restore uses; null otherwise. */
  snapshotName: string | null;
  allowNonRestoredState: boolean;
}

export type CodeScanStatus = "clean" | "warnings" | "breaks" | "unreadable";

/** One finding of the code scan, as the risk model needs it. */
export interface CodeFinding {
  /** The scan's rule id, e.g. "legacy-connector", "removed-class" (lib/compat/rules.ts). */
  id: string;
  severity: "breaks" | "warning";
  title: string;
  /** What the scan saw, e.g. "org.apache.flink…FlinkKinesisConsumer in 3 classes". */
  evidence: string;
  docUrl: string;
  remediation: string;
  /** What was seen item by item (classes, methods, artifacts), the first few only. */
  symbols?: string[];
}

/**
 * The code scan of the application's current build (JAR or PyFlink zip) against Flink 2.2. Absent or null: not
 * scanned, and the model guesses from the configuration alone. lib/risk does not import the scanner: the caller
 * maps its result with `codeFactOf`.
 */
export interface CodeFact {
  status: CodeScanStatus;
  findings: CodeFinding[];
  /** Why the scan could not read the code (status "unreadable"). */
  reason?: string;
  /** Connector artifacts bundled in the build, as "artifactId version" (e.g. "flink-connector-kafka 4.0.0-2.0"). */
  connectors?: string[];
}

/** What `codeFactOf` reads: lib/compat's ScanResult fits it, and so does any result of the same shape. */
export interface CodeScanLike {
  status: CodeScanStatus;
  error?: { message: string };
  findings: readonly {
    id: string;
    severity: "breaks" | "warning";
    title: string;
    evidence: string;
    docUrl: string;
    remediation: string;
    symbols?: readonly string[];
  }[];
  artifacts?: readonly { artifactId: string; version: string }[];
}

/** Symbols kept per finding: the evidence names the first two, and the fact stays small. */
const CODE_SYMBOLS_KEPT = 5;

/** Pure mapper from a code scan result to the model's fact; null (not scanned) stays null. */
export function codeFactOf(result: CodeScanLike | null | undefined): CodeFact | null {
  if (!result) return null;
  const findings = result.findings.map(({ id, severity, title, evidence, docUrl, remediation, symbols }) => ({
    id,
    severity,
    title,
    evidence,
    docUrl,
    remediation,
    ...(symbols && symbols.length > 0 ? { symbols: symbols.slice(0, CODE_SYMBOLS_KEPT) } : {}),
  }));
  const connectors = [
    ...new Set(
      (result.artifacts ?? [])
        .filter((artifact) => artifact.artifactId.startsWith("flink-connector-"))
        .map((artifact) => `${artifact.artifactId} ${artifact.version}`),
    ),
  ];
  return {
    status: result.status,
    findings,
    ...(result.status === "unreadable" && result.error?.message ? { reason: result.error.message } : {}),
    ...(connectors.length > 0 ? { connectors } : {}),
  };
}

/** Everything the risk model looks at, as plain data (no SDK types). */
export interface AppFacts {
  name: string;
  region: string;
  /** e.g. "FLINK-1_15" */
  runtime: string;
  /** ApplicationStatus, e.g. "RUNNING" */
  status: string;
  applicationMode: ApplicationMode;
  snapshotsEnabled: boolean;
  restore: RestoreFact;
  /** System (auto) rollback. */
  rollbackEnabled: boolean;
  /** Newest READY snapshot. */
  newestSnapshot: SnapshotFact | null;
  isPython: boolean;
  kinesisSource: boolean;
  usesEfo: boolean;
  tags: Record<string, string>;
  parallelism: number;
  kpus: number | null;
  metrics24h: Metrics24h;
  logs: LogFacts;
  /** Which runtime property gave each heuristic away, for concrete evidence. */
  detectedBy?: { python?: string; kinesisSource?: string; efo?: string };
  /** The code scan of the current build; absent or null = not scanned (the configuration alone decides). */
  code?: CodeFact | null;
}

export interface FactsExtras {
  region: string;
  tags: Record<string, string>;
  snapshots: SnapshotDetails[];
  metrics24h?: Metrics24h;
  logs?: LogFacts;
  /** From the CloudWatch KPUs metric when fetched. */
  kpus?: number | null;
  /** The code scan, mapped with `codeFactOf`; absent or null = not scanned. */
  code?: CodeFact | null;
}

function propertyGroups(detail: ApplicationDetail): PropertyGroupFact[] {
  const groups =
    detail.ApplicationConfigurationDescription?.EnvironmentPropertyDescriptions?.PropertyGroupDescriptions ?? [];
  return groups.map((group) => ({
    id: group.PropertyGroupId ?? "",
    properties: group.PropertyMap ?? {},
  }));
}

/** Snapshots without a creation time cannot be ranked and are ignored. */
export function newestReadySnapshot(snapshots: SnapshotDetails[]): SnapshotFact | null {
  let newest: SnapshotFact | null = null;
  for (const snapshot of snapshots) {
    const createdAt = snapshot.SnapshotCreationTimestamp;
    if (snapshot.SnapshotStatus !== "READY" || !createdAt || !snapshot.SnapshotName) continue;
    if (newest && newest.createdAt.getTime() >= createdAt.getTime()) continue;
    newest = {
      name: snapshot.SnapshotName,
      createdAt,
      runtime: snapshot.RuntimeEnvironment ?? null,
    };
  }
  return newest;
}

/** MSF restores the latest snapshot and refuses unmapped state unless told otherwise. */
export function restoreOf(detail: ApplicationDetail | null | undefined): RestoreFact {
  const run = detail?.ApplicationConfigurationDescription?.RunConfigurationDescription;
  const restore = run?.ApplicationRestoreConfigurationDescription;
  const type = restore?.ApplicationRestoreType ?? "RESTORE_FROM_LATEST_SNAPSHOT";
  return {
    applicationRestoreType: type,
    snapshotName: type === "RESTORE_FROM_CUSTOM_SNAPSHOT" ? (restore?.SnapshotName ?? null) : null,
    allowNonRestoredState: run?.FlinkRunConfigurationDescription?.AllowNonRestoredState ?? false,
  };
}

function modeOf(detail: ApplicationDetail): ApplicationMode {
  if (detail.ApplicationMode) return detail.ApplicationMode;
  // ApplicationMode may be absent on old applications; Studio runtimes are always INTERACTIVE.
  return detail.RuntimeEnvironment?.startsWith("ZEPPELIN") ? "INTERACTIVE" : "STREAMING";
}

function withoutEmpty(hints: Record<string, string | null>): Record<string, string> {
  return Object.fromEntries(Object.entries(hints).filter((entry): entry is [string, string] => entry[1] !== null));
}

/** Pure mapper from DescribeApplication (+ tags, snapshots, metrics) to the model's facts. */
export function factsFromApplicationDetail(detail: ApplicationDetail, extras: FactsExtras): AppFacts {
  const config = detail.ApplicationConfigurationDescription;
  const parallelism = config?.FlinkApplicationConfigurationDescription?.ParallelismConfigurationDescription;
  const groups = propertyGroups(detail);
  const python = detectPython(groups);
  const efo = detectEfo(groups);
  const kinesisSource = detectKinesisSource(groups) ?? efo;

  return {
    name: detail.ApplicationName ?? "",
    region: extras.region,
    runtime: detail.RuntimeEnvironment ?? "",
    status: detail.ApplicationStatus ?? "",
    applicationMode: modeOf(detail),
    // Missing configuration reads as "off": existing apps are not opted in to system rollback.
    snapshotsEnabled: config?.ApplicationSnapshotConfigurationDescription?.SnapshotsEnabled ?? false,
    rollbackEnabled: config?.ApplicationSystemRollbackConfigurationDescription?.RollbackEnabled ?? false,
    restore: restoreOf(detail),
    newestSnapshot: newestReadySnapshot(extras.snapshots),
    isPython: python !== null,
    kinesisSource: kinesisSource !== null,
    usesEfo: efo !== null,
    tags: extras.tags,
    parallelism: parallelism?.CurrentParallelism ?? parallelism?.Parallelism ?? 1,
    kpus: extras.kpus ?? null,
    metrics24h: extras.metrics24h ?? UNKNOWN_METRICS,
    logs: extras.logs ?? UNKNOWN_LOGS,
    detectedBy: withoutEmpty({ python, kinesisSource, efo }),
    ...(extras.code !== undefined ? { code: extras.code } : {}),
  };
}
