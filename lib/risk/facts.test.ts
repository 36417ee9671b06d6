import type {
  ApplicationDetail,
  PropertyGroup,
  RunConfigurationDescription,
  SnapshotDetails,
} from "@aws-sdk/client-kinesis-analytics-v2";
import { describe, expect, it } from "vitest";
import { factsFromApplicationDetail, newestReadySnapshot, restoreOf, UNKNOWN_LOGS, UNKNOWN_METRICS } from "./facts";

// Shaped like msf-api.md §3.3 (a DescribeApplication response as the SDK returns it: Dates, not epochs).
function javaApp(propertyGroups: PropertyGroup[] = []): ApplicationDetail {
  return {
    ApplicationARN: "arn:aws:kinesisanalytics:us-east-1:123456789012:application/orders-enricher",
    ApplicationName: "orders-enricher",
    ApplicationDescription: "",
    RuntimeEnvironment: "FLINK-1_20",
    ApplicationMode: "STREAMING",
    ServiceExecutionRole: "arn:aws:iam::123456789012:role/msf-orders",
    ApplicationStatus: "RUNNING",
    ApplicationVersionId: 12,
    ApplicationVersionUpdatedFrom: 11,
    CreateTimestamp: new Date("2025-01-01T00:00:00Z"),
    LastUpdateTimestamp: new Date("2026-01-01T00:00:00Z"),
    ApplicationConfigurationDescription: {
      ApplicationCodeConfigurationDescription: {
        CodeContentType: "ZIPFILE",
        CodeContentDescription: {
          CodeSize: 48211233,
          S3ApplicationCodeLocationDescription: {
            BucketARN: "arn:aws:s3:::artifacts",
            FileKey: "orders-enricher-1.20.jar",
          },
        },
      },
      RunConfigurationDescription: {
        ApplicationRestoreConfigurationDescription: { ApplicationRestoreType: "RESTORE_FROM_LATEST_SNAPSHOT" },
        FlinkRunConfigurationDescription: { AllowNonRestoredState: false },
      },
      FlinkApplicationConfigurationDescription: {
        CheckpointConfigurationDescription: {
          ConfigurationType: "DEFAULT",
          CheckpointingEnabled: true,
          CheckpointInterval: 60000,
          MinPauseBetweenCheckpoints: 5000,
        },
        ParallelismConfigurationDescription: {
          ConfigurationType: "CUSTOM",
          Parallelism: 4,
          ParallelismPerKPU: 1,
          CurrentParallelism: 6,
          AutoScalingEnabled: true,
        },
      },
      EnvironmentPropertyDescriptions: { PropertyGroupDescriptions: propertyGroups },
      ApplicationSnapshotConfigurationDescription: { SnapshotsEnabled: true },
      ApplicationSystemRollbackConfigurationDescription: { RollbackEnabled: false },
    },
  };
}

const extras = { region: "us-east-1", tags: { env: "prod" }, snapshots: [] as SnapshotDetails[] };

function snapshot(name: string, status: SnapshotDetails["SnapshotStatus"], iso?: string): SnapshotDetails {
  return {
    SnapshotName: name,
    SnapshotStatus: status,
    ApplicationVersionId: 12,
    SnapshotCreationTimestamp: iso ? new Date(iso) : undefined,
    RuntimeEnvironment: "FLINK-1_20",
  };
}

describe("factsFromApplicationDetail on a Java app", () => {
  const facts = factsFromApplicationDetail(
    javaApp([{ PropertyGroupId: "FlinkApplicationProperties", PropertyMap: { "input.stream": "orders" } }]),
    {
      ...extras,
      metrics24h: { restarts: 3, failedCheckpoints: 0, lastCheckpointSizeBytes: 1024 },
      kpus: 7,
    },
  );

  it("maps the identity, runtime, status and mode", () => {
    expect(facts).toMatchObject({
      name: "orders-enricher",
      region: "us-east-1",
      runtime: "FLINK-1_20",
      status: "RUNNING",
      applicationMode: "STREAMING",
      tags: { env: "prod" },
    });
  });

  it("reads the snapshot and system-rollback switches", () => {
    expect(facts.snapshotsEnabled).toBe(true);
    expect(facts.rollbackEnabled).toBe(false);
  });

  it("reads the restore settings of the next start", () => {
    expect(facts.restore).toEqual({
      applicationRestoreType: "RESTORE_FROM_LATEST_SNAPSHOT",
      snapshotName: null,
      allowNonRestoredState: false,
    });
  });

  it("prefers the current (autoscaled) parallelism and passes KPUs and metrics through", () => {
    expect(facts.parallelism).toBe(6);
    expect(facts.kpus).toBe(7);
    expect(facts.metrics24h.restarts).toBe(3);
  });

  it("sees a Kinesis source in `input.stream`, and neither Python nor EFO", () => {
    expect(facts).toMatchObject({ kinesisSource: true, isPython: false, usesEfo: false });
    expect(facts.detectedBy).toEqual({ kinesisSource: "FlinkApplicationProperties: input.stream=orders" });
  });
});

