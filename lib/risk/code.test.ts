// The code scan as risk factors: what it finds adds risk with its evidence, what it could not read adds a
// little (unknown is not safe), and a clean scan lowers what the configuration could only guess.
import type { ApplicationDetail } from "@aws-sdk/client-kinesis-analytics-v2";
import { describe, expect, it } from "vitest";
import { assessRisk, type RiskAssessment, type RiskFactor } from "./assess";
import { codeFactOf, factsFromApplicationDetail, type AppFacts, type CodeFact, type CodeFinding } from "./facts";
import { NOW, cleanFacts, daysAgo } from "./test-fixtures";
import { FACTORS, type FactorId } from "./weights";

const GUIDE = "https://docs.aws.amazon.com/managed-flink/latest/java/flink-2-2-upgrade-guide.html";
const RELEASE_NOTES = "https://nightlies.apache.org/flink/flink-docs-release-2.0/release-notes/flink-2.0/";

// Findings as lib/compat's scanner words them.
const KINESIS_CONSUMER = "org.apache.flink.streaming.connectors.kinesis.FlinkKinesisConsumer";
const legacyKinesis: CodeFinding = {
  id: "legacy-connector",
  severity: "breaks",
  title: "Uses a legacy connector",
  evidence: `${KINESIS_CONSUMER} in 2 classes`,
  symbols: [KINESIS_CONSUMER],
  remediation: `Replace ${KINESIS_CONSUMER} with KinesisStreamsSource (flink-connector-aws-kinesis-streams 6.0.0-2.0).`,
  docUrl: GUIDE,
};
const legacyKafka: CodeFinding = {
  id: "legacy-connector",
  severity: "breaks",
  title: "Uses a legacy connector",
  evidence: "org.apache.flink.streaming.connectors.kafka.FlinkKafkaConsumer in 1 class",
  symbols: ["org.apache.flink.streaming.connectors.kafka.FlinkKafkaConsumer"],
  remediation: "Replace org.apache.flink.streaming.connectors.kafka.FlinkKafkaConsumer with KafkaSource.",
  docUrl: GUIDE,
};
const oldKinesisConnector: CodeFinding = {
  id: "connector-version",
  severity: "breaks",
  title: "Connector release does not run on Flink 2.2",
  evidence: "flink-connector-kinesis 4.3.0-1.19: no release of flink-connector-kinesis runs on Flink 2.x",
  symbols: ["org.apache.flink:flink-connector-kinesis:4.3.0-1.19"],
  remediation: "Replace it with flink-connector-aws-kinesis-streams 6.0.0-2.0.",
  docUrl: GUIDE,
};
const dataSet: CodeFinding = {
  id: "dataset-api",
  severity: "breaks",
  title: "Uses the DataSet API",
  evidence: "org.apache.flink.api.java.ExecutionEnvironment, org.apache.flink.api.java.DataSet in 4 classes",
  symbols: [
    "org.apache.flink.api.java.ExecutionEnvironment",
    "org.apache.flink.api.java.DataSet",
    "org.apache.flink.api.java.operators.MapOperator",
  ],
  remediation: "Migrate to the DataStream API (bounded streams) or the Table API / SQL before upgrading.",
  docUrl: "https://nightlies.apache.org/flink/flink-docs-release-1.20/docs/dev/datastream/dataset_migration/",
};
const removedMethod: CodeFinding = {
  id: "removed-method",
  severity: "breaks",
  title: "Calls a method Flink 2.0 removed",
  evidence: "org.apache.flink.api.common.ExecutionConfig#setRestartStrategy in 1 class",
  symbols: ["org.apache.flink.api.common.ExecutionConfig#setRestartStrategy"],
  remediation: "Use the restart-strategy configuration options instead.",
  docUrl: RELEASE_NOTES,
};
const sourceFunction: CodeFinding = {
  id: "source-sink-function",
  severity: "breaks",
  title: "Uses SourceFunction / SinkFunction (or Sink V1)",
  evidence: "org.apache.flink.streaming.api.functions.source.SourceFunction in 1 class",
  symbols: ["org.apache.flink.streaming.api.functions.source.SourceFunction"],
  remediation: "Implement a FLIP-27 Source (env.fromSource) and a Sink V2 (sinkTo).",
  docUrl: GUIDE,
};
const javaTarget: CodeFinding = {
  id: "class-file-target",
  severity: "warning",
  title: "Classes compiled for Java older than 17",
  evidence: "212 of 212 classes target Java below 17 — Java 11 (major 55): 212",
  symbols: ["Java 11 (major 55): 212"],
  remediation: "Build with JDK 17 (maven.compiler.release 17) against Flink 2.2.",
  docUrl: GUIDE,
};
const legacyPackage: CodeFinding = {
  id: "legacy-package",
  severity: "warning",
  title: "Uses a Flink .legacy. package",
  evidence: "org.apache.flink.streaming.api.functions.sink.legacy in 1 class",
  symbols: ["org.apache.flink.streaming.api.functions.sink.legacy"],
  remediation: "Move to the public replacement (Source / Sink V2, Schema, DataTypes) instead of the legacy copy.",
  docUrl: RELEASE_NOTES,
};
const bundledRuntime: CodeFinding = {
  id: "bundled-flink-runtime",
  severity: "warning",
  title: "Flink runtime classes bundled in the JAR",
  evidence: "flink-streaming-java 1.20.0 bundled in the JAR",
  symbols: ["org.apache.flink:flink-streaming-java:1.20.0"],
  remediation: "Mark Flink's own dependencies as provided and rebuild.",
  docUrl: GUIDE,
};
const nestedArchive: CodeFinding = {
  id: "nested-archive",
  severity: "warning",
  title: "Nested archive not checked",
  evidence: "lib/inner.jar is 600000000 bytes; nested archives are read up to 536870912",
  symbols: ["lib/inner.jar"],
  remediation: "Check the nested archive on its own, or flatten it into the application JAR.",
  docUrl: GUIDE,
};

