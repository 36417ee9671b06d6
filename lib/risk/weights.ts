// The risk model in one table. Review it here: every factor's weight, the advice it gives, and
// where AWS says so. Quotes come from the seeds in shared/seeds and msf-api.md §6 and §10.
//
// Scoring: score = min(100, round(sum of weights × production multiplier)); any blocking factor
// makes the application "blocked" with score 100.
// Levels: low < 25 ≤ medium < 55 ≤ high. A clean 1.x → 2.x upgrade (25) is never "low" on the
// configuration alone.
//
// The code scan (AppFacts.code, when the build was scanned against Flink 2.2) adds evidence both ways:
// what it finds adds code-breaks / code-warnings, a scan that could not read the code adds
// code-unreadable (unknown is not safe), and a scan that checked what the configuration could only
// guess lowers those guesses to their `codeCheckedWeight` (major-version-jump and version-jump on a
// clean scan; kinesis-source-2x when the scan saw the whole build and no legacy Kinesis connector).
// State risks (Kryo, snapshots, connector state) are not code: the scan never lowers them.

const DOCS = "https://docs.aws.amazon.com/managed-flink/latest/java";

export const DOC_URLS = {
  upgrade: `${DOCS}/upgrading-application-new-version.html`,
  inPlaceUpgrades: `${DOCS}/how-in-place-version-upgrades.html`,
  rollback: `${DOCS}/rollback.html`,
  precautions: `${DOCS}/precautions.html`,
  bestPractices: `${DOCS}/best-practices-recommendations.html`,
  systemRollback: `${DOCS}/how-system-rollbacks.html`,
  snapshots: `${DOCS}/how-snapshots.html`,
  quotas: `${DOCS}/limits.html`,
  metrics: `${DOCS}/metrics-dimensions.html`,
  monitoring: `${DOCS}/monitoring.html`,
  logging: `${DOCS}/cloudwatch-logs.html`,
  flink22: `${DOCS}/flink-2-2.html`,
  flink22UpgradeGuide: `${DOCS}/flink-2-2-upgrade-guide.html`,
  stateCompatibility: `${DOCS}/state-compatibility.html`,
  python: `${DOCS}/how-python.html`,
} as const;

export const LEVEL_BOUNDARIES = { mediumFrom: 25, highFrom: 55 } as const;

/** Blockers show this weight; a blocked application scores 100 whatever else is true. */
export const BLOCKING_WEIGHT = 100;

// Where AWS gives no number, these are our own choices, stated so a reviewer can move them.
export const THRESHOLDS = {
  /** A snapshot this many whole days old is no longer a good restore point. */
  staleSnapshotDays: 7,
  /** One restart a day can be MSF maintenance (10–30 s restart in the maintenance window). */
  restartsIn24h: 2,
  failedCheckpointsIn24h: 1,
  largeStateBytes: 10 * 1024 ** 3,
  /** Half the default quota of 64 KPUs per application. */
  highParallelism: 32,
  highKpus: 32,
} as const;

export interface FactorDefinition {
  blocking: boolean;
  /** Points added to the score; for scaled factors, points per unit up to `maxWeight`. */
  weight: number;
  maxWeight?: number;
  /**
   * The weight (per unit for scaled factors) once a code scan has checked what this factor guesses from the
   * configuration; the detector says when that is. Absent: the scan does not change this factor.
   */
  codeCheckedWeight?: number;
  title: string;
  why: string;
  remediation: string;
  docUrl: string;
}

function blocker(definition: Omit<FactorDefinition, "blocking" | "weight">): FactorDefinition {
  return { blocking: true, weight: BLOCKING_WEIGHT, ...definition };
}

function risk(weight: number, definition: Omit<FactorDefinition, "blocking" | "weight">) {
  return { blocking: false, weight, ...definition } satisfies FactorDefinition;
}

