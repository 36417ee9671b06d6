// Shared by the code-artifact builders: what a build is (CodeBuild), the connector versions a build of each era
// bundles, pom.properties / MANIFEST.MF text, zip options and a byte cache for entries every JAR shares.
import { strToU8 } from "fflate";
import type { RuntimeEnvironment } from "../core/types";
import { runtimeLabel } from "./base-config";
import type { ClassMajor } from "./class-writer";

export type CodeProblem =
  /** FlinkKinesisConsumer/Producer (Kinesis) or FlinkKafkaConsumer/Producer (Kafka) + an old connector pom. */
  | "legacy-connector"
  /** A user source implementing SourceFunction, attached with env.addSource. */
  | "source-function"
  /** A DataSet batch job (ExecutionEnvironment, DataSet). */
  | "dataset"
  /** The Scala DataStream API (org/apache/flink/streaming/api/scala/…) and bundled scala/ classes. */
  | "scala-api"
  /** Kryo registrations of the app's types (ExecutionConfig on 1.x, SerializerConfig on 2.x). */
  | "kryo"
  /** A RichFunction overriding open(Configuration) (removed in 2.0: open(OpenContext)). */
  | "rich-open";

export interface CodeBuild {
  app: string;
  language: "java" | "python";
  /** The runtime the build is made for (FLINK-1_x or FLINK-2_2). */
  runtime: RuntimeEnvironment;
  /** Build number: Implementation-Version 1.<build>.0 (2.<build - 1>.0 for 2.x builds). */
  build: number;
  source: { kind: "kinesis"; streamName: string } | { kind: "kafka"; topic: string };
  /** Class-file major of the application's own classes (52 Java 8, 55 Java 11, 61 Java 17). */
  java: ClassMajor;
  problems: CodeProblem[];
  /** Dotted class names the job registers with Kryo (with "kryo"). */
  kryoTypes: string[];
  /** Java: the problems' code lives in this nested JAR (e.g. `lib/inventory-sync-commons-2.3.1.jar`). */
  nested?: string;
}

// Zip timestamps: local-time fields are what the zip stores, so build the Date from local fields (the bytes do
// not depend on the machine's time zone). Maven's reproducible builds pin a date the same way.
// `mem: 4` (64 kB of match tables): the entries are small, and fflate's default for them costs more than the
// compression itself.
export const ZIP_OPTIONS = { level: 6, mem: 4, mtime: new Date(2025, 2, 1, 12, 0, 0) } as const;

// ---------------------------------------------------------------------------------------------------------------
// Versions (what a real build of that era would bundle).

export const is2x = (runtime: RuntimeEnvironment) => runtime.startsWith("FLINK-2");
export const minorOf = (runtime: RuntimeEnvironment) => Number(/_(\d+)$/.exec(runtime)?.[1] ?? 20);

/** The application's own version: 1.<build>.0 for 1.x builds, 2.<build - 1>.0 for the Flink 2 rebuild. */
export const appVersionOf = (build: CodeBuild) =>
  is2x(build.runtime) ? `2.${build.build - 1}.0` : `1.${build.build}.0`;

/** Flink version a build compiles against (the MSF runtime's x.y.0, as the Flink dashboard reports it). */
export const flinkVersionText = (runtime: RuntimeEnvironment) => `${runtimeLabel(runtime)}.0`;

export interface Connector {
  groupId: string;
  artifactId: string;
  version: string;
}

const LEGACY_KINESIS_FOR_2X: Connector = {
  groupId: "org.apache.flink",
  artifactId: "flink-connector-kinesis",
  version: "4.2.0-1.18",
};

/** The connector a build bundles: by runtime era; the problems choose legacy or FLIP-27 classes. */
export function connectorFor(build: CodeBuild, legacy: boolean): Connector {
  const group = "org.apache.flink";
  const minor = minorOf(build.runtime);
  const twoX = is2x(build.runtime);
  if (build.source.kind === "kinesis") {
    if (legacy) {
      // A 2.2 build that still carries the legacy consumer kept the last 1.x connector (the problem).
      if (twoX || minor >= 18) return LEGACY_KINESIS_FOR_2X;
      if (minor >= 15) return { groupId: group, artifactId: "flink-connector-kinesis", version: "1.15.4" };
      return { groupId: group, artifactId: "flink-connector-kinesis_2.12", version: `1.${minor}.${minor > 8 ? 2 : 3}` };
    }
    return {
      groupId: group,
      artifactId: "flink-connector-aws-kinesis-streams",
      version: twoX ? "6.0.0-2.0" : minor >= 20 ? "5.0.0-1.20" : "5.0.0-1.19",
    };
  }
  if (twoX)
    return { groupId: group, artifactId: "flink-connector-kafka", version: legacy ? "3.0.2-1.18" : "4.0.0-2.0" };
  if (minor >= 20) return { groupId: group, artifactId: "flink-connector-kafka", version: "3.3.0-1.20" };
  if (minor >= 19) return { groupId: group, artifactId: "flink-connector-kafka", version: "3.2.0-1.19" };
  if (minor >= 18) return { groupId: group, artifactId: "flink-connector-kafka", version: "3.0.2-1.18" };
  if (minor >= 15) return { groupId: group, artifactId: "flink-connector-kafka", version: "1.15.4" };
  return { groupId: group, artifactId: "flink-connector-kafka_2.12", version: `1.${minor}.${minor > 8 ? 2 : 3}` };
}

/** Before the FLIP-27 sources existed (Kinesis: connector 5.0 for 1.19; Kafka: 1.12) builds use the legacy ones. */
export function usesLegacyConnector(build: CodeBuild): boolean {
  if (build.problems.includes("legacy-connector")) return true;
  if (is2x(build.runtime)) return false;
  const minor = minorOf(build.runtime);
  return build.source.kind === "kinesis" ? minor < 19 : minor < 12;
}

/** Bundled third-party classes are compiled for their library's target, not the application's. */
export const libraryMajor = (connector: Connector): ClassMajor => (/-2\.\d+$/.test(connector.version) ? 55 : 52);

export function pomProperties(c: Connector): Uint8Array {
  return strToU8(
    `#Created by Apache Maven 3.9.6\nversion=${c.version}\ngroupId=${c.groupId}\nartifactId=${c.artifactId}\n`,
  );
}

export function manifest(lines: Record<string, string>): Uint8Array {
  const text = Object.entries({ "Manifest-Version": "1.0", ...lines })
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join("");
  return strToU8(`${text}\r\n`);
}

export const cache = new Map<string, Uint8Array>();
export function cached(key: string, make: () => Uint8Array): Uint8Array {
  let bytes = cache.get(key);
  if (!bytes) {
    bytes = make();
    cache.set(key, bytes);
  }
  return bytes;
}