function scan(findings: CodeFinding[], extra: Partial<CodeFact> = {}): CodeFact {
  const status = findings.some((finding) => finding.severity === "breaks")
    ? "breaks"
    : findings.length > 0
      ? "warnings"
      : "clean";
  return { status, findings, ...extra };
}

const CLEAN: CodeFact = {
  status: "clean",
  findings: [],
  connectors: ["flink-connector-aws-kinesis-streams 6.0.0-2.0"],
};
const UNREADABLE: CodeFact = {
  status: "unreadable",
  findings: [],
  reason: "the scan could not read s3://code/orders.jar: AccessDenied",
};

const on120 = (overrides: Partial<AppFacts> = {}) => cleanFacts({ runtime: "FLINK-1_20", ...overrides });
const kinesisApp = (overrides: Partial<AppFacts> = {}) =>
  on120({
    kinesisSource: true,
    detectedBy: { kinesisSource: "consumer.config.0: input.stream.name=orders" },
    ...overrides,
  });

function assess(facts: AppFacts, target = "FLINK-2_2"): RiskAssessment {
  return assessRisk(facts, target, NOW);
}

function find(id: FactorId, facts: AppFacts, target = "FLINK-2_2"): RiskFactor | undefined {
  return assess(facts, target).factors.find((factor) => factor.id === id);
}

