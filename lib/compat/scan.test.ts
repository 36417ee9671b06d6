import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { unzipSync } from "fflate";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { codeFactOf, type CodeScanLike } from "@/lib/risk/facts";
import { ArchiveSourceError, bufferSource, type ByteSource } from "./byte-source";
import type { CompatFinding } from "./findings";
import { scanArchive, scanFile, type ScanOptions, type ScanResult } from "./scan";
import type { ClassSpec } from "./test-support/class-writer";
import { writeClassFile } from "./test-support/class-writer";
import { buildJar, buildZip, pomProperties, removeTemp, setEncryptedFlag, writeTemp } from "./test-support/jar";

afterAll(removeTemp);

let counter = 0;
async function scanBytes(bytes: Uint8Array, options?: ScanOptions): Promise<ScanResult> {
  return scanFile(writeTemp(`archive-${++counter}.jar`, bytes), options);
}

async function scanClasses(classes: ClassSpec[], other = {}, options?: ScanOptions): Promise<ScanResult> {
  return scanBytes(buildJar(classes, other), options);
}

function only(result: ScanResult, id: CompatFinding["id"]): CompatFinding {
  const matching = result.findings.filter((finding) => finding.id === id);
  expect(matching, `findings with id ${id}: ${JSON.stringify(result.findings.map((f) => f.id))}`).toHaveLength(1);
  return matching[0]!;
}

const JOB = "com/example/Job";

describe("a clean archive", () => {
  it("reports nothing, with the counts", async () => {
    const result = await scanClasses([{ name: JOB, classRefs: ["java/lang/String"] }]);
    expect(result).toMatchObject({
      status: "clean",
      findings: [],
      classes: 1,
      entries: 2,
      majorVersions: { "61": 1 },
      artifacts: [],
    });
    expect(result.error).toBeUndefined();
    expect(result.python).toBeUndefined();
  });
});

