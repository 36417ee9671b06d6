// Contract between the emulator's parts: the MSF side (server, store, seed, msf/) owns and mutates
// this state; the CloudWatch side (cloudwatch/) only reads it and derives metrics from `timeline`.
// Times are epoch milliseconds (wall clock) inside the emulator; the wire uses epoch seconds.

export type ApplicationStatus =
  | "DELETING"
  | "STARTING"
  | "STOPPING"
  | "READY"
  | "RUNNING"
  | "UPDATING"
  | "AUTOSCALING"
  | "FORCE_STOPPING"
  | "ROLLING_BACK"
  | "MAINTENANCE"
  | "ROLLED_BACK";

/** e.g. "FLINK-1_15", "FLINK-2_2", "SQL-1_0", "ZEPPELIN-FLINK-3_0" (msf-api.md §2.2). */
export type RuntimeEnvironment = string;

/** What an upgrade does to this application (issue 2, "Upgrade scenarios"). */
export type Scenario =
  | "healthy"
  | "binary-incompatible"
  | "state-incompatible"
  | "slow-checkpoints"
  | "stuck-updating"
  | "rollback-fails"
  | "slow-restart-loop"
  | "silent"
  | "late-failure"
  | "maintenance-during-observation"
  | "autoscaling-during-observation";

/**
 * How the Flink job behaves during a stretch of time, which decides its metrics:
 * - healthy: uptime/runningTime grow, numRestarts flat, checkpoints at baseline.
 * - restart-loop: job restarts every `durations.restartLoopIntervalMs`; numRestarts/fullRestarts climb,
 *   uptime/runningTime saw-tooth near 0, downtime/restartingTime > 0, numberOfFailedCheckpoints climbs.
 * - slow-checkpoints: healthy, but lastCheckpointDuration 3–5× the profile baseline.
 * - slow-restart-loop: like restart-loop with `durations.slowRestartLoopIntervalMs`, mostly running.
 * - silent: the job runs but publishes no datapoint at all.
 * - failing-checkpoints: healthy job whose checkpoints fail, one per `durations.checkpointIntervalMs`.
 * - restarting: the job is down and restarting once (maintenance): one restart, downtime grows.
 * - idle: no job running (READY, STARTING, STOPPING, UPDATING, ROLLING_BACK ...): no job metrics published
 *   except what a stopped app publishes (nothing), so charts show gaps.
 */
export type JobBehaviour =
  | "healthy"
  | "restart-loop"
  | "slow-checkpoints"
  | "slow-restart-loop"
  | "silent"
  | "failing-checkpoints"
  | "restarting"
  | "idle";

/** One stretch of an application's history; the last segment is open-ended (until now). */
export interface TimelineSegment {
  start: number;
  status: ApplicationStatus;
  runtime: RuntimeEnvironment;
  behaviour: JobBehaviour;
  /** True when a new Flink job was submitted at `start` (start, update, rollback): job counters reset. */
  freshJob: boolean;
  parallelism: number;
  kpus: number;
}

/** Per-application constants the metric synthesis uses; deterministic from the seed. */
export interface MetricProfile {
  checkpointDurationMs: number;
  checkpointSizeBytes: number;
  cpuPct: number;
  heapPct: number;
  /** Kinesis sources publish millisBehindLatest (dims Id, Application, Flow=Input); Kafka records_lag_max. */
  source: { kind: "kinesis"; streamName: string } | { kind: "kafka"; topic: string };
}

export interface EmuApp {
  accountId: string;
  region: string;
  name: string;
  arn: string;
  /** Current status and runtime mirror the last timeline segment. */
  status: ApplicationStatus;
  runtime: RuntimeEnvironment;
  scenario: Scenario;
  profile: MetricProfile;
  timeline: TimelineSegment[];
  /** Everything else the MSF side needs (configuration, versions, snapshots, operations, tags). */
  [key: string]: unknown;
}