describe("codeFactOf", () => {
  it("maps no scan to null", () => {
    expect(codeFactOf(null)).toBeNull();
    expect(codeFactOf(undefined)).toBeNull();
  });

  it("keeps what the model needs from a scan result, the first five symbols and the bundled connectors", () => {
    const result = {
      status: "breaks" as const,
      findings: [
        {
          ...legacyKinesis,
          severity: "breaks" as const,
          entry: "com/acme/Job.class",
          className: "com.acme.Job",
          occurrences: 2,
          why: "Flink 2.2 removes FlinkKinesisConsumer.",
          symbols: ["a", "b", "c", "d", "e", "f", "g"],
        },
      ],
      classes: 212,
      majorVersions: { "55": 212 },
      artifacts: [
        { groupId: "org.apache.flink", artifactId: "flink-connector-kinesis", version: "4.3.0-1.19", entry: "x" },
        { groupId: "org.apache.flink", artifactId: "flink-streaming-java", version: "1.19.1", entry: "y" },
        { groupId: "org.apache.flink", artifactId: "flink-connector-kinesis", version: "4.3.0-1.19", entry: "z" },
      ],
    };
    expect(codeFactOf(result)).toEqual({
      status: "breaks",
      findings: [{ ...legacyKinesis, symbols: ["a", "b", "c", "d", "e"] }],
      connectors: ["flink-connector-kinesis 4.3.0-1.19"],
    });
  });

  it("keeps the reason of an unreadable scan", () => {
    const fact = codeFactOf({ status: "unreadable", error: { message: "the archive is truncated" }, findings: [] });
    expect(fact).toEqual({ status: "unreadable", findings: [], reason: "the archive is truncated" });
  });

  it("is carried into the facts by factsFromApplicationDetail, and absent when not given", () => {
    const detail: ApplicationDetail = {
      ApplicationARN: "arn:aws:kinesisanalytics:us-east-1:123456789012:application/a",
      ApplicationName: "a",
      ApplicationVersionId: 1,
      RuntimeEnvironment: "FLINK-1_20",
      ApplicationStatus: "RUNNING",
    };
    const extras = { region: "us-east-1", tags: {}, snapshots: [] };
    expect(factsFromApplicationDetail(detail, { ...extras, code: CLEAN }).code).toEqual(CLEAN);
    expect(factsFromApplicationDetail(detail, { ...extras, code: null }).code).toBeNull();
    expect("code" in factsFromApplicationDetail(detail, extras)).toBe(false);
  });
});

describe("not scanned", () => {
  const apps = [
    on120(),
    kinesisApp({ usesEfo: true, rollbackEnabled: false, tags: { env: "prod" } }),
    cleanFacts({ runtime: "FLINK-1_13", snapshotsEnabled: false, isPython: true }),
  ];

  it.each(apps.map((facts) => [facts.runtime, facts] as const))(
    "%s: code absent or null scores exactly as before",
    (_, facts) => {
      expect(assess({ ...facts, code: null })).toEqual(assess(facts));
      expect(assess({ ...facts, code: undefined })).toEqual(assess(facts));
    },
  );
});

