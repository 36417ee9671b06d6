// Wire shapes (msf-api.md §3). Timestamps leave as epoch seconds.
import { conditionalToken } from "../core/ids";
import {
  currentVersion,
  isSqlApp,
  isStudioApp,
  type AppConfig,
  type AppVersion,
  type MsfApp,
  type OperationRecord,
  type SnapshotRecord,
} from "./model";

export const toSeconds = (ms: number): number => ms / 1000;

export function renderSummary(app: MsfApp): Record<string, unknown> {
  return {
    ApplicationName: app.name,
    ApplicationARN: app.arn,
    ApplicationStatus: app.status,
    ApplicationVersionId: app.versionId,
    RuntimeEnvironment: app.runtime,
    ...(isSqlApp(app) ? {} : { ApplicationMode: app.mode }),
  };
}

export function renderDetail(app: MsfApp, version: AppVersion = currentVersion(app), includeAdditional = false) {
  const isCurrent = version.versionId === app.versionId;
  const config = version.config;
  return {
    ApplicationARN: app.arn,
    ApplicationDescription: config.description,
    ApplicationName: app.name,
    RuntimeEnvironment: config.runtime,
    ServiceExecutionRole: config.role,
    ApplicationStatus: isCurrent ? app.status : version.status,
    ApplicationVersionId: version.versionId,
    CreateTimestamp: toSeconds(app.createdAt),
    LastUpdateTimestamp: toSeconds(isCurrent ? app.lastUpdatedAt : version.createdAt),
    ApplicationConfigurationDescription: renderConfiguration(app, config, includeAdditional),
    CloudWatchLoggingOptionDescriptions: config.logging.map((option) => ({ ...option })),
    ApplicationMaintenanceConfigurationDescription: {
      ApplicationMaintenanceWindowStartTime: config.maintenance.start,
      ApplicationMaintenanceWindowEndTime: config.maintenance.end,
    },
    ...(version.updatedFrom !== undefined ? { ApplicationVersionUpdatedFrom: version.updatedFrom } : {}),
    ...(version.rolledBackFrom !== undefined ? { ApplicationVersionRolledBackFrom: version.rolledBackFrom } : {}),
    ...(version.rolledBackTo !== undefined ? { ApplicationVersionRolledBackTo: version.rolledBackTo } : {}),
    ApplicationVersionCreateTimestamp: toSeconds(version.createdAt),
    ...(isCurrent ? { ConditionalToken: conditionalToken(app.arn, app.versionId, app.changeSeq) } : {}),
    ...(isSqlApp(app) ? {} : { ApplicationMode: app.mode }),
  };
}

function renderConfiguration(app: MsfApp, config: AppConfig, includeAdditional: boolean): Record<string, unknown> {
  const description: Record<string, unknown> = {};
  if (isStudioApp(app)) {
    description.ZeppelinApplicationConfigurationDescription = {
      MonitoringConfigurationDescription: { LogLevel: "INFO" },
      CatalogConfigurationDescription: {
        GlueDataCatalogConfigurationDescription: {
          DatabaseARN: `arn:aws:glue:${app.region}:${app.accountId}:database/${app.name.replace(/-/g, "_")}`,
        },
      },
    };
  } else {
    description.ApplicationCodeConfigurationDescription = renderCode(config);
  }
  if (isSqlApp(app)) description.SqlApplicationConfigurationDescription = renderSql(app);
  if (config.flink && !isStudioApp(app)) {
    description.RunConfigurationDescription = {
      ApplicationRestoreConfigurationDescription: {
        ApplicationRestoreType: config.restoreType,
        ...(config.restoreSnapshotName ? { SnapshotName: config.restoreSnapshotName } : {}),
      },
      FlinkRunConfigurationDescription: { AllowNonRestoredState: config.allowNonRestoredState },
    };
  }
  if (config.flink) {
    const { checkpoint, monitoring, parallelism } = config.flink;
    description.FlinkApplicationConfigurationDescription = {
      CheckpointConfigurationDescription:
        checkpoint.type === "DEFAULT"
          ? {
              ConfigurationType: "DEFAULT",
              CheckpointingEnabled: true,
              CheckpointInterval: 60000,
              MinPauseBetweenCheckpoints: 5000,
            }
          : {
              ConfigurationType: "CUSTOM",
              CheckpointingEnabled: checkpoint.enabled,
              CheckpointInterval: checkpoint.interval,
              MinPauseBetweenCheckpoints: checkpoint.minPause,
            },
      MonitoringConfigurationDescription: {
        ConfigurationType: monitoring.type,
        MetricsLevel: monitoring.metricsLevel,
        LogLevel: monitoring.logLevel,
      },
      ParallelismConfigurationDescription: {
        ConfigurationType: parallelism.type,
        Parallelism: parallelism.parallelism,
        ParallelismPerKPU: parallelism.perKpu,
        CurrentParallelism:
          config === currentVersion(app).config
            ? (app.currentParallelism ?? parallelism.parallelism)
            : parallelism.parallelism,
        AutoScalingEnabled: parallelism.autoScaling,
      },
      ...(includeAdditional ? { JobPlanDescription: renderJobPlan(app, config) } : {}),
    };
  }
  if (config.propertyGroups.length > 0) {
    description.EnvironmentPropertyDescriptions = {
      PropertyGroupDescriptions: config.propertyGroups.map((g) => ({
        PropertyGroupId: g.PropertyGroupId,
        PropertyMap: { ...g.PropertyMap },
      })),
    };
  }
  description.ApplicationSnapshotConfigurationDescription = { SnapshotsEnabled: config.snapshotsEnabled };
  description.ApplicationSystemRollbackConfigurationDescription = { RollbackEnabled: config.rollbackEnabled };
  return description;
}