describe("references to what Flink 2.0 removed", () => {
  it("a removed class is binary incompatible, with its replacement", async () => {
    const result = await scanClasses([{ name: JOB, classRefs: ["org/apache/flink/api/common/time/Time"] }]);
    expect(result.status).toBe("breaks");
    expect(result.findings).toEqual([
      expect.objectContaining({
        id: "removed-class",
        severity: "breaks",
        entry: "com/example/Job.class",
        className: "com.example.Job",
        evidence: "org.apache.flink.api.common.time.Time in 1 class",
        symbols: ["org.apache.flink.api.common.time.Time"],
        occurrences: 1,
        remediation: "Use java.time.Duration instead of org.apache.flink.api.common.time.Time.",
        docUrl: "https://nightlies.apache.org/flink/flink-docs-release-2.0/release-notes/flink-2.0/",
      }),
    ]);
  });

  it("counts classes, not references, and keeps the first place seen", async () => {
    const time = "org/apache/flink/api/common/time/Time";
    const result = await scanClasses([
      { name: "com/example/A", classRefs: [time], utf8: [`(L${time};)V`] },
      { name: "com/example/B", classRefs: [time] },
    ]);
    expect(only(result, "removed-class")).toMatchObject({
      entry: "com/example/A.class",
      occurrences: 2,
      evidence: "org.apache.flink.api.common.time.Time in 2 classes",
    });
  });

  it("DataSet API classes are one finding", async () => {
    const result = await scanClasses([
      {
        name: JOB,
        classRefs: ["org/apache/flink/api/java/ExecutionEnvironment", "org/apache/flink/api/java/DataSet"],
      },
    ]);
    expect(result.findings.map((finding) => finding.id)).toEqual(["dataset-api"]);
    expect(only(result, "dataset-api")).toMatchObject({
      severity: "breaks",
      symbols: ["org.apache.flink.api.java.ExecutionEnvironment", "org.apache.flink.api.java.DataSet"],
      evidence: "org.apache.flink.api.java.ExecutionEnvironment, org.apache.flink.api.java.DataSet in 1 class",
    });
  });

  it("the Scala API", async () => {
    const result = await scanClasses([
      { name: JOB, classRefs: ["org/apache/flink/streaming/api/scala/StreamExecutionEnvironment"] },
    ]);
    expect(only(result, "scala-api")).toMatchObject({
      severity: "breaks",
      symbols: ["org.apache.flink.streaming.api.scala.StreamExecutionEnvironment"],
    });
  });

  it("SourceFunction and addSource are one finding", async () => {
    const result = await scanClasses([
      {
        name: "com/example/MySource",
        interfaces: ["org/apache/flink/streaming/api/functions/source/SourceFunction"],
        methodRefs: [
          {
            owner: "org/apache/flink/streaming/api/environment/StreamExecutionEnvironment",
            name: "addSource",
            descriptor:
              "(Lorg/apache/flink/streaming/api/functions/source/SourceFunction;)Lorg/apache/flink/streaming/api/datastream/DataStreamSource;",
          },
        ],
      },
    ]);
    expect(result.findings.map((finding) => finding.id)).toEqual(["source-sink-function"]);
    expect(only(result, "source-sink-function").symbols).toEqual([
      "org.apache.flink.streaming.api.functions.source.SourceFunction",
      "org.apache.flink.streaming.api.environment.StreamExecutionEnvironment.addSource(org.apache.flink.streaming.api.functions.source.SourceFunction<OUT>)",
    ]);
  });

  it("a legacy connector, with the class to move to", async () => {
    const result = await scanClasses([
      { name: JOB, classRefs: ["org/apache/flink/streaming/connectors/kinesis/FlinkKinesisConsumer"] },
    ]);
    expect(only(result, "legacy-connector")).toMatchObject({
      severity: "breaks",
      symbols: ["org.apache.flink.streaming.connectors.kinesis.FlinkKinesisConsumer"],
      remediation:
        "Replace org.apache.flink.streaming.connectors.kinesis.FlinkKinesisConsumer with KinesisStreamsSource (flink-connector-aws-kinesis-streams 6.0.0-2.0).",
    });
  });

  it("a .legacy. package is a warning, per package", async () => {
    const result = await scanClasses([
      {
        name: JOB,
        classRefs: [
          "org/apache/flink/streaming/api/functions/source/legacy/SourceFunction",
          "org/apache/flink/streaming/api/functions/source/legacy/RichSourceFunction",
        ],
      },
    ]);
    expect(result.status).toBe("warnings");
    expect(only(result, "legacy-package")).toMatchObject({
      severity: "warning",
      symbols: [
        "org.apache.flink.streaming.api.functions.source.legacy.SourceFunction",
        "org.apache.flink.streaming.api.functions.source.legacy.RichSourceFunction",
      ],
    });
  });

  it("Kryo registration calls", async () => {
    const result = await scanClasses([
      {
        name: JOB,
        methodRefs: [
          {
            owner: "org/apache/flink/api/common/ExecutionConfig",
            name: "registerKryoType",
            descriptor: "(Ljava/lang/Class;)V",
          },
          {
            owner: "org/apache/flink/api/common/ExecutionConfig",
            name: "addDefaultKryoSerializer",
            descriptor: "(Ljava/lang/Class;Ljava/lang/Class;)V",
          },
        ],
      },
    ]);
    expect(result.findings.map((finding) => finding.id)).toEqual(["kryo-registration"]);
    expect(only(result, "kryo-registration").symbols).toEqual([
      "org.apache.flink.api.common.ExecutionConfig.registerKryoType(java.lang.Class<?>)",
      "org.apache.flink.api.common.ExecutionConfig.addDefaultKryoSerializer(java.lang.Class<?>, java.lang.Class<? extends com.esotericsoftware.kryo.Serializer<? extends ?>>)",
    ]);
  });

  it("a removed method, but not the overload that stays", async () => {
    const configuration = "org/apache/flink/configuration/Configuration";
    const result = await scanClasses([
      {
        name: JOB,
        methodRefs: [
          { owner: configuration, name: "getInteger", descriptor: "(Lorg/apache/flink/configuration/ConfigOption;)I" },
          {
            owner: configuration,
            name: "getString",
            descriptor: "(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;",
          },
        ],
      },
    ]);
    expect(result.findings.map((finding) => finding.id)).toEqual(["removed-method"]);
    expect(only(result, "removed-method").symbols).toEqual([
      "org.apache.flink.configuration.Configuration.getInteger(org.apache.flink.configuration.ConfigOption<java.lang.Integer>)",
    ]);
  });

  it("a removed field", async () => {
    const result = await scanClasses([
      {
        name: JOB,
        fieldRefs: [
          {
            owner: "org/apache/flink/configuration/CheckpointingOptions",
            name: "STATE_BACKEND",
            descriptor: "Lorg/apache/flink/configuration/ConfigOption;",
          },
        ],
      },
    ]);
    expect(only(result, "removed-field").symbols).toEqual([
      "org.apache.flink.configuration.CheckpointingOptions.STATE_BACKEND",
    ]);
  });

  it("an override Flink 2.x no longer calls: open(Configuration)", async () => {
    const result = await scanClasses([
      {
        name: "com/example/Enricher",
        superName: "org/apache/flink/api/common/functions/RichMapFunction",
        declaredMethods: [{ name: "open", descriptor: "(Lorg/apache/flink/configuration/Configuration;)V" }],
      },
    ]);
    expect(only(result, "removed-override")).toMatchObject({
      severity: "breaks",
      className: "com.example.Enricher",
      remediation: "Override open(OpenContext) instead.",
    });
  });

  it("a removed configuration key in a string constant is a warning; state.backend.type is not", async () => {
    const result = await scanClasses([
      {
        name: JOB,
        strings: ["pipeline.registered-kryo-types", "state.backend.type", "execution.checkpointing.interval"],
      },
    ]);
    expect(result.findings.map((finding) => finding.id)).toEqual(["removed-config-key"]);
    expect(only(result, "removed-config-key")).toMatchObject({
      severity: "warning",
      symbols: ['"pipeline.registered-kryo-types"'],
    });
  });
});