describe("code factors", () => {
  it("code-breaks names the finding titles and first symbols, with the scan's remedies", () => {
    const factor = find("code-breaks", on120({ code: scan([dataSet, removedMethod, legacyKafka, sourceFunction]) }));
    expect(factor).toMatchObject({ weight: 35, blocking: false, docUrl: FACTORS["code-breaks"].docUrl });
    expect(factor?.evidence).toBe(
      "code scan: Uses the DataSet API (org.apache.flink.api.java.ExecutionEnvironment, " +
        "org.apache.flink.api.java.DataSet, +1 more); Calls a method Flink 2.0 removed " +
        "(org.apache.flink.api.common.ExecutionConfig#setRestartStrategy); Uses a legacy connector " +
        "(org.apache.flink.streaming.connectors.kafka.FlinkKafkaConsumer); and 1 more kind",
    );
    expect(factor?.advice).toBe("rebuild the code for Flink 2.2 (uses the DataSet API, and 3 more kinds)");
    expect(factor?.remediation).toMatch(/^Migrate to the DataStream API .* Use the restart-strategy .* KafkaSource\./);
    expect(factor?.remediation).toContain(FACTORS["code-breaks"].remediation);
  });

  it("code-breaks groups findings of one rule (one per class) under one title", () => {
    const producer = "org.apache.flink.streaming.connectors.kinesis.FlinkKinesisProducer";
    const second = { ...legacyKinesis, evidence: `${producer} in 1 class`, symbols: [producer] };
    expect(find("code-breaks", on120({ code: scan([legacyKinesis, second]) }))?.evidence).toBe(
      `code scan: Uses a legacy connector (${KINESIS_CONSUMER}, ${producer})`,
    );
  });

  it("code-warnings scales with the kinds of warning, 5 each up to 15", () => {
    const weight = (findings: CodeFinding[]) => find("code-warnings", on120({ code: scan(findings) }))?.weight;
    expect(weight([javaTarget])).toBe(5);
    expect(weight([javaTarget, legacyPackage])).toBe(10);
    expect(weight([javaTarget, legacyPackage, bundledRuntime, nestedArchive])).toBe(15);
    const factor = find("code-warnings", on120({ code: scan([javaTarget]) }));
    expect(factor?.evidence).toBe("code scan: Classes compiled for Java older than 17 (Java 11 (major 55): 212)");
    expect(factor?.advice).toBe("review the code scan's warnings (classes compiled for Java older than 17)");
  });

  it("a scan with breaks lists its warnings too", () => {
    const ids = assess(on120({ code: scan([removedMethod, javaTarget]) })).factors.map((factor) => factor.id);
    expect(ids).toEqual(["code-breaks", "major-version-jump", "code-warnings"]);
  });

  it("code-unreadable says why the code was not scanned", () => {
    const factor = find("code-unreadable", on120({ code: UNREADABLE }));
    expect(factor).toMatchObject({
      weight: 5,
      evidence: "code scan could not read the build: the scan could not read s3://code/orders.jar: AccessDenied",
    });
    expect(factor?.advice).toMatch(/unknown is not safe/);
  });

  it("an unreadable scan still reports what it found before it stopped, and lowers nothing", () => {
    const facts = kinesisApp({ code: { status: "unreadable", findings: [dataSet], reason: "timeout" } });
    const byId = new Map(assess(facts).factors.map((factor) => [factor.id, factor.weight]));
    expect(Object.fromEntries(byId)).toEqual({
      "code-breaks": 35,
      "major-version-jump": 25,
      "kinesis-source-2x": 10,
      "code-unreadable": 5,
    });
  });

  it("speak only to a Flink 2.x target: the scan checks against Flink 2.2", () => {
    const facts = cleanFacts({ code: scan([dataSet, javaTarget]) });
    expect(assess(facts, "FLINK-1_20").factors).toEqual([]);
    expect(assess({ ...facts, code: UNREADABLE }, "FLINK-1_20").factors).toEqual([]);
  });
});

