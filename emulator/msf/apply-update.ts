// UpdateApplication input → the next AppConfig, plus what kind of change it is (pure apart from validation errors).
import { EmuError } from "../core/types";
import {
  isSqlApp,
  isStudioApp,
  type AppConfig,
  type CodeConfig,
  type FlinkConfig,
  type MsfApp,
  type PropertyGroup,
} from "./model";
import { isFlinkRuntime, isKnownRuntime } from "./runtimes";
import {
  ARN_PATTERN,
  NAME_PATTERN,
  invalidArgument,
  invalidRequest,
  isPlainObject,
  readSnapshotName,
  type Reader,
} from "./validate";

export interface ConfigChange {
  config: AppConfig;
  runtimeChanged: boolean;
  codeChanged: boolean;
  /** The running job has to be redeployed (runtime, code, Flink settings, properties, role). */
  needsRestart: boolean;
  hasUpdates: boolean;
}

const CONFIG_TYPES = ["DEFAULT", "CUSTOM"] as const;
const RESTORE_TYPES = [
  "SKIP_RESTORE_FROM_SNAPSHOT",
  "RESTORE_FROM_LATEST_SNAPSHOT",
  "RESTORE_FROM_CUSTOM_SNAPSHOT",
] as const;
const MAX_KPUS = 64;

export function applyConfigUpdate(app: MsfApp, current: AppConfig, input: Reader): ConfigChange {
  let config: AppConfig = { ...current, allowNonRestoredState: false };
  let runtimeChanged = false;
  let codeChanged = false;
  let needsRestart = false;
  let hasUpdates = false;

  const runtime = input.str("RuntimeEnvironmentUpdate");
  if (runtime !== undefined) {
    hasUpdates = true;
    if (!isKnownRuntime(runtime)) throw invalidArgument(`Unknown runtime environment ${runtime}.`);
    if (runtime !== current.runtime) {
      if (isStudioApp(app)) throw invalidArgument("In-place version upgrades are not supported for Studio notebooks.");
      if (isSqlApp(app)) throw invalidArgument("SQL applications cannot change their runtime environment.");
      if (!isFlinkRuntime(runtime)) throw invalidArgument(`${runtime} is not a runtime for this application.`);
      config = { ...config, runtime };
      runtimeChanged = needsRestart = true;
    }
  }
  const role = input.str("ServiceExecutionRoleUpdate", { min: 1, max: 2048, pattern: ARN_PATTERN });
  if (role !== undefined) {
    hasUpdates = true;
    if (role !== current.role) needsRestart = true;
    config = { ...config, role };
  }

  const update = input.obj("ApplicationConfigurationUpdate");
  const code = update?.obj("ApplicationCodeConfigurationUpdate");
  if (code) {
    if (isStudioApp(app)) throw invalidArgument("Code updates are not supported for Studio notebooks.");
    hasUpdates = true;
    const next = applyCode(current.code, code);
    codeChanged = JSON.stringify(next) !== JSON.stringify(current.code);
    needsRestart ||= codeChanged;
    config = { ...config, code: next };
  }
  const flink = update?.obj("FlinkApplicationConfigurationUpdate");
  if (flink) {
    if (!current.flink)
      throw invalidArgument("FlinkApplicationConfigurationUpdate is only valid for Apache Flink applications.");
    hasUpdates = needsRestart = true;
    config = { ...config, flink: applyFlink(current.flink, flink) };
  }
  const env = update?.obj("EnvironmentPropertyUpdates");
  if (env) {
    hasUpdates = needsRestart = true;
    config = { ...config, propertyGroups: readPropertyGroups(env) };
  }
  const snapshots = update?.obj("ApplicationSnapshotConfigurationUpdate");
  if (snapshots) {
    hasUpdates = true;
    config = { ...config, snapshotsEnabled: snapshots.bool("SnapshotsEnabledUpdate", true, true) };
  }
  const rollback = update?.obj("ApplicationSystemRollbackConfigurationUpdate");
  if (rollback) {
    hasUpdates = true;
    config = { ...config, rollbackEnabled: rollback.bool("RollbackEnabledUpdate", true, true) };
  }

  const run = input.obj("RunConfigurationUpdate");
  const restore = run?.obj("ApplicationRestoreConfiguration");
  if (restore) {
    hasUpdates = true;
    const restoreType = restore.oneOf("ApplicationRestoreType", RESTORE_TYPES, true);
    const snapshotName = readSnapshotName(restore);
    if (restoreType === "RESTORE_FROM_CUSTOM_SNAPSHOT" && !snapshotName) {
      throw invalidArgument("SnapshotName is required when ApplicationRestoreType is RESTORE_FROM_CUSTOM_SNAPSHOT.");
    }
    config = {
      ...config,
      restoreType,
      restoreSnapshotName: restoreType === "RESTORE_FROM_CUSTOM_SNAPSHOT" ? snapshotName : undefined,
    };
  }
  const flinkRun = run?.obj("FlinkRunConfiguration");
  if (flinkRun) {
    hasUpdates = true;
    config = { ...config, allowNonRestoredState: flinkRun.bool("AllowNonRestoredState") ?? false };
  }

  const logging = input.list("CloudWatchLoggingOptionUpdates");
  if (logging) {
    hasUpdates = true;
    config = { ...config, logging: applyLogging(current.logging, logging) };
  }
  return { config, runtimeChanged, codeChanged, needsRestart, hasUpdates };
}

