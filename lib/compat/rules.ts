// Every kind of finding the code scan reports, in one table: how bad it is on Flink 2.2, why, what to do, and where
// it is written down. The scanner supplies what it saw (evidence) and, where it knows better, a sharper remedy.
// Table order is report order within a severity: the headline migrations first, single symbols after.
import { DOC_URLS } from "@/lib/risk/weights";
import { REMOVALS_SOURCE } from "./removals-2.0";

export type Severity = "breaks" | "warning";

export interface RuleDefinition {
  severity: Severity;
  title: string;
  why: string;
  remediation: string;
  docUrl: string;
}

const FLINK_2_0_NOTES = "https://nightlies.apache.org/flink/flink-docs-release-2.0/release-notes/flink-2.0/";
const DATASET_MIGRATION =
  "https://nightlies.apache.org/flink/flink-docs-release-1.20/docs/dev/datastream/dataset_migration/";

export const RULES = {
  "legacy-connector": {
    severity: "breaks",
    title: "Uses a legacy connector",
    why: "AWS: “Flink 2.2 removes the FlinkKinesisConsumer and FlinkKinesisProducer classes”; the Kafka consumer and producer of the same generation are built on SourceFunction / SinkFunction, which Flink 2.x no longer has.",
    remediation:
      "Move to the connector's FLIP-27 source and Sink V2 (KinesisStreamsSource / KinesisStreamsSink, KafkaSource / KafkaSink) in a 2.x connector release.",
    docUrl: DOC_URLS.flink22UpgradeGuide,
  },
  "dataset-api": {
    severity: "breaks",
    title: "Uses the DataSet API",
    why: "AWS: “The legacy DataSet API for batch processing has been completely removed in Flink 2.0+.” The job cannot load on Flink 2.2.",
    remediation:
      "Migrate to the DataStream API (bounded streams, RuntimeExecutionMode.BATCH) or the Table API / SQL before upgrading.",
    docUrl: DATASET_MIGRATION,
  },
  "scala-api": {
    severity: "breaks",
    title: "Uses the Flink Scala API",
    why: "AWS: “The Flink Scala API has been removed.” Its wrappers and implicit conversions (org.apache.flink.api.scala, org.apache.flink.streaming.api.scala) are gone from Flink 2.2.",
    remediation: "Call Flink's Java API from Scala (the DataStream API works from Scala without the wrappers).",
    docUrl: DOC_URLS.flink22,
  },
  "source-sink-function": {
    severity: "breaks",
    title: "Uses SourceFunction / SinkFunction (or Sink V1)",
    why: "AWS: the legacy SourceFunction and SinkFunction interfaces are superseded by the unified Source (FLIP-27) and Sink (FLIP-143) APIs and removed in Flink 2.x, with addSource / addSink.",
    remediation:
      "Implement a FLIP-27 Source (env.fromSource) and a Sink V2 (sinkTo), or use a connector's new source and sink.",
    docUrl: DOC_URLS.flink22,
  },
  "connector-version": {
    severity: "breaks",
    title: "Connector release does not run on Flink 2.2",
    why: "Connectors are released separately from Flink; a release built for Flink 1.x (version suffix -1.xx) uses APIs Flink 2.x removed.",
    remediation: "Upgrade the connector to its Flink 2.x release (see the connector availability table).",
    docUrl: DOC_URLS.flink22,
  },
  "kryo-registration": {
    severity: "breaks",
    title: "Registers types or serializers with Kryo",
    why: "registerKryoType / registerTypeWithKryoSerializer / addDefaultKryoSerializer are removed in Flink 2.0 (NoSuchMethodError), and Kryo moves from 2.24 to 5.6, so Kryo-serialized state will not restore.",
    remediation:
      "Register through the pipeline.serialization-config option, prefer POJO / Avro types for state, and triage state with the state compatibility guide.",
    docUrl: DOC_URLS.stateCompatibility,
  },
  "removed-class": {
    severity: "breaks",
    title: "Uses a class Flink 2.0 removed",
    why: `The class is not on the Flink 2.2 classpath, so loading the code that names it fails with NoClassDefFoundError (binary incompatible). Listed in the Flink 2.0 release notes (${REMOVALS_SOURCE.path}).`,
    remediation: "Rebuild against Flink 2.2 and move to the replacement the release notes name.",
    docUrl: FLINK_2_0_NOTES,
  },
  "removed-method": {
    severity: "breaks",
    title: "Calls a method Flink 2.0 removed",
    why: "The class still exists on Flink 2.2 but this method does not: the call fails with NoSuchMethodError the first time it runs.",
    remediation:
      "Rebuild against Flink 2.2 and use the replacement API (see the release notes' list of breaking APIs).",
    docUrl: FLINK_2_0_NOTES,
  },
  "removed-field": {
    severity: "breaks",
    title: "Reads a field Flink 2.0 removed",
    why: "The field is gone from Flink 2.2: the access fails with NoSuchFieldError.",
    remediation: "Use the ConfigOption or API that replaces it (the release notes list them by class).",
    docUrl: FLINK_2_0_NOTES,
  },
  "removed-override": {
    severity: "breaks",
    title: "Overrides a method Flink 2.0 no longer calls",
    why: "Flink 2.x calls the new signature only (e.g. open(OpenContext) instead of open(Configuration)): the code in this override silently stops running, and where the new method is abstract the class fails with AbstractMethodError.",
    remediation: "Move the code to the new signature, e.g. override open(OpenContext) instead of open(Configuration).",
    docUrl: FLINK_2_0_NOTES,
  },
  "class-file-too-new": {
    severity: "breaks",
    title: "Classes compiled for Java newer than 17",
    why: "MSF's Flink 2.2 runs Java 17 (Java 21 is not supported): a class file above major version 61 fails with UnsupportedClassVersionError.",
    remediation: "Build with JDK 17 or set maven.compiler.release to 17.",
    docUrl: DOC_URLS.flink22,
  },
  "python-version": {
    severity: "breaks",
    title: "Built for a Python other than 3.12",
    why: "MSF's Flink 2.2 runs Python 3.12 and has removed Python 3.8; compiled extensions and bytecode are tied to the interpreter they were built for.",
    remediation: "Re-package the application and its dependencies for Python 3.12 and test it against PyFlink 2.2.",
    docUrl: DOC_URLS.python,
  },
  "pyflink-removed-api": {
    severity: "breaks",
    title: "Imports a PyFlink module Flink 2.x removed",
    why: "pyflink.dataset went with the DataSet API in Flink 2.0: the import fails with ModuleNotFoundError.",
    remediation: "Move to pyflink.datastream (bounded streams) or pyflink.table.",
    docUrl: DOC_URLS.python,
  },
  "pyflink-version": {
    severity: "breaks",
    title: "requirements.txt pins another PyFlink",
    why: "The runtime provides PyFlink 2.2; a pinned apache-flink 1.x installs an API that does not match it.",
    remediation: "Drop the pin (the runtime provides PyFlink) or pin apache-flink 2.2.x for local tests.",
    docUrl: DOC_URLS.python,
  },
  "removed-config-key": {
    severity: "warning",
    title: "Sets a configuration key Flink 2.0 removed",
    why: "The key no longer exists on Flink 2.x, so setting it has no effect; MSF's Flink 2.2 also reports an exception for configuration it does not let applications change.",
    remediation: "Remove the key or use its 2.x replacement; ask AWS support for settings MSF manages.",
    docUrl: DOC_URLS.flink22,
  },
  "legacy-package": {
    severity: "warning",
    title: "Uses a Flink .legacy. package",
    why: "Flink 2.0 moved some removed APIs into packages named legacy. The release notes: “They are for internal usage only and can be changed / removed anytime without notifications. Please DO NOT USE them.”",
    remediation: "Move to the public replacement (Source / Sink V2, Schema, DataTypes) instead of the legacy copy.",
    docUrl: FLINK_2_0_NOTES,
  },
  "bundled-flink-runtime": {
    severity: "warning",
    title: "Flink runtime classes bundled in the JAR",
    why: "The cluster provides Flink itself; a bundled copy of another Flink version can shadow or clash with the 2.2 runtime's classes.",
    remediation:
      "Mark Flink's own dependencies (flink-streaming-java, flink-clients, flink-table-*) as provided and rebuild.",
    docUrl: DOC_URLS.flink22UpgradeGuide,
  },
  "class-file-target": {
    severity: "warning",
    title: "Built for Java older than 17",
    why: "Flink 2.2 on MSF runs Java 17 and AWS asks for builds with JDK 17; no class in this build targets 17, so it was not built against the 2.2 toolchain (older class files still load: bundled libraries built for Java 8 beside a Java 17 job are fine).",
    remediation: "Build with JDK 17 (maven.compiler.release 17) against Flink 2.2.",
    docUrl: DOC_URLS.flink22UpgradeGuide,
  },
  "bad-class-file": {
    severity: "warning",
    title: "Unreadable class file",
    why: "The entry is named .class but is not a valid class file (bad magic or a truncated constant pool), so it was not checked; the JVM would refuse to load it too.",
    remediation: "Rebuild the JAR; if the entry is not a class, rename it.",
    docUrl: DOC_URLS.flink22UpgradeGuide,
  },
  "entry-too-large": {
    severity: "warning",
    title: "Entry too large to check",
    why: "The entry is bigger than the scanner reads per entry, so what it references was not checked.",
    remediation: "Review the entry by hand, or split it out of the JAR.",
    docUrl: DOC_URLS.flink22UpgradeGuide,
  },
  "unreadable-entry": {
    severity: "warning",
    title: "Entry could not be read",
    why: "The entry's data is damaged or uses a compression method a JAR does not use, so it was not checked.",
    remediation: "Rebuild the archive with a standard tool (jar, Maven, Gradle, zip).",
    docUrl: DOC_URLS.flink22UpgradeGuide,
  },
  "nested-archive": {
    severity: "warning",
    title: "Nested archive not checked",
    why: "An archive inside the archive could not be scanned (too deep, too large or unreadable), so its classes were not checked.",
    remediation: "Check the nested archive on its own, or flatten it into the application JAR.",
    docUrl: DOC_URLS.flink22UpgradeGuide,
  },
} as const satisfies Record<string, RuleDefinition>;

export type FindingId = keyof typeof RULES;