describe("a clean scan lowers what the configuration only guessed", () => {
  it("major-version-jump: 25 → 10, the state move remains", () => {
    const factor = find("major-version-jump", on120({ code: CLEAN }));
    expect(factor?.weight).toBe(10);
    expect(factor?.evidence).toBe(
      "FLINK-1_20 → FLINK-2_2 (major version 1 → 2); code scan clean: nothing Flink 2.0 removed, the state still moves one way",
    );
    expect(find("major-version-jump", on120({ code: scan([javaTarget]) }))?.weight).toBe(25);
    expect(find("major-version-jump", on120({ code: UNREADABLE }))?.weight).toBe(25);
  });

  it("version-jump: 3 → 1 per skipped release", () => {
    expect(find("version-jump", cleanFacts({ runtime: "FLINK-1_15" }))?.weight).toBe(9);
    expect(find("version-jump", cleanFacts({ runtime: "FLINK-1_15", code: CLEAN }))?.weight).toBe(3);
  });

  it("kinesis-source-2x: 10 → 3 with the connector the build already uses", () => {
    const factor = find("kinesis-source-2x", kinesisApp({ code: CLEAN }));
    expect(factor?.weight).toBe(3);
    expect(factor?.evidence).toBe(
      "code scan: already on KinesisStreamsSource (flink-connector-aws-kinesis-streams 6.0.0-2.0), no FlinkKinesisConsumer; " +
        "the runtime properties suggest a Kinesis source (consumer.config.0: input.stream.name=orders)",
    );
  });

  it("kinesis-source-2x is lowered by any scan that read the whole build without a legacy Kinesis source", () => {
    const weight = (code: CodeFact) => find("kinesis-source-2x", kinesisApp({ code }))?.weight;
    expect(weight(scan([javaTarget]))).toBe(3);
    expect(weight(scan([dataSet, legacyKafka]))).toBe(3);
    expect(find("kinesis-source-2x", kinesisApp({ code: scan([javaTarget]) }))?.evidence).toMatch(
      /^code scan: no FlinkKinesisConsumer and no 1\.x Kinesis connector in the build; /,
    );
    // Not when part of the build went unchecked, or the scan could not read it.
    expect(weight(scan([nestedArchive]))).toBe(10);
    expect(weight(UNREADABLE)).toBe(10);
  });

  it("kinesis-source-2x keeps its weight, with the code's evidence, when the scan confirms the guess", () => {
    const factor = find("kinesis-source-2x", kinesisApp({ code: scan([legacyKinesis]) }));
    expect(factor?.weight).toBe(10);
    expect(factor?.evidence).toBe(
      `Kinesis source (consumer.config.0: input.stream.name=orders); code scan: Uses a legacy connector (${KINESIS_CONSUMER})`,
    );
    expect(find("kinesis-source-2x", kinesisApp({ code: scan([oldKinesisConnector]) }))?.weight).toBe(10);
  });

  it("kinesis-source-2x is still lowered when the build's legacy Kinesis use is a sink or Firehose, not the source", () => {
    const producer = "org.apache.flink.streaming.connectors.kinesis.FlinkKinesisProducer";
    const sink = { ...legacyKinesis, evidence: `${producer} in 1 class`, symbols: [producer] };
    const firehose = {
      ...oldKinesisConnector,
      evidence:
        "flink-connector-aws-kinesis-firehose 5.0.0-1.20: built for Flink 1.20; Amazon Data Firehose needs 6.0.0",
      symbols: ["org.apache.flink:flink-connector-aws-kinesis-firehose:5.0.0-1.20"],
    };
    expect(find("kinesis-source-2x", kinesisApp({ code: scan([sink, firehose]) }))?.weight).toBe(3);
  });

  it("kinesis-source-2x is found by the code when the configuration missed it", () => {
    const factor = find("kinesis-source-2x", on120({ code: scan([legacyKinesis]) }));
    expect(factor).toMatchObject({
      weight: 10,
      evidence: `code scan: Uses a legacy connector (${KINESIS_CONSUMER})`,
    });
    expect(find("kinesis-source-2x", on120({ code: scan([legacyKafka]) }))).toBeUndefined();
  });

  it("never lowers the state factors (Kryo, Kinesis connector state, snapshots)", () => {
    const facts = cleanFacts({
      runtime: "FLINK-1_11",
      kinesisSource: true,
      rollbackEnabled: false,
      newestSnapshot: { name: "old", createdAt: daysAgo(30), runtime: "FLINK-1_11" },
      logs: { logStream: "present", kryoTypes: ["com.acme.Order"] },
    });
    const weights = (code: CodeFact | null) =>
      Object.fromEntries(assess({ ...facts, code }).factors.map((factor) => [factor.id, factor.weight]));
    const [before, after] = [weights(null), weights(CLEAN)];
    for (const id of ["kryo-fallback-types", "kinesis-connector-state", "stale-snapshot", "system-rollback-disabled"]) {
      expect(after[id]).toBe(before[id]);
      expect(after[id]).toBeGreaterThan(0);
    }
  });
});

