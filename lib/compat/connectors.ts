// Connectors on Flink 2.2: which artifact versions run on it, and which classes are the legacy (SourceFunction /
// SinkFunction based) connectors that Flink 2.x no longer loads. Review the table here.
//
// Sources (shared/seeds):
// - 000 (MSF developer guide, "Amazon Managed Service for Apache Flink 2.2", "Connector availability"): Kafka
//   3.4.0-1.20 → 4.0.0-2.0; Kinesis source flink-connector-kinesis 5.0.0-1.20 → flink-connector-aws-kinesis-streams
//   6.0.0-2.0; Kinesis sink, Firehose, DynamoDB, SQS 5.1.0-1.20 → 6.0.0-2.0; JDBC, OpenSearch, Elasticsearch and
//   Prometheus "not yet released for 2.x".
// - 001 (AWS Big Data Blog "Migrate to Apache Flink 2.2"): "Flink 2.2 removes the FlinkKinesisConsumer and
//   FlinkKinesisProducer classes", replaced by KinesisStreamsSource / KinesisStreamsSink.
// - Flink 2.0 release notes, "Connector Adaption Plan": connectors built on SourceFunction, SinkFunction and Sink V1
//   "will not work on the Flink 2.x series". A connector's version suffix (-1.20, -2.0) names the Flink it was built for.
// The "move on 1.x first" rule: KinesisStreamsSource (connector 5.x on 1.x) does not restore FlinkKinesisConsumer
// state, so the source swap is best done, and proven, on 1.x before the runtime changes (seed 001, step 1).
import { DOC_URLS } from "@/lib/risk/weights";

export interface ConnectorRule {
  artifactId: string;
  /** What it connects to, for messages. */
  label: string;
  /** The first release that runs on Flink 2.x, or null when none exists yet. */
  minimumFor2x: string | null;
  /** The artifact to move to when this one has no 2.x release (a renamed or replacement connector). */
  replacement?: string;
  /** Advice for an application still on 1.x, before the runtime upgrade. */
  on1x?: string;
}

const KINESIS_STREAMS_2X = "flink-connector-aws-kinesis-streams 6.0.0-2.0";

export const CONNECTOR_RULES: readonly ConnectorRule[] = [
  {
    artifactId: "flink-connector-kafka",
    label: "Apache Kafka",
    minimumFor2x: "4.0.0",
  },
  {
    artifactId: "flink-connector-kinesis",
    label: "Kinesis Data Streams (FlinkKinesisConsumer / FlinkKinesisProducer)",
    minimumFor2x: null,
    replacement: KINESIS_STREAMS_2X,
    on1x: "On 1.x first move to KinesisStreamsSource / KinesisStreamsSink (flink-connector-aws-kinesis-streams 5.x, e.g. 5.0.0-1.20) and prove it there: FlinkKinesisConsumer state does not carry over to the new source.",
  },
  {
    artifactId: "flink-connector-aws-kinesis-streams",
    label: "Kinesis Data Streams",
    minimumFor2x: "6.0.0",
    on1x: "On 1.x use 5.x (5.0.0-1.20 or later) before the move, then 6.0.0-2.0 on 2.2.",
  },
  { artifactId: "flink-connector-aws-kinesis-firehose", label: "Amazon Data Firehose", minimumFor2x: "6.0.0" },
  { artifactId: "flink-connector-dynamodb", label: "Amazon DynamoDB", minimumFor2x: "6.0.0" },
  { artifactId: "flink-connector-sqs", label: "Amazon SQS", minimumFor2x: "6.0.0" },
  { artifactId: "flink-connector-jdbc", label: "JDBC", minimumFor2x: null },
  { artifactId: "flink-connector-opensearch", label: "OpenSearch", minimumFor2x: null },
  { artifactId: "flink-connector-elasticsearch6", label: "Elasticsearch 6", minimumFor2x: null },
  { artifactId: "flink-connector-elasticsearch7", label: "Elasticsearch 7", minimumFor2x: null },
  { artifactId: "flink-connector-prometheus", label: "Amazon Managed Service for Prometheus", minimumFor2x: null },
];

/** Flink's own runtime artifacts: the cluster provides them, so a JAR should not bundle them (Maven scope provided). */
export const FLINK_RUNTIME_ARTIFACTS: ReadonlySet<string> = new Set([
  "flink-core",
  "flink-java",
  "flink-streaming-java",
  "flink-clients",
  "flink-runtime",
  "flink-table-api-java",
  "flink-table-api-java-bridge",
  "flink-table-runtime",
  "flink-table-planner-loader",
  "flink-scala_2.12",
  "flink-streaming-scala_2.12",
]);

export interface LegacyConnectorClass {
  /** Internal JVM name. */
  name: string;
  replacement: string;
}