function applyCode(current: CodeConfig, code: Reader): CodeConfig {
  let next: CodeConfig = { ...current };
  const type = code.oneOf("CodeContentTypeUpdate", ["PLAINTEXT", "ZIPFILE"] as const);
  if (type) next.contentType = type;
  const content = code.obj("CodeContentUpdate");
  if (!content) return next;
  const text = content.str("TextContentUpdate", { max: 102400 });
  if (text !== undefined) next = { ...next, textContent: text, codeSize: text.length };
  const zip = content.str("ZipFileContentUpdate");
  if (zip !== undefined) {
    const size = Buffer.from(zip, "base64").length;
    if (size > 52_428_800) throw invalidArgument("ZipFileContentUpdate must be at most 52428800 bytes.");
    next = { contentType: "ZIPFILE", codeSize: size };
  }
  const s3 = content.obj("S3ContentLocationUpdate");
  if (s3) {
    const bucketArn = s3.str("BucketARNUpdate", { min: 1, max: 2048, pattern: ARN_PATTERN });
    const fileKey = s3.str("FileKeyUpdate", { min: 1, max: 1024 });
    const objectVersion = s3.str("ObjectVersionUpdate", { max: 1024 });
    next = {
      ...next,
      ...(bucketArn !== undefined ? { bucketArn } : {}),
      ...(fileKey !== undefined ? { fileKey } : {}),
      ...(objectVersion !== undefined ? { objectVersion } : {}),
    };
    if (!next.bucketArn || !next.fileKey)
      throw invalidArgument("S3ContentLocationUpdate needs a bucket ARN and a file key.");
  }
  return next;
}