describe("separation: the code scan tells apart applications the configuration scores alike", () => {
  // A production Kinesis consumer with EFO on Flink 1.15, system rollback off, no health data: every guess the
  // configuration can make, and 100 without a scan.
  const busy = cleanFacts({
    name: "clickstream-sessionizer",
    runtime: "FLINK-1_15",
    kinesisSource: true,
    usesEfo: true,
    detectedBy: {
      kinesisSource: "consumer.config.0: input.stream.name=clicks",
      efo: "consumer.config.0: flink.stream.recordpublisher=EFO",
    },
    rollbackEnabled: false,
    tags: { env: "prod", team: "web" },
  });

  it("a clean build with no Kryo fallback scores well below the same app with breaking code", () => {
    const unscanned = assess(busy);
    const clean = assess({ ...busy, code: CLEAN });
    const dirty = assess({ ...busy, code: scan([legacyKinesis, dataSet]) });
    expect(unscanned.score).toBe(100);
    expect(dirty.score).toBe(100);
    expect(clean.score).toBeLessThan(100);
    expect(clean.score).toBeLessThanOrEqual(dirty.score - 30);
    expect(clean.level).not.toBe("blocked");
  });

  // 14 applications that all score 100 on their configuration alone.
  const variants: [string, AppFacts, CodeFact][] = [
    ["1.15 Kinesis EFO", busy, CLEAN],
    ["1.15 Kinesis EFO, Java 11 build", busy, scan([javaTarget])],
    ["1.15 Kinesis EFO, legacy consumer", busy, scan([legacyKinesis])],
    ["1.15 Kinesis EFO, unreadable", busy, UNREADABLE],
    [
      "1.18 Kinesis EFO, stale snapshot",
      { ...busy, runtime: "FLINK-1_18", newestSnapshot: { name: "s", createdAt: daysAgo(20), runtime: "FLINK-1_18" } },
      CLEAN,
    ],
    [
      "1.18 Kinesis EFO, stale snapshot, legacy package",
      { ...busy, runtime: "FLINK-1_18", newestSnapshot: { name: "s", createdAt: daysAgo(20), runtime: "FLINK-1_18" } },
      scan([legacyPackage]),
    ],
    ["1.19 Kinesis EFO, snapshots off", { ...busy, runtime: "FLINK-1_19", snapshotsEnabled: false }, CLEAN],
    [
      "1.19 Kinesis EFO, snapshots off, DataSet",
      { ...busy, runtime: "FLINK-1_19", snapshotsEnabled: false },
      scan([dataSet]),
    ],
    ["1.20 Kinesis EFO, no snapshot", { ...busy, runtime: "FLINK-1_20", newestSnapshot: null }, CLEAN],
    [
      "1.20 Kinesis EFO, no snapshot, two warnings",
      { ...busy, runtime: "FLINK-1_20", newestSnapshot: null },
      scan([javaTarget, bundledRuntime]),
    ],
    [
      "1.13 Kinesis, no log stream",
      { ...busy, runtime: "FLINK-1_13", usesEfo: false, logs: { logStream: "missing", kryoTypes: [] } },
      CLEAN,
    ],
    [
      "1.13 Kinesis, no log stream, old connector",
      { ...busy, runtime: "FLINK-1_13", usesEfo: false, logs: { logStream: "missing", kryoTypes: [] } },
      scan([oldKinesisConnector, sourceFunction]),
    ],
    [
      "1.20 Kafka, Python, rollback and snapshots off",
      cleanFacts({
        runtime: "FLINK-1_20",
        isPython: true,
        snapshotsEnabled: false,
        rollbackEnabled: false,
        tags: { env: "prod" },
      }),
      CLEAN,
    ],
    [
      "1.20 Kafka, Python, rollback and snapshots off, unreadable",
      cleanFacts({
        runtime: "FLINK-1_20",
        isPython: true,
        snapshotsEnabled: false,
        rollbackEnabled: false,
        tags: { env: "prod" },
      }),
      UNREADABLE,
    ],
  ];

  it.each(variants)("%s scores 100 on its configuration alone", (_, facts) => {
    expect(assess(facts).score).toBe(100);
  });

  it("spread into at least 5 scores once their code is scanned", () => {
    const scores = variants.map(([, facts, code]) => assess({ ...facts, code }).score);
    expect(new Set(scores).size).toBeGreaterThanOrEqual(5);
  });

  it.each(variants)("%s: clean ≤ warnings ≤ breaks, and a clean scan never scores above no scan", (_, facts) => {
    const score = (code: CodeFact | null) => assess({ ...facts, code }).score;
    expect(score(CLEAN)).toBeLessThanOrEqual(score(scan([javaTarget])));
    expect(score(scan([javaTarget]))).toBeLessThanOrEqual(score(scan([dataSet])));
    expect(score(CLEAN)).toBeLessThanOrEqual(score(null));
    expect(score(UNREADABLE)).toBeGreaterThanOrEqual(score(null));
  });
});