describe("connector artifacts from pom.properties", () => {
  it("flags 1.x connector builds and bundled Flink, passes 2.x ones", async () => {
    const result = await scanClasses([{ name: JOB }], {
      ...pomProperties("org.apache.flink", "flink-connector-kinesis", "4.3.0-1.19"),
      ...pomProperties("org.apache.flink", "flink-connector-aws-kinesis-streams", "5.0.0-1.20"),
      ...pomProperties("org.apache.flink", "flink-connector-kafka", "4.0.0-2.0"),
      ...pomProperties("org.apache.flink", "flink-streaming-java", "1.20.0"),
      ...pomProperties("com.example", "job", "1.0.0"),
    });
    expect(result.artifacts.map(({ artifactId, version }) => `${artifactId}:${version}`)).toEqual([
      "flink-connector-kinesis:4.3.0-1.19",
      "flink-connector-aws-kinesis-streams:5.0.0-1.20",
      "flink-connector-kafka:4.0.0-2.0",
      "flink-streaming-java:1.20.0",
      "job:1.0.0",
    ]);
    const connectors = result.findings.filter((finding) => finding.id === "connector-version");
    expect(connectors.map((finding) => [finding.entry, finding.evidence, finding.remediation])).toEqual([
      [
        "META-INF/maven/org.apache.flink/flink-connector-kinesis/pom.properties",
        "flink-connector-kinesis 4.3.0-1.19: no release of flink-connector-kinesis runs on Flink 2.x",
        "On 1.x first move to KinesisStreamsSource / KinesisStreamsSink (flink-connector-aws-kinesis-streams 5.x, e.g. 5.0.0-1.20) and prove it there: FlinkKinesisConsumer state does not carry over to the new source. Replace it with flink-connector-aws-kinesis-streams 6.0.0-2.0.",
      ],
      [
        "META-INF/maven/org.apache.flink/flink-connector-aws-kinesis-streams/pom.properties",
        "flink-connector-aws-kinesis-streams 5.0.0-1.20: built for Flink 1.20; Kinesis Data Streams needs 6.0.0 or later (…-2.0) on Flink 2.x",
        "On 1.x use 5.x (5.0.0-1.20 or later) before the move, then 6.0.0-2.0 on 2.2. Upgrade to flink-connector-aws-kinesis-streams 6.0.0-2.0 or later.",
      ],
    ]);
    expect(only(result, "bundled-flink-runtime")).toMatchObject({
      severity: "warning",
      evidence: "flink-streaming-java 1.20.0 bundled in the JAR",
    });
  });
});