// Classes of the legacy connectors (SourceFunction / SinkFunction based), by the name the 1.x connectors ship.
export const LEGACY_CONNECTOR_CLASSES: readonly LegacyConnectorClass[] = [
  {
    name: "org/apache/flink/streaming/connectors/kinesis/FlinkKinesisConsumer",
    replacement: `KinesisStreamsSource (${KINESIS_STREAMS_2X})`,
  },
  {
    name: "org/apache/flink/streaming/connectors/kinesis/FlinkKinesisProducer",
    replacement: `KinesisStreamsSink (${KINESIS_STREAMS_2X})`,
  },
  {
    name: "org/apache/flink/streaming/connectors/kinesis/FlinkDynamoDBStreamsConsumer",
    replacement: "DynamoDbStreamsSource (flink-connector-dynamodb 6.0.0-2.0)",
  },
  {
    name: "org/apache/flink/streaming/connectors/kafka/FlinkKafkaConsumer",
    replacement: "KafkaSource (flink-connector-kafka 4.0.0-2.0)",
  },
  {
    name: "org/apache/flink/streaming/connectors/kafka/FlinkKafkaProducer",
    replacement: "KafkaSink (flink-connector-kafka 4.0.0-2.0)",
  },
  {
    name: "org/apache/flink/streaming/connectors/kafka/FlinkKafkaConsumerBase",
    replacement: "KafkaSource (flink-connector-kafka 4.0.0-2.0)",
  },
  {
    name: "com/amazonaws/services/kinesisanalytics/flink/connectors/producer/FlinkKinesisFirehoseProducer",
    replacement: "KinesisFirehoseSink (flink-connector-aws-kinesis-firehose 6.0.0-2.0)",
  },
];

const legacyConnectorIndex = new Map(LEGACY_CONNECTOR_CLASSES.map((entry) => [entry.name, entry]));

export function findLegacyConnectorClass(internalName: string): LegacyConnectorClass | undefined {
  return legacyConnectorIndex.get(internalName);
}

/** PyFlink names of the same legacy connectors (pyflink.datastream.connectors.*). */
export const LEGACY_PYFLINK_CONNECTORS: Readonly<Record<string, string>> = {
  FlinkKinesisConsumer: "KinesisStreamsSource",
  FlinkKinesisProducer: "KinesisStreamsSink",
  FlinkKafkaConsumer: "KafkaSource",
  FlinkKafkaProducer: "KafkaSink",
};

export interface ArtifactVersion {
  groupId: string;
  artifactId: string;
  version: string;
}

export type ConnectorVerdict =
  | { kind: "ok" }
  | { kind: "breaks"; evidence: string; remediation: string }
  | { kind: "bundled-runtime"; evidence: string };

/** Compares dotted numeric versions ("5.0.0" vs "6.0.0"); non-numeric parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map((part) => Number.parseInt(part, 10) || 0);
  const pb = b.split(".").map((part) => Number.parseInt(part, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** "5.0.0-1.20" → { release: "5.0.0", flink: "1.20" }; "3.2.0" → { release: "3.2.0", flink: null }. */
export function splitConnectorVersion(version: string): { release: string; flink: string | null } {
  const match = /^(\d+(?:\.\d+)*)(?:-(\d+\.\d+)(?:[.-].*)?)?/.exec(version.trim());
  if (!match?.[1]) return { release: version.trim(), flink: null };
  return { release: match[1], flink: match[2] ?? null };
}

/** One bundled artifact (from META-INF/maven/…/pom.properties) against the table above, for Flink 2.2. */
export function assessArtifact(artifact: ArtifactVersion): ConnectorVerdict {
  if (artifact.groupId !== "org.apache.flink") return { kind: "ok" };
  const { release, flink } = splitConnectorVersion(artifact.version);
  const name = `${artifact.artifactId} ${artifact.version}`;
  if (FLINK_RUNTIME_ARTIFACTS.has(artifact.artifactId)) {
    return { kind: "bundled-runtime", evidence: `${name} bundled in the JAR` };
  }
  const rule = CONNECTOR_RULES.find((candidate) => candidate.artifactId === artifact.artifactId);
  const builtFor1x = flink !== null && flink.startsWith("1.");
  if (rule && rule.minimumFor2x === null) {
    const target = rule.replacement
      ? `Replace it with ${rule.replacement}.`
      : `No ${rule.label} connector release runs on Flink 2.x yet: wait for one or replace the connector.`;
    return {
      kind: "breaks",
      evidence: `${name}: no release of ${artifact.artifactId} runs on Flink 2.x`,
      remediation: [rule.on1x, target].filter(Boolean).join(" "),
    };
  }
  if (rule && rule.minimumFor2x && (builtFor1x || compareVersions(release, rule.minimumFor2x) < 0)) {
    return {
      kind: "breaks",
      evidence: `${name}: built for Flink ${flink ?? "1.x"}; ${rule.label} needs ${rule.minimumFor2x} or later (…-2.0) on Flink 2.x`,
      remediation: [rule.on1x, `Upgrade to ${artifact.artifactId} ${rule.minimumFor2x}-2.0 or later.`]
        .filter(Boolean)
        .join(" "),
    };
  }
  if (!rule && artifact.artifactId.startsWith("flink-") && builtFor1x) {
    return {
      kind: "breaks",
      evidence: `${name}: built for Flink ${flink}`,
      remediation: `Use a release of ${artifact.artifactId} built for Flink 2.x (version suffix -2.x), if one exists.`,
    };
  }
  return { kind: "ok" };
}

export const CONNECTOR_DOC_URL = DOC_URLS.flink22;
