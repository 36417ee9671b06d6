// The configuration a seed application starts from (code location, property groups, Flink settings).
import { hashString } from "../core/prng";
import type { RuntimeEnvironment } from "../core/types";
import type { AppConfig, PropertyGroup } from "../msf/model";
import type { AppSpec } from "./spec";

const MAINTENANCE_WINDOWS: Record<string, { start: string; end: string }> = {
  "us-east-1": { start: "03:00", end: "11:00" },
  "eu-west-1": { start: "22:00", end: "06:00" },
  "ap-southeast-2": { start: "14:00", end: "22:00" },
};

export function runtimeLabel(runtime: RuntimeEnvironment): string {
  return runtime.replace(/^[A-Z-]*?(\d+)_(\d+)$/, "$1.$2");
}

export function fileKeyFor(spec: AppSpec, runtime: RuntimeEnvironment, build: number): string {
  const ext = spec.language === "python" ? "zip" : "jar";
  const suffix = build > 1 ? `-b${build}` : "";
  return `${spec.name}-flink-${runtimeLabel(runtime)}${suffix}.${ext}`;
}

export function baseConfig(spec: AppSpec, accountId: string, runtime: RuntimeEnvironment): AppConfig {
  const { name, region } = spec;
  const isSql = spec.language === "sql";
  const isStudio = spec.language === "studio";
  return {
    runtime,
    description: spec.description,
    role: `arn:aws:iam::${accountId}:role/msf-${name}`,
    code: isSql
      ? { contentType: "PLAINTEXT", textContent: sqlCode(), codeSize: sqlCode().length }
      : {
          contentType: "ZIPFILE",
          ...(isStudio
            ? {}
            : {
                bucketArn: `arn:aws:s3:::flink-artifacts-${accountId}-${region}`,
                fileKey: fileKeyFor(spec, runtime, 1),
              }),
          codeSize: 5_000_000 + (hashString(name) % 90_000_000),
        },
    restoreType: "RESTORE_FROM_LATEST_SNAPSHOT",
    allowNonRestoredState: false,
    ...(isSql
      ? {}
      : {
          flink: {
            checkpoint: { type: "DEFAULT", enabled: true, interval: 60_000, minPause: 5_000 },
            monitoring: { type: "CUSTOM", metricsLevel: "APPLICATION", logLevel: "INFO" },
            parallelism: {
              type: "CUSTOM",
              parallelism: spec.parallelism,
              perKpu: spec.perKpu,
              autoScaling: spec.autoScaling,
            },
          },
        }),
    propertyGroups: isSql || isStudio ? [] : propertyGroupsFor(spec),
    snapshotsEnabled: spec.snapshotsEnabled,
    rollbackEnabled: spec.rollbackEnabled,
    logging: [
      {
        CloudWatchLoggingOptionId: "1.1",
        LogStreamARN: `arn:aws:logs:${region}:${accountId}:log-group:/aws/kinesis-analytics/${name}:log-stream:kinesis-analytics-log-stream`,
      },
    ],
    maintenance: MAINTENANCE_WINDOWS[region] ?? { start: "02:00", end: "10:00" },
  };
}

function propertyGroupsFor(spec: AppSpec): PropertyGroup[] {
  const groups: PropertyGroup[] = [];
  if (spec.language === "python") {
    groups.push({
      PropertyGroupId: "kinesis.analytics.flink.run.options",
      PropertyMap: { python: "main.py", jarfile: "lib/connectors.jar" },
    });
  }
  const source = spec.source;
  if (source.kind === "kinesis") {
    groups.push({
      PropertyGroupId: "ConsumerConfigProperties",
      PropertyMap: {
        "aws.region": spec.region,
        "input.stream.name": source.streamName,
        "flink.stream.initpos": "LATEST",
        ...(source.efo
          ? { "flink.stream.recordpublisher": "EFO", "flink.stream.efo.consumername": `${spec.name}-efo` }
          : { "flink.stream.recordpublisher": "POLLING" }),
      },
    });
  } else {
    groups.push({
      PropertyGroupId: "KafkaSource",
      PropertyMap: {
        "bootstrap.servers": `b-1.msk-${spec.team}.kafka.${spec.region}.amazonaws.com:9098`,
        topic: source.topic,
        "group.id": spec.name,
      },
    });
  }
  groups.push({
    PropertyGroupId: "ProducerConfigProperties",
    PropertyMap: { "aws.region": spec.region, "output.stream.name": `${spec.name}-output` },
  });
  return groups;
}

function sqlCode(): string {
  return [
    'CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (metric_value DOUBLE, anomaly_score DOUBLE);',
    'CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"',
    'SELECT STREAM "metric_value", ANOMALY_SCORE FROM TABLE(RANDOM_CUT_FOREST(',
    '  CURSOR(SELECT STREAM "metric_value" FROM "SOURCE_SQL_STREAM_001")));',
  ].join("\n");
}