describe("class-file versions", () => {
  it("a build with no class for Java 17 gets one finding counting its classes per major version", async () => {
    const result = await scanClasses([
      { name: "com/example/A", major: 52 },
      { name: "com/example/B", major: 52 },
      { name: "com/example/C", major: 55 },
    ]);
    expect(result.majorVersions).toEqual({ "52": 2, "55": 1 });
    expect(only(result, "class-file-target")).toMatchObject({
      severity: "warning",
      entry: "com/example/A.class",
      evidence: "3 of 3 classes target Java below 17 — Java 8 (major 52): 2; Java 11 (major 55): 1",
    });
  });

  it("libraries for Java 8 bundled beside a job built for Java 17 are no finding", async () => {
    const result = await scanClasses([
      { name: "org/lib/A", major: 52 },
      { name: "org/lib/B", major: 55 },
      { name: "com/example/Job", major: 61 },
    ]);
    expect(result.majorVersions).toEqual({ "52": 1, "55": 1, "61": 1 });
    expect(result.findings.map((f) => f.id)).not.toContain("class-file-target");
  });

  it("classes for Java 21 break, except in a multi-release JAR's versions/21", async () => {
    const result = await scanBytes(
      buildJar([{ name: JOB, major: 65 }], {
        "META-INF/versions/21/com/example/Fast.class": writeClassFile({ name: "com/example/Fast", major: 65 }),
      }),
    );
    expect(only(result, "class-file-too-new")).toMatchObject({
      severity: "breaks",
      entry: "com/example/Job.class",
      evidence: "classes compiled for a newer Java than 17 — Java 21 (major 65): 1",
    });
    expect(result.majorVersions).toEqual({ "65": 2 });
  });
});

describe("nested archives", () => {
  const dataSetJob: ClassSpec = { name: "com/example/Inner", classRefs: ["org/apache/flink/api/java/DataSet"] };

  it("scans a JAR inside the JAR and names the path through it", async () => {
    const result = await scanBytes(buildJar([{ name: JOB }], { "lib/inner.jar": buildJar([dataSetJob]) }));
    expect(result.classes).toBe(2);
    expect(result.entries).toBe(5);
    expect(only(result, "dataset-api")).toMatchObject({
      entry: "lib/inner.jar!/com/example/Inner.class",
      className: "com.example.Inner",
    });
  });

  it("stops two levels down", async () => {
    const level3 = buildJar([dataSetJob]);
    const level2 = buildJar([], { "c.jar": level3 });
    const level1 = buildJar([], { "b.jar": level2 });
    const result = await scanBytes(buildJar([{ name: JOB }], { "a.jar": level1 }));
    expect(result.findings.map((finding) => finding.id)).toEqual(["nested-archive"]);
    expect(only(result, "nested-archive").evidence).toBe(
      "a.jar!/b.jar!/c.jar is nested 3 levels deep; the scan opens 2",
    );
  });

  it("a nested JAR that is not a zip is a warning and the scan goes on", async () => {
    const result = await scanBytes(buildJar([dataSetJob], { "lib/broken.jar": "not a zip at all" }));
    expect(result.status).toBe("breaks");
    expect(only(result, "nested-archive")).toMatchObject({
      severity: "warning",
      evidence: "lib/broken.jar: not a zip or JAR archive (no zip directory found)",
    });
    expect(only(result, "dataset-api").entry).toBe("com/example/Inner.class");
  });
});

describe("PyFlink archives", () => {
  it("finds the Python version, removed modules, legacy connectors and a pinned PyFlink", async () => {
    const result = await scanBytes(
      buildZip({
        "app/main.py": [
          "from pyflink.dataset import ExecutionEnvironment",
          "from pyflink.datastream.connectors.kinesis import (",
          "    FlinkKinesisConsumer,",
          "    KinesisStreamsSink,",
          ")",
          "import pyflink.table",
        ].join("\n"),
        "requirements.txt": "apache-flink==1.20.0\nboto3==1.34.0\n",
        "pyproject.toml": '[project]\nname = "job"\nrequires-python = "==3.8.*"\n',
        "lib/fastjson.cpython-38-x86_64-linux-gnu.so": "ELF",
        "lib/flink-sql-connector-kinesis.jar": buildJar([{ name: "com/example/Udf" }]),
      }),
    );
    expect(result.python).toEqual({
      files: 1,
      modules: ["pyflink.dataset", "pyflink.datastream.connectors.kinesis", "pyflink.table"],
      versions: ["3.8 (pyproject.toml (==3.8.*))", "3.8 (lib/fastjson.cpython-38-x86_64-linux-gnu.so)"],
    });
    expect(result.findings.map((finding) => [finding.id, finding.severity, finding.evidence])).toEqual([
      ["legacy-connector", "breaks", "app/main.py imports FlinkKinesisConsumer"],
      [
        "python-version",
        "breaks",
        "Python 3.8 (pyproject.toml (==3.8.*)); Python 3.8 (lib/fastjson.cpython-38-x86_64-linux-gnu.so)",
      ],
      ["pyflink-removed-api", "breaks", "pyflink.dataset in 1 entry"],
      ["pyflink-version", "breaks", "requirements.txt pins apache-flink==1.20.0"],
    ]);
    expect(result.classes).toBe(1);
  });

  it("a 3.12 PyFlink app on the DataStream API is clean", async () => {
    const result = await scanBytes(
      buildZip({
        "main.py": "from pyflink.datastream import StreamExecutionEnvironment\n",
        ".python-version": "3.12.4\n",
        "requirements.txt": "boto3\n",
      }),
    );
    expect(result.status).toBe("clean");
    expect(result.python).toEqual({
      files: 1,
      modules: ["pyflink.datastream"],
      versions: ["3.12 (.python-version)"],
    });
  });

  it("a connector JAR built for Java 8 inside a PyFlink zip is a library, not the job's build", async () => {
    const result = await scanBytes(
      buildZip({
        "main.py": "from pyflink.datastream import StreamExecutionEnvironment\n",
        ".python-version": "3.12.4\n",
        "lib/connector.jar": buildJar([{ name: "org/lib/Connector", major: 52 }]),
      }),
    );
    expect(result.majorVersions).toEqual({ "52": 1 });
    expect(result.status).toBe("clean");
  });
});