export const FACTORS = {
  // ── Blockers ────────────────────────────────────────────────────────────────────────────────
  "studio-notebook": blocker({
    title: "Studio notebook",
    why: "AWS: “Flink 2.2 in Amazon Managed Service for Apache Flink does not support Studio applications”, and in-place version upgrades are not available for Studio notebooks at all.",
    remediation:
      "Leave the notebook on its runtime, or deploy its logic as a standard (STREAMING) Flink application and upgrade that.",
    docUrl: DOC_URLS.flink22,
  }),
  "sql-application": blocker({
    title: "Legacy SQL application",
    why: "SQL-1_0 is a Kinesis Data Analytics for SQL application, not a Flink runtime; in-place version upgrades move Flink applications between Flink versions, so there is nothing to upgrade it to.",
    remediation: "Rewrite the queries as a Flink SQL / Table API application on a current runtime and cut over to it.",
    docUrl: DOC_URLS.upgrade,
  }),
  "status-not-upgradable": blocker({
    title: "Application is not RUNNING or READY",
    why: "AWS runs runtime upgrades only while the application is RUNNING or READY (stopped); in any other status another operation is in progress.",
    remediation:
      "Wait for the current operation to finish (roll back an application stuck in UPDATING or AUTOSCALING), then assess again.",
    docUrl: DOC_URLS.inPlaceUpgrades,
  }),
  "runtime-downgrade": blocker({
    title: "Target is older than the current runtime",
    why: "Downgrades are limited to a version the application ran before, restoring a snapshot of matching or earlier version; the 1.x → 2.x upgrade is one-way: “you cannot move back from 2.2 to 1.x with 2.2 state”.",
    remediation:
      "Pick a newer target. To undo a recent upgrade use RollbackApplication, which restores the snapshot taken before it.",
    docUrl: DOC_URLS.inPlaceUpgrades,
  }),
  "already-on-target": risk(0, {
    title: "Already on the target runtime",
    why: "The application already runs the target runtime, so there is nothing to upgrade.",
    remediation: "Pick a newer target, or leave the application as it is.",
    docUrl: DOC_URLS.upgrade,
  }),
  "target-not-flink": blocker({
    title: "Target is not a Flink runtime",
    why: "Only Flink runtimes (FLINK-x_y) can be the target of an in-place version upgrade.",
    remediation: "Pick a Flink runtime such as FLINK-2_2 as the target.",
    docUrl: DOC_URLS.inPlaceUpgrades,
  }),
  "target-end-of-support": blocker({
    title: "Target runtime is past end of support",
    why: "AWS: since 2025-02-05 (2025-03-19 in China and GovCloud Regions) applications on Flink 1.6, 1.8 and 1.11 cannot be created, started or run.",
    remediation: "Pick a supported target such as FLINK-1_20 or FLINK-2_2.",
    docUrl: DOC_URLS.quotas,
  }),
  "flink-1_6-state-jump": blocker({
    title: "Stateful jump from Flink 1.6 to 1.18 or later",
    why: "AWS: “Flink 1.6 states are not compatible with Flink 1.18. The API rejects your request.”",
    remediation:
      "Upgrade in two hops: first to FLINK-1_13 or FLINK-1_15 (1.8 and 1.11 are past end of support), take a snapshot, then upgrade to the target.",
    docUrl: DOC_URLS.precautions,
  }),

  // ── Rollback safety ─────────────────────────────────────────────────────────────────────────
  "snapshots-disabled": risk(30, {
    title: "Snapshots are disabled",
    why: "With SnapshotsEnabled=false MSF takes no snapshot when it updates the application, which AWS warns “will lead to data loss during application updates”, and a rollback has no pre-upgrade state to return to.",
    remediation:
      "Enable snapshots (ApplicationSnapshotConfigurationUpdate.SnapshotsEnabledUpdate=true) before upgrading.",
    docUrl: DOC_URLS.snapshots,
  }),
  "no-snapshot": risk(15, {
    title: "No snapshot to fall back on",
    why: "A rollback restarts the previous version from the snapshot taken before the upgrade; “if the application has no snapshots, Managed Service for Apache Flink will reject the rollback request.”",
    remediation:
      "Take a manual snapshot (CreateApplicationSnapshot, e.g. “pre-flink-2.2-upgrade”) and wait until it is READY.",
    docUrl: DOC_URLS.rollback,
  }),
  "stale-snapshot": risk(10, {
    title: "Newest snapshot is old",
    why: "AWS recommends a manual snapshot right before the upgrade as a named restore point; restoring an old one replays or loses everything since it was taken.",
    remediation: "Take a manual snapshot just before upgrading and wait until it is READY.",
    docUrl: DOC_URLS.bestPractices,
  }),
  "system-rollback-disabled": risk(15, {
    title: "System rollback is disabled",
    why: "With system rollback on, an update that fails at job start (binary incompatibility, a snapshot compatibility issue on a version upgrade) reverts to the previous version within minutes; AWS notes existing applications are not opted in by default.",
    remediation: "Enable it first (ApplicationSystemRollbackConfigurationUpdate.RollbackEnabledUpdate=true).",
    docUrl: DOC_URLS.systemRollback,
  }),

  // ── How the upgraded job restores state (RunConfigurationDescription) ─────────────────────────
  "restore-skips-snapshot": risk(20, {
    title: "Restore is set to skip the snapshot",
    why: "With ApplicationRestoreType=SKIP_RESTORE_FROM_SNAPSHOT the upgraded job starts with empty state: windows, aggregates and source positions held in state are discarded, and MSF runs no compatibility check against a snapshot.",
    remediation:
      "Unless the job is stateless or you mean to drop its state (e.g. state that cannot migrate), choose RESTORE_FROM_LATEST_SNAPSHOT in the upgrade wizard; it is sent with the update as RunConfigurationUpdate.",
    docUrl: DOC_URLS.upgrade,
  }),
  "restore-custom-snapshot": risk(10, {
    title: "Restore is pinned to a named snapshot",
    why: "With RESTORE_FROM_CUSTOM_SNAPSHOT the upgraded job restores that snapshot, not the one MSF takes at the update: everything processed since it was taken is replayed or lost, and MSF checks the target runtime against that snapshot's Flink version.",
    remediation:
      "Choose RESTORE_FROM_LATEST_SNAPSHOT in the upgrade wizard, unless you mean to go back to that snapshot; then check it is READY and recent enough.",
    docUrl: DOC_URLS.upgrade,
  }),

  // ── Size and kind of the version change ─────────────────────────────────────────────────────
  "major-version-jump": risk(25, {
    // A clean scan checked the removed APIs and the build's Java target; the one-way state move remains.
    codeCheckedWeight: 10,
    title: "Major version upgrade (Flink 1.x → 2.x)",
    why: "Flink 2.2 is the service's first major upgrade and it is one-way. Kryo moves from 2.24 to 5.6, so Kryo-serialized state (POJOs with HashMap/ArrayList/HashSet, Scala case classes, Java records) will not restore; the DataSet API, the Scala API and SourceFunction/SinkFunction are removed; Java 17 is required.",
    remediation:
      "Rebuild against Flink 2.2 with JDK 17 and 2.x connectors, upload the JAR under a new name, triage state with the state compatibility guide (search the logs for “cannot be used as a POJO type”), and rehearse on a copy.",
    docUrl: DOC_URLS.flink22UpgradeGuide,
  }),
  "version-jump": risk(3, {
    maxWeight: 12,
    // A clean scan checked the build's APIs and connectors against the target; each release's state changes remain.
    codeCheckedWeight: 1,
    title: "Several releases skipped",
    why: "Each skipped release brings its own API, connector and state changes (Scala 2.11 → 2.12 before 1.13, FlinkKinesisProducer needed for a stateful move to 1.15+), all landing at once and harder to pin down when something fails.",
    remediation:
      "Read the release notes of every skipped version and test the upgrade from a real snapshot in a non-production copy.",
    docUrl: DOC_URLS.bestPractices,
  }),
  "end-of-support-runtime": risk(15, {
    title: "Current runtime is past end of support",
    why: "AWS: since 2025-02-05 (2025-03-19 in China and GovCloud Regions) applications on Flink 1.6, 1.8 and 1.11 cannot be created, started or run, so there is no safe way back to this runtime.",
    remediation: "Upgrade soon, and test the new build well first: falling back to this runtime is not an option.",
    docUrl: DOC_URLS.quotas,
  }),
  "python-application": risk(10, {
    title: "Python application",
    why: "Flink 2.2 removes Python 3.8 and makes Python 3.12 the default (Flink 1.20 uses 3.11), so the PyFlink job and its dependencies must be rebuilt for the new interpreter.",
    remediation:
      "Re-package the application and its Python dependencies for Python 3.12 and test it against PyFlink 2.2.",
    docUrl: DOC_URLS.python,
  }),

  // ── Connectors ──────────────────────────────────────────────────────────────────────────────
  "kinesis-connector-state": risk(20, {
    title: "Kinesis source state from Flink 1.11 or older",
    why: "Between 1.11 and 1.13 the Kinesis source moved from the Amazon Kinesis connector to the Apache one, so its state in old snapshots does not restore; the application can show RUNNING while it restart-loops (visible in fullRestarts).",
    remediation:
      "Rebuild with the Amazon Kinesis Connector Flink State Migrator, keep a snapshot to roll back to, and watch restarts after the upgrade.",
    docUrl: DOC_URLS.precautions,
  }),
  "kinesis-source-2x": risk(10, {
    // The scan saw the whole build and no FlinkKinesisConsumer/Producer nor a 1.x Kinesis connector: what is left
    // is proving the source state restores on the 6.0 connector.
    codeCheckedWeight: 3,
    title: "Kinesis source needs the 2.x connector",
    why: "Flink 2.2 removes FlinkKinesisConsumer and FlinkKinesisProducer; flink-connector-aws-kinesis-streams 6.0.0 is the only compatible connector, and Kinesis connector state from versions before 5.0 is not compatible with it.",
    remediation:
      "Move to KinesisStreamsSource / KinesisStreamsSink 6.0.0-2.0 and test restoring the source state from a snapshot before touching production.",
    docUrl: DOC_URLS.flink22,
  }),
  "kinesis-efo-2x": risk(10, {
    title: "Kinesis Enhanced Fan-Out on Flink 2.x",
    why: "Known issue: KinesisStreamsSource with EFO may fail when the stream is resharded (FLINK-37648) and, with KinesisStreamsSink under backpressure, may deadlock until a force stop and a start (FLINK-34071).",
    remediation:
      "Do not reshard around the upgrade, alarm on millisBehindLatest, or use the POLLING reader until the fix ships.",
    docUrl: DOC_URLS.flink22,
  }),

  // ── The code (scan of the current build against Flink 2.2; only when it was scanned) ───────────
  "code-breaks": risk(35, {
    title: "Code uses APIs Flink 2.x removed",
    why: "The scan of the current build found classes, methods or connectors that Flink 2.0 removed (the DataSet and Scala APIs, SourceFunction/SinkFunction, FlinkKinesisConsumer/Producer, Kryo registration, connector releases built for 1.x): this build fails on Flink 2.2 with NoClassDefFoundError or NoSuchMethodError, so the upgrade needs a new build, and everything it changes is untested.",
    remediation:
      "Rebuild against Flink 2.2 with JDK 17 and 2.x connectors, replacing what the scan names (its report lists every class and method), then scan the new build: the upgrade wizard checks the target build before it starts.",
    docUrl: DOC_URLS.flink22UpgradeGuide,
  }),
  "code-warnings": risk(5, {
    maxWeight: 15,
    title: "Code has deprecated or unchecked parts",
    why: "The scan of the current build found nothing Flink 2.0 removed, but things that deserve a look before Flink 2.2: legacy packages, classes built for Java below 17, bundled Flink runtime classes, removed configuration keys, or entries it could not check.",
    remediation:
      "Read each warning in the scan report; build with JDK 17 against Flink 2.2, mark Flink's own dependencies as provided, and move off .legacy. packages.",
    docUrl: DOC_URLS.flink22UpgradeGuide,
  }),
  "code-unreadable": risk(5, {
    title: "Code could not be scanned",
    why: "The scan that checks the build for APIs Flink 2.0 removed could not read it (missing or forbidden S3 object, damaged or oversized archive, timeout), so nothing is known about what will break; unknown is not safe.",
    remediation:
      "Fix what stopped the scan (S3 permissions, the code object, the archive) and scan again, or check the build against the Flink 2.2 upgrade guide by hand.",
    docUrl: DOC_URLS.flink22UpgradeGuide,
  }),

  // ── Current health and size ─────────────────────────────────────────────────────────────────
  "recent-restarts": risk(15, {
    title: "Restarts in the last 24 h",
    why: "RUNNING is not healthy: a job can restart-loop while MSF shows RUNNING. The upgrade's success check is numRestarts staying at zero, which means nothing if the job already restarts.",
    remediation: "Find and fix the cause of the restarts (logs, restartingTime/downtime) before upgrading.",
    docUrl: DOC_URLS.monitoring,
  }),
  "failed-checkpoints": risk(10, {
    title: "Failed checkpoints in the last 24 h",
    why: "Snapshots are Flink savepoints: when checkpoints already fail, the pre-upgrade snapshot may fail too, and “numberOfFailedCheckpoints should remain at zero” after the upgrade has no clean baseline.",
    remediation:
      "Get checkpoints healthy first: RATE(numberOfFailedCheckpoints) at zero and a steady lastCheckpointDuration.",
    docUrl: DOC_URLS.monitoring,
  }),
  "large-state": risk(10, {
    title: "Large state",
    why: "The snapshot before the update, the restore on the new runtime and any rollback all take longer with large state, and more of it is at stake if its serialization changed.",
    remediation:
      "Plan a longer window, take the manual snapshot well ahead, and compare lastCheckpointSize and lastCheckpointDuration after the upgrade.",
    docUrl: DOC_URLS.bestPractices,
  }),
  "blast-radius": risk(10, {
    title: "Large application",
    why: "High parallelism or many KPUs means more data delayed and more to replay if the upgrade fails or has to be rolled back.",
    remediation: "Upgrade it after smaller applications have gone through, in a quiet period, with someone watching.",
    docUrl: DOC_URLS.bestPractices,
  }),
  "kryo-fallback-types": risk(25, {
    title: "State types serialised with Kryo",
    why: "Flink logs these types as “cannot be used as a POJO type … must be processed as GenericType”: they are serialised with Kryo, and Flink 2.2 moves Kryo from 2.24 to 5.6, so their state in the snapshot will not restore and the new job restart-loops while MSF shows RUNNING.",
    remediation:
      "Give each named type a serializer that survives the move (a valid POJO without generic collections, or Avro) on 1.x, take a new snapshot, then upgrade; or upgrade without restoring that state if it can be rebuilt.",
    docUrl: DOC_URLS.stateCompatibility,
  }),
  "no-log-stream": risk(10, {
    title: "No application log stream",
    why: "MSF writes the job's log to the configured CloudWatch Logs stream and silently drops it when the stream is missing: during the upgrade there would be no restart lines and no exception to say why it failed.",
    remediation:
      "Create the log group and stream (or add a CloudWatchLoggingOption) before upgrading, so a failure can be diagnosed.",
    docUrl: DOC_URLS.logging,
  }),
  "no-health-baseline": risk(5, {
    title: "No health data for the last 24 h",
    why: "The post-upgrade check compares numRestarts, numberOfFailedCheckpoints and lastCheckpointDuration with pre-upgrade values; without metrics there is no baseline.",
    remediation:
      "Make sure CloudWatch metrics are published (MetricsLevel APPLICATION or finer) and record a baseline before upgrading.",
    docUrl: DOC_URLS.metrics,
  }),
} as const satisfies Record<string, FactorDefinition>;

export type FactorId = keyof typeof FACTORS;

/** Production is not a weight of its own: it multiplies all the others. */
export const PRODUCTION = {
  multiplier: 1.5,
  tagKeys: ["env", "environment", "stage"],
  tagValues: ["prod", "production", "prd"],
  title: "Production application",
  why: "AWS recommends testing the upgrade on a non-production copy first to avoid interrupting users; everything that goes wrong here costs more.",
  remediation: "Rehearse the upgrade on a non-production replica, then upgrade production in a quiet window.",
  docUrl: DOC_URLS.bestPractices,
} as const;