function applyFlink(current: FlinkConfig, flink: Reader): FlinkConfig {
  const next: FlinkConfig = {
    checkpoint: { ...current.checkpoint },
    monitoring: { ...current.monitoring },
    parallelism: { ...current.parallelism },
  };
  const cp = flink.obj("CheckpointConfigurationUpdate");
  if (cp) {
    next.checkpoint.type = cp.oneOf("ConfigurationTypeUpdate", CONFIG_TYPES) ?? next.checkpoint.type;
    next.checkpoint.enabled = cp.bool("CheckpointingEnabledUpdate") ?? next.checkpoint.enabled;
    next.checkpoint.interval = cp.int("CheckpointIntervalUpdate", { min: 1 }) ?? next.checkpoint.interval;
    next.checkpoint.minPause = cp.int("MinPauseBetweenCheckpointsUpdate", { min: 0 }) ?? next.checkpoint.minPause;
  }
  const mon = flink.obj("MonitoringConfigurationUpdate");
  if (mon) {
    next.monitoring.type = mon.oneOf("ConfigurationTypeUpdate", CONFIG_TYPES) ?? next.monitoring.type;
    next.monitoring.metricsLevel =
      mon.oneOf("MetricsLevelUpdate", ["APPLICATION", "TASK", "OPERATOR", "PARALLELISM"] as const) ??
      next.monitoring.metricsLevel;
    next.monitoring.logLevel =
      mon.oneOf("LogLevelUpdate", ["INFO", "WARN", "ERROR", "DEBUG"] as const) ?? next.monitoring.logLevel;
  }
  const par = flink.obj("ParallelismConfigurationUpdate");
  if (par) {
    next.parallelism.type = par.oneOf("ConfigurationTypeUpdate", CONFIG_TYPES) ?? next.parallelism.type;
    next.parallelism.parallelism = par.int("ParallelismUpdate", { min: 1 }) ?? next.parallelism.parallelism;
    next.parallelism.perKpu = par.int("ParallelismPerKPUUpdate", { min: 1 }) ?? next.parallelism.perKpu;
    next.parallelism.autoScaling = par.bool("AutoScalingEnabledUpdate") ?? next.parallelism.autoScaling;
    const kpus = Math.ceil(next.parallelism.parallelism / next.parallelism.perKpu);
    if (kpus > MAX_KPUS) {
      throw new EmuError(
        "LimitExceededException",
        `Parallelism ${next.parallelism.parallelism} needs ${kpus} KPUs; the limit is ${MAX_KPUS}.`,
      );
    }
  }
  return next;
}

function readPropertyGroups(env: Reader): PropertyGroup[] {
  const groups = env.list("PropertyGroups", { required: true, max: 50 }) ?? [];
  return groups.map((group) => {
    if (!isPlainObject(group)) throw invalidRequest("Each property group must be an object.");
    const { PropertyGroupId: id, PropertyMap: map } = group;
    if (typeof id !== "string" || !isPlainObject(map))
      throw invalidRequest("A property group needs PropertyGroupId and PropertyMap.");
    if (id.length < 1 || id.length > 50 || !NAME_PATTERN.test(id))
      throw invalidArgument(`Invalid PropertyGroupId ${id}.`);
    const entries = Object.entries(map);
    if (entries.length < 1 || entries.length > 50) throw invalidArgument("A PropertyMap must have 1..50 entries.");
    for (const [key, value] of entries) {
      if (typeof value !== "string") throw invalidRequest("Property values must be strings.");
      if (key.length < 1 || key.length > 2048 || value.length < 1 || value.length > 2048) {
        throw invalidArgument("Property keys and values must have length 1..2048.");
      }
    }
    return { PropertyGroupId: id, PropertyMap: Object.fromEntries(entries) as Record<string, string> };
  });
}

function applyLogging(current: AppConfig["logging"], updates: unknown[]): AppConfig["logging"] {
  const next = current.map((o) => ({ ...o }));
  for (const update of updates) {
    if (!isPlainObject(update) || typeof update.CloudWatchLoggingOptionId !== "string") {
      throw invalidRequest("Each CloudWatchLoggingOptionUpdate needs a CloudWatchLoggingOptionId.");
    }
    const option = next.find((o) => o.CloudWatchLoggingOptionId === update.CloudWatchLoggingOptionId);
    if (!option) throw invalidArgument(`Unknown CloudWatchLoggingOptionId ${update.CloudWatchLoggingOptionId}.`);
    const arn = update.LogStreamARNUpdate;
    if (arn !== undefined) {
      if (typeof arn !== "string") throw invalidRequest("LogStreamARNUpdate must be a string.");
      if (!ARN_PATTERN.test(arn)) throw invalidArgument("LogStreamARNUpdate must be an ARN.");
      option.LogStreamARN = arn;
    }
  }
  return next;
}