describe("damaged entries: a finding, and the scan goes on", () => {
  it("a .class entry with a bad magic number", async () => {
    const result = await scanClasses([{ name: JOB, classRefs: ["org/apache/flink/api/common/time/Time"] }], {
      "com/example/Broken.class": "not a class file",
      "com/example/AlsoBroken.class": "",
    });
    expect(result.classes).toBe(1);
    expect(only(result, "bad-class-file")).toMatchObject({
      severity: "warning",
      entry: "com/example/Broken.class",
      evidence:
        "com/example/Broken.class: not a class file: magic is 0x6e6f7420, expected 0xcafebabe (and 1 entry more)",
      symbols: ["com/example/Broken.class", "com/example/AlsoBroken.class"],
      occurrences: 2,
    });
    expect(only(result, "removed-class").entry).toBe("com/example/Job.class");
  });

  it("a class file whose constant pool is cut short", async () => {
    const truncated = writeClassFile({ name: "com/example/Cut", strings: ["x".repeat(100)] }).subarray(0, 40);
    const result = await scanClasses([{ name: JOB }], { "com/example/Cut.class": truncated });
    expect(result.classes).toBe(1);
    expect(only(result, "bad-class-file").evidence).toMatch(
      /^com\/example\/Cut\.class: truncated class file: constant pool entry #\d+ at byte \d+ needs \d+ bytes$/,
    );
  });

  it("a class file over the per-entry cap is not read", async () => {
    const big = writeClassFile({ name: "com/example/Big", strings: ["y".repeat(5000)] });
    const result = await scanClasses(
      [{ name: JOB }],
      { "com/example/Big.class": big },
      { limits: { maxEntryBytes: 4096 } },
    );
    expect(result.classes).toBe(1);
    expect(only(result, "entry-too-large").evidence).toBe(
      `com/example/Big.class is ${big.length} bytes; entries are read up to 4096 bytes`,
    );
  });
});