describe("factsFromApplicationDetail on a PyFlink app", () => {
  const facts = factsFromApplicationDetail(
    javaApp([
      {
        PropertyGroupId: "kinesis.analytics.flink.run.options",
        PropertyMap: { python: "main.py", jarfile: "lib/pyflink-dependencies.jar" },
      },
      {
        PropertyGroupId: "consumer.config.0",
        PropertyMap: { "input.stream.name": "clicks", "aws.region": "us-east-1", "flink.stream.initpos": "LATEST" },
      },
      {
        PropertyGroupId: "producer.config.0",
        PropertyMap: { "output.stream.name": "sessions", "aws.region": "us-east-1" },
      },
    ]),
    extras,
  );

  it("detects Python from the run-options group", () => {
    expect(facts.isPython).toBe(true);
    expect(facts.detectedBy?.python).toBe("kinesis.analytics.flink.run.options: python=main.py");
  });

  it("detects the Kinesis source in the consumer group", () => {
    expect(facts.kinesisSource).toBe(true);
    expect(facts.detectedBy?.kinesisSource).toBe("consumer.config.0: input.stream.name=clicks");
  });
});

describe("EFO detection", () => {
  it.each([
    ["ConsumerConfigProperties", "flink.stream.recordpublisher", "EFO"],
    ["InputStream0", "source.reader.type", "efo"],
    ["KinesisSource", "RecordPublisherType", " EFO "],
  ])("group %s key %s=%j means EFO and a Kinesis source", (groupId, key, value) => {
    const facts = factsFromApplicationDetail(
      javaApp([{ PropertyGroupId: groupId, PropertyMap: { [key]: value } }]),
      extras,
    );
    expect(facts.usesEfo).toBe(true);
    expect(facts.kinesisSource).toBe(true);
  });

  it("a POLLING reader is not EFO", () => {
    const facts = factsFromApplicationDetail(
      javaApp([
        {
          PropertyGroupId: "InputStream0",
          PropertyMap: {
            "stream.arn": "arn:aws:kinesis:us-east-1:123456789012:stream/clicks",
            "source.reader.type": "POLLING",
          },
        },
      ]),
      extras,
    );
    expect(facts).toMatchObject({ usesEfo: false, kinesisSource: true });
  });
});

describe("Kinesis source heuristics", () => {
  it("ignores output streams and sink groups", () => {
    const facts = factsFromApplicationDetail(
      javaApp([
        {
          PropertyGroupId: "OutputStream0",
          PropertyMap: { "stream.arn": "arn:aws:kinesis:us-east-1:123456789012:stream/out" },
        },
        { PropertyGroupId: "FlinkApplicationProperties", PropertyMap: { "output.stream.name": "out" } },
      ]),
      extras,
    );
    expect(facts.kinesisSource).toBe(false);
  });

  it("ignores a Kafka source that only shares aws.region", () => {
    const facts = factsFromApplicationDetail(
      javaApp([
        {
          PropertyGroupId: "KafkaSource",
          PropertyMap: { "bootstrap.servers": "b-1:9098", topic: "orders", "aws.region": "us-east-1" },
        },
      ]),
      extras,
    );
    expect(facts.kinesisSource).toBe(false);
  });

  it("recognises a Kinesis stream ARN under any key", () => {
    const facts = factsFromApplicationDetail(
      javaApp([
        { PropertyGroupId: "Source", PropertyMap: { arn: "arn:aws:kinesis:eu-west-1:123456789012:stream/clicks" } },
      ]),
      extras,
    );
    expect(facts.kinesisSource).toBe(true);
  });
});

