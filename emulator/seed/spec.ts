// A seed application described by intent; build-app.ts turns it into full state with a believable history.
import type { JobBehaviour, RuntimeEnvironment, Scenario } from "../core/types";

export type Language = "java" | "python" | "sql" | "studio";

export type SourceSpec = { kind: "kinesis"; streamName: string; efo: boolean } | { kind: "kafka"; topic: string };

export interface AppSpec {
  name: string;
  region: string;
  runtime: RuntimeEnvironment;
  language: Language;
  status: "RUNNING" | "READY";
  scenario: Scenario;
  snapshotsEnabled: boolean;
  rollbackEnabled: boolean;
  parallelism: number;
  perKpu: number;
  autoScaling: boolean;
  source: SourceSpec;
  team: string;
  env: "prod" | "staging" | "dev";
  owner: string;
  description: string;
  createdDaysAgo: number;
  /** Number of application versions before the seed's special history events (≥ 1). */
  versionCount: number;
  /** Ages in days of existing snapshots (empty = none). */
  snapshotAgesDays: number[];
  /** READY apps: when they were stopped. */
  stoppedHoursAgo?: number;
  /** A maintenance restart this many hours ago. */
  maintenanceHoursAgo?: number;
  /** The last version is an in-place upgrade from this runtime, `upgradedHoursAgo` hours ago. */
  upgradedFrom?: RuntimeEnvironment;
  upgradedHoursAgo?: number;
  /** Behaviour since that upgrade (default healthy), e.g. an app already restart-looping on 2.2. */
  behaviourAfterUpgrade?: JobBehaviour;
  /** A failed upgrade to this runtime that the system rolled back, `failedUpgradeHoursAgo` hours ago. */
  failedUpgradeTo?: RuntimeEnvironment;
  failedUpgradeHoursAgo?: number;
  profile: { checkpointDurationMs: number; checkpointSizeBytes: number; cpuPct: number; heapPct: number };
  /** False: the log stream named by CloudWatchLoggingOptions was never created (default true). */
  logStream?: boolean;
  /** What the code objects show (README "Code objects"); omitted traits come from the scenario and a hash. */
  code?: CodeTraits;
}

/** Per-app code traits a hand-written spec may pin (generated apps get them from a hash of the ARN). */
export interface CodeTraits {
  /** binary-incompatible apps: what in the code breaks on 2.x. */
  binaryProblem?: "legacy-connector" | "source-function" | "dataset";
  /** Path of a nested JAR (inside the app's JAR) that carries the binary problem (Java apps). */
  nested?: string;
  /** The 1.x builds target Java 11 (major 55) although the runtime supports 17. */
  java11?: boolean;
  /** The 1.x builds use the Scala DataStream API. */
  scala?: boolean;
}

export const DEFAULT_ACCOUNT_ID = "123456789012";

export const REGION_POOL: readonly string[] = [
  "us-east-1",
  "eu-west-1",
  "ap-southeast-2",
  "us-west-2",
  "eu-central-1",
  "ap-northeast-1",
  "us-east-2",
  "eu-west-2",
  "ap-south-1",
  "ca-central-1",
  "sa-east-1",
  "eu-north-1",
  "ap-southeast-1",
  "us-west-1",
  "eu-west-3",
  "ap-northeast-2",
];

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** How far back every timeline starts (charts need at least a day of baseline). */
export const TIMELINE_DAYS = 3;