describe("bad archives are unreadable, with a message", () => {
  function expectUnreadable(result: ScanResult, code: string, message: RegExp) {
    expect(result.status).toBe("unreadable");
    expect(result.error?.code).toBe(code);
    expect(result.error?.message).toMatch(message);
  }

  it("not a zip", async () => {
    expectUnreadable(await scanBytes(Buffer.from("just some text, no zip here")), "not-a-zip", /^not a zip or JAR/);
    expectUnreadable(await scanBytes(new Uint8Array(0)), "not-a-zip", /^not a zip or JAR/);
  });

  it("a truncated zip", async () => {
    const jar = buildJar([{ name: JOB }, { name: "com/example/Other" }]);
    expectUnreadable(await scanBytes(jar.subarray(0, Math.floor(jar.length / 2))), "truncated", /truncated/);
  });

  it("a zip bomb: one entry expanding past the ratio", async () => {
    const result = await scanBytes(buildZip({ "data/zeros.bin": new Uint8Array(8 * 1024 ** 2) }, 9));
    expectUnreadable(
      result,
      "zip-bomb",
      /^data\/zeros\.bin expands \d+:1 \(\d+ → 8388608 bytes\), over the 200:1 limit/,
    );
  });

  it("a zip bomb: too many entries", async () => {
    const entries = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}.txt`, "x"]));
    expectUnreadable(
      await scanBytes(buildZip(entries), { limits: { maxEntries: 10 } }),
      "too-many-entries",
      /has 20 entries; the scan reads at most 10/,
    );
  });

  it("a zip bomb: too many bytes in all", async () => {
    const entries = { "a.bin": randomBytes(600), "b.bin": randomBytes(600) };
    expectUnreadable(
      await scanBytes(buildZip(entries), { limits: { maxTotalUncompressedBytes: 1000 } }),
      "zip-bomb",
      /expand to more than 1000 bytes .*stopped at b\.bin/,
    );
  });

  it("an encrypted entry", async () => {
    const jar = setEncryptedFlag(buildJar([{ name: JOB }]), "com/example/Job.class");
    expectUnreadable(await scanBytes(jar), "encrypted", /^com\/example\/Job\.class is encrypted/);
  });

  it("an archive over the size cap, refused before any read", async () => {
    const unreadable: ByteSource = {
      ...bufferSource(new Uint8Array(2048), "big.jar"),
      read: () => Promise.reject(new Error("must not read")),
      stream: () =>
        new Readable({
          read() {
            this.destroy(new Error("must not read"));
          },
        }),
    };
    const result = await scanArchive(unreadable, { limits: { maxArchiveBytes: 1024 } });
    expectUnreadable(result, "too-large", /^the archive is 2048 bytes; the scan reads archives up to 1024 bytes$/);
    expect(result.entries).toBe(0);
  });

  it("a source that never answers times out", async () => {
    const hanging: ByteSource = {
      ...bufferSource(buildJar([{ name: JOB }]), "hanging.jar"),
      read: () => new Promise<Buffer>(() => {}),
    };
    const started = Date.now();
    const result = await scanArchive(hanging, { limits: { timeoutMs: 300 } });
    expectUnreadable(result, "timeout", /took longer than 0 s and was stopped/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("AccessDenied and NoSuchKey from the source keep their codes", async () => {
    const failing = (error: ArchiveSourceError): ByteSource => ({
      ...bufferSource(buildJar([{ name: JOB }]), "s3://bucket/app.jar"),
      read: () => Promise.reject(error),
    });
    expectUnreadable(
      await scanArchive(failing(new ArchiveSourceError("access-denied", "Access denied reading s3://bucket/app.jar"))),
      "access-denied",
      /^Access denied reading s3:\/\/bucket\/app\.jar$/,
    );
    expectUnreadable(
      await scanArchive(failing(new ArchiveSourceError("not-found", "s3://bucket/app.jar does not exist (NoSuchKey)"))),
      "not-found",
      /NoSuchKey/,
    );
  });

  it("a missing local file", async () => {
    expectUnreadable(await scanFile("/nonexistent/app.jar"), "source", /^cannot open \/nonexistent\/app\.jar/);
  });
});

describe("a real JAR (Debian's commons-lang3, installed by .ci/run)", () => {
  it("scans every class: Java 8 targets, its own artifact, nothing Flink", async () => {
    const jar = "/usr/share/java/commons-lang3.jar";
    if (!existsSync(jar)) throw new Error(`${jar} is missing: apt-get install -y libcommons-lang3-java (see .ci/run)`);
    const classEntries = Object.keys(unzipSync(readFileSync(jar), { filter: (file) => file.name.endsWith(".class") }));
    const result = await scanFile(jar);
    expect(result.status).toBe("warnings");
    expect(result.classes).toBe(classEntries.length);
    expect(result.majorVersions).toEqual({ "52": classEntries.length });
    expect(result.artifacts.map((artifact) => `${artifact.groupId}:${artifact.artifactId}`)).toEqual([
      "org.apache.commons:commons-lang3",
    ]);
    expect(result.findings.map((finding) => [finding.id, finding.evidence])).toEqual([
      [
        "class-file-target",
        `${classEntries.length} of ${classEntries.length} classes target Java below 17 — Java 8 (major 52): ${classEntries.length}`,
      ],
    ]);
  });
});

describe("the result feeds the risk model", () => {
  it("is a CodeScanLike that codeFactOf maps", async () => {
    const result = await scanClasses([{ name: JOB, classRefs: ["org/apache/flink/api/java/DataSet"] }], {
      ...pomProperties("org.apache.flink", "flink-connector-kafka", "3.2.0-1.19"),
    });
    const like: CodeScanLike = result;
    expect(codeFactOf(like)).toMatchObject({
      status: "breaks",
      findings: [{ id: "dataset-api" }, { id: "connector-version" }],
      connectors: ["flink-connector-kafka 3.2.0-1.19"],
    });
  });
});