function renderCode(config: AppConfig): Record<string, unknown> {
  const { code } = config;
  return {
    CodeContentType: code.contentType,
    CodeContentDescription: {
      ...(code.textContent !== undefined ? { TextContent: code.textContent } : {}),
      CodeSize: code.codeSize,
      ...(code.bucketArn && code.fileKey
        ? {
            S3ApplicationCodeLocationDescription: {
              BucketARN: code.bucketArn,
              FileKey: code.fileKey,
              ...(code.objectVersion ? { ObjectVersion: code.objectVersion } : {}),
            },
          }
        : {}),
    },
  };
}

function renderSql(app: MsfApp): Record<string, unknown> {
  const source = app.profile.source.kind === "kinesis" ? app.profile.source.streamName : app.profile.source.topic;
  return {
    InputDescriptions: [
      {
        InputId: "1.1",
        NamePrefix: "SOURCE_SQL_STREAM",
        InAppStreamNames: ["SOURCE_SQL_STREAM_001"],
        KinesisStreamsInputDescription: {
          ResourceARN: `arn:aws:kinesis:${app.region}:${app.accountId}:stream/${source}`,
        },
        InputSchema: {
          RecordFormat: {
            RecordFormatType: "JSON",
            MappingParameters: { JSONMappingParameters: { RecordRowPath: "$" } },
          },
          RecordEncoding: "UTF-8",
          RecordColumns: [
            { Name: "event_time", SqlType: "TIMESTAMP", Mapping: "$.event_time" },
            { Name: "metric_value", SqlType: "DOUBLE", Mapping: "$.value" },
          ],
        },
        InputParallelism: { Count: 1 },
        InputStartingPositionConfiguration: { InputStartingPosition: "NOW" },
      },
    ],
    OutputDescriptions: [
      {
        OutputId: "2.1",
        Name: "DESTINATION_SQL_STREAM",
        KinesisStreamsOutputDescription: {
          ResourceARN: `arn:aws:kinesis:${app.region}:${app.accountId}:stream/${app.name}-out`,
        },
        DestinationSchema: { RecordFormatType: "JSON" },
      },
    ],
    ReferenceDataSourceDescriptions: [],
  };
}

function renderJobPlan(app: MsfApp, config: AppConfig): string {
  const parallelism = config.flink?.parallelism.parallelism ?? 1;
  const nodes = ["Source", "Process", "Sink"].map((kind, i) => ({
    id: `${app.name}-${i}`,
    parallelism,
    operator: "",
    description: `${kind}: ${app.name}`,
    ...(i > 0 ? { inputs: [{ num: 0, id: `${app.name}-${i - 1}`, ship_strategy: i === 1 ? "HASH" : "FORWARD" }] } : {}),
  }));
  return JSON.stringify({ jid: app.arn.length.toString(16).padStart(32, "0"), name: app.name, nodes });
}

export function renderSnapshot(snapshot: SnapshotRecord): Record<string, unknown> {
  return {
    SnapshotName: snapshot.name,
    SnapshotStatus: snapshot.status,
    ApplicationVersionId: snapshot.versionId,
    SnapshotCreationTimestamp: toSeconds(snapshot.createdAt),
    RuntimeEnvironment: snapshot.runtime,
  };
}

export function renderOperationInfo(op: OperationRecord): Record<string, unknown> {
  return {
    Operation: op.operation,
    OperationId: op.id,
    StartTime: toSeconds(op.startTime),
    ...(op.endTime !== undefined ? { EndTime: toSeconds(op.endTime) } : {}),
    OperationStatus: op.status,
  };
}

export function renderOperationDetails(op: OperationRecord): Record<string, unknown> {
  const failure = op.errorString !== undefined || op.rollbackOperationId !== undefined;
  return {
    Operation: op.operation,
    StartTime: toSeconds(op.startTime),
    ...(op.endTime !== undefined ? { EndTime: toSeconds(op.endTime) } : {}),
    OperationStatus: op.status,
    ...(op.versionFrom !== undefined && op.versionTo !== undefined
      ? {
          ApplicationVersionChangeDetails: {
            ApplicationVersionUpdatedFrom: op.versionFrom,
            ApplicationVersionUpdatedTo: op.versionTo,
          },
        }
      : {}),
    ...(failure
      ? {
          OperationFailureDetails: {
            ...(op.rollbackOperationId ? { RollbackOperationId: op.rollbackOperationId } : {}),
            ...(op.errorString ? { ErrorInfo: { ErrorString: op.errorString } } : {}),
          },
        }
      : {}),
  };
}