describe("newest snapshot", () => {
  it("picks the newest READY snapshot by creation time", () => {
    const picked = newestReadySnapshot([
      snapshot("weekly-01", "READY", "2026-03-01T00:00:00Z"),
      snapshot("in-flight", "CREATING", "2026-04-30T00:00:00Z"),
      snapshot("broken", "FAILED", "2026-04-29T00:00:00Z"),
      snapshot("pre-deploy-0312", "READY", "2026-03-12T00:00:00Z"),
      snapshot("weekly-00", "READY", "2026-02-01T00:00:00Z"),
    ]);
    expect(picked).toEqual({
      name: "pre-deploy-0312",
      createdAt: new Date("2026-03-12T00:00:00Z"),
      runtime: "FLINK-1_20",
    });
  });

  it("ignores snapshots without a timestamp and returns null when nothing is READY", () => {
    expect(newestReadySnapshot([snapshot("no-time", "READY")])).toBeNull();
    expect(newestReadySnapshot([snapshot("going", "DELETING", "2026-03-12T00:00:00Z")])).toBeNull();
    expect(newestReadySnapshot([])).toBeNull();
  });

  it("is what the mapper stores, with a null runtime when the API omits it", () => {
    const withoutRuntime = { ...snapshot("s1", "READY", "2026-04-01T00:00:00Z"), RuntimeEnvironment: undefined };
    const facts = factsFromApplicationDetail(javaApp(), { ...extras, snapshots: [withoutRuntime] });
    expect(facts.newestSnapshot).toEqual({ name: "s1", createdAt: new Date("2026-04-01T00:00:00Z"), runtime: null });
  });
});

describe("missing optional fields", () => {
  const bare: ApplicationDetail = {
    ApplicationARN: "arn:aws:kinesisanalytics:us-east-1:123456789012:application/old-app",
    ApplicationName: "old-app",
    RuntimeEnvironment: "FLINK-1_11",
    ApplicationStatus: "READY",
    ApplicationVersionId: 1,
  };
  const facts = factsFromApplicationDetail(bare, { region: "us-east-1", tags: {}, snapshots: [] });

  it("falls back to safe defaults", () => {
    expect(facts).toEqual({
      name: "old-app",
      region: "us-east-1",
      runtime: "FLINK-1_11",
      status: "READY",
      applicationMode: "STREAMING",
      snapshotsEnabled: false,
      rollbackEnabled: false,
      restore: {
        applicationRestoreType: "RESTORE_FROM_LATEST_SNAPSHOT",
        snapshotName: null,
        allowNonRestoredState: false,
      },
      newestSnapshot: null,
      isPython: false,
      kinesisSource: false,
      usesEfo: false,
      tags: {},
      parallelism: 1,
      kpus: null,
      metrics24h: UNKNOWN_METRICS,
      logs: UNKNOWN_LOGS,
      detectedBy: {},
    });
  });

  it("infers INTERACTIVE for a Studio runtime without ApplicationMode", () => {
    const studio = factsFromApplicationDetail({ ...bare, RuntimeEnvironment: "ZEPPELIN-FLINK-3_0" }, extras);
    expect(studio.applicationMode).toBe("INTERACTIVE");
  });

  it("uses Parallelism when CurrentParallelism is absent", () => {
    const detail = javaApp();
    const parallelism = detail.ApplicationConfigurationDescription?.FlinkApplicationConfigurationDescription;
    if (parallelism) parallelism.ParallelismConfigurationDescription = { Parallelism: 16 };
    expect(factsFromApplicationDetail(detail, extras).parallelism).toBe(16);
  });
});

describe("restoreOf", () => {
  function withRun(run: RunConfigurationDescription): ApplicationDetail {
    const detail = javaApp();
    detail.ApplicationConfigurationDescription!.RunConfigurationDescription = run;
    return detail;
  }

  it("reads a custom restore with its snapshot and AllowNonRestoredState", () => {
    const detail = withRun({
      ApplicationRestoreConfigurationDescription: {
        ApplicationRestoreType: "RESTORE_FROM_CUSTOM_SNAPSHOT",
        SnapshotName: "before-migration",
      },
      FlinkRunConfigurationDescription: { AllowNonRestoredState: true },
    });
    expect(restoreOf(detail)).toEqual({
      applicationRestoreType: "RESTORE_FROM_CUSTOM_SNAPSHOT",
      snapshotName: "before-migration",
      allowNonRestoredState: true,
    });
  });

  it("ignores a snapshot name that only a custom restore would use", () => {
    const detail = withRun({
      ApplicationRestoreConfigurationDescription: {
        ApplicationRestoreType: "SKIP_RESTORE_FROM_SNAPSHOT",
        SnapshotName: "x",
      },
    });
    expect(restoreOf(detail)).toEqual({
      applicationRestoreType: "SKIP_RESTORE_FROM_SNAPSHOT",
      snapshotName: null,
      allowNonRestoredState: false,
    });
  });

  it("falls back to MSF's defaults without a run configuration or a detail", () => {
    const defaults = {
      applicationRestoreType: "RESTORE_FROM_LATEST_SNAPSHOT",
      snapshotName: null,
      allowNonRestoredState: false,
    };
    expect(restoreOf(withRun({}))).toEqual(defaults);
    expect(restoreOf(null)).toEqual(defaults);
  });
});