export interface EmuAlarm {
  AlarmName: string;
  AlarmArn: string;
  Namespace: string;
  MetricName: string;
  Dimensions: { Name: string; Value: string }[];
  /** Exactly one of Statistic and ExtendedStatistic (seeded alarms: Statistic). */
  Statistic?: string;
  ExtendedStatistic?: string;
  Period: number;
  EvaluationPeriods: number;
  /** Omitted = EvaluationPeriods ("N out of N"). */
  DatapointsToAlarm?: number;
  Threshold: number;
  ComparisonOperator: string;
  TreatMissingData?: string;
  Unit?: string;
  EvaluateLowSampleCountPercentile?: string;
  AlarmDescription?: string;
  /** Omitted = true. Actions are stored and listed, never run. */
  ActionsEnabled?: boolean;
  AlarmActions?: string[];
  OKActions?: string[];
  InsufficientDataActions?: string[];
  StateValue: "OK" | "ALARM" | "INSUFFICIENT_DATA";
  /** Omitted = derived from the state (seeded alarms). */
  StateReason?: string;
  /** epoch ms */
  StateUpdatedTimestamp: number;
  /** epoch ms; omitted = StateUpdatedTimestamp (seeded alarms) */
  AlarmConfigurationUpdatedTimestamp?: number;
}

/** Durations of emulated processes, chosen by EMULATOR_SPEED (real | demo | test) or per-field env. */
export interface EmuDurations {
  startMs: number;
  stopMs: number;
  updateMs: number;
  rollbackMs: number;
  snapshotMs: number;
  /** How long a failing update runs before it is marked FAILED (binary-incompatible). */
  updateFailMs: number;
  /** Period of one restart in a restart loop (state-incompatible). */
  restartLoopIntervalMs: number;
  /** Period of one restart in the slow-restart-loop scenario. */
  slowRestartLoopIntervalMs: number;
  /** AWS/KinesisAnalytics publish cadence: one datapoint per metric on this grid. */
  metricPeriodMs: number;
  /** A datapoint at t is visible to CloudWatch reads only from t + this. */
  ingestionDelayMs: number;
  /** One failed checkpoint per interval in the late-failure scenario (MSF default CheckpointInterval). */
  checkpointIntervalMs: number;
  /** MAINTENANCE / AUTOSCALING status length in the *-during-observation scenarios. */
  maintenanceMs: number;
  autoscalingMs: number;
  /** Job outage of the single restart during maintenance / autoscaling. */
  restartOutageMs: number;
  /** late-failure: healthy this long after RUNNING, then failing checkpoints. */
  lateFailureOnsetMs: number;
  /** Maintenance / autoscaling begins this long after RUNNING. */
  disturbanceOnsetMs: number;
  /** A CreateApplicationPresignedUrl URL must be used this soon after creation (AWS: 3 minutes). */
  presignedUrlFirstUseMs: number;
  /** A log line written at t is visible to CloudWatch Logs reads only from t + this. */
  logsIngestionDelayMs: number;
  /** A Logs Insights query is Scheduled this long after StartQuery, then Running. */
  logsQueryScheduledMs: number;
  /** A Logs Insights query is Complete this long after StartQuery. */
  logsQueryMs: number;
}

/** Runtime-switchable behaviour of the emulator (POST /_emulator/settings). */
export interface EmuSettings {
  /** Publish runningTime/restartingTime/cancellingTime/failingTime under {Application, Flow=Job}. */
  jobStateFlowDimension: boolean;
}

/** What every handler receives: the caller's account and region (from SigV4) and the clock. */
export interface RequestContext {
  accountId: string;
  region: string;
  now: number;
  durations: EmuDurations;
  store: EmuStore;
  requestId: string;
  /** Omitted = defaults (no Flow dimension). */
  settings?: EmuSettings;
  /** Injected fault: GetMetricData answers 200 with this StatusCode on every result and no datapoints. */
  metricStatus?: "Forbidden" | "InternalError";
  /** Scheme + host the client called (from the Host header), for URLs the emulator hands out. */
  origin?: string;
}

export interface EmuStore {
  /** Applications of one account+region, already advanced to `now` (lazy state machine). */
  apps(accountId: string, region: string, now: number): EmuApp[];
  app(accountId: string, region: string, name: string, now: number): EmuApp | undefined;
  alarms(accountId: string, region: string): EmuAlarm[];
  /** PutMetricAlarm: stores the alarm, replacing the one of the same name. */
  putAlarm(accountId: string, region: string, alarm: EmuAlarm): void;
}

/**
 * An AWS-shaped error. `code` is the __type (e.g. "ResourceNotFoundException").
 * `queryCode` is the awsQuery code CloudWatch reports in x-amzn-query-error (e.g. "InvalidParameterValue").
 */
export class EmuError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly httpStatus = 400,
    readonly queryCode?: string,
  ) {
    super(message);
  }
}
