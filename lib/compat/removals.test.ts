import { describe, expect, it } from "vitest";
import { findLegacyConnectorClass } from "./connectors";
import {
  descriptorParameterCount,
  findRemovedClass,
  findRemovedConfigKey,
  findRemovedField,
  findRemovedMethod,
  javaSignatureToDescriptor,
  REMOVALS_2_0,
  REMOVALS_SOURCE,
} from "./removals";

describe("the Flink 2.0 removal table", () => {
  it("records where it was transcribed from", () => {
    expect(REMOVALS_SOURCE).toMatchObject({
      repository: "apache/flink",
      revision: "826660556e4cebed37469b44e741d98252f8d621",
      path: "docs/content/release-notes/flink-2.0.md",
    });
  });

  it("holds every class, removed member and configuration key of the appendix", () => {
    const counts: Record<string, number> = { total: REMOVALS_2_0.length };
    for (const removal of REMOVALS_2_0) counts[removal.kind] = (counts[removal.kind] ?? 0) + 1;
    expect(counts).toEqual({ total: 1056, class: 268, method: 308, field: 379, config: 101 });
    const keys = REMOVALS_2_0.map((removal) => `${removal.kind} ${removal.name} ${removal.descriptor ?? ""}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("names classes in internal JVM form", () => {
    expect(findRemovedClass("org/apache/flink/streaming/api/functions/source/SourceFunction")).toMatchObject({
      kind: "class",
      replacement: "a FLIP-27 Source (org.apache.flink.api.connector.source.Source) via env.fromSource(...)",
    });
    expect(findRemovedClass("org/apache/flink/api/java/DataSet")).toBeDefined();
    expect(findRemovedClass("org/apache/flink/api/java/ExecutionEnvironment")).toBeDefined();
    expect(findRemovedClass("org/apache/flink/api/java/operators/MapOperator")).toBeDefined();
    expect(findRemovedClass("org/apache/flink/api/common/ExecutionConfig$SerializableSerializer")).toBeDefined();
    expect(findRemovedClass("org/apache/flink/streaming/api/datastream/DataStream")).toBeUndefined();
  });

  it("does not list FlinkKinesisConsumer: the connector table covers it", () => {
    const kinesis = "org/apache/flink/streaming/connectors/kinesis/FlinkKinesisConsumer";
    expect(REMOVALS_2_0.some((removal) => removal.name.includes("FlinkKinesisConsumer"))).toBe(false);
    expect(findLegacyConnectorClass(kinesis)?.replacement).toMatch(/^KinesisStreamsSource/);
  });

  it("keeps methods with their erased descriptor, constructors as <init>", () => {
    expect(
      findRemovedMethod("org/apache/flink/api/common/ExecutionConfig", "registerKryoType", "(Ljava/lang/Class;)V"),
    ).toMatchObject({
      name: "org/apache/flink/api/common/ExecutionConfig.registerKryoType",
      signature: "void registerKryoType(java.lang.Class<?>)",
    });
    expect(
      findRemovedMethod(
        "org/apache/flink/api/common/functions/RichFunction",
        "open",
        "(Lorg/apache/flink/configuration/Configuration;)V",
      ),
    ).toBeDefined();
    expect(
      findRemovedMethod(
        "org/apache/flink/table/api/dataview/ListView",
        "<init>",
        "(Lorg/apache/flink/api/common/typeinfo/TypeInformation;)V",
      ),
    ).toBeDefined();
  });

  it("matches the removed overload only", () => {
    const configuration = "org/apache/flink/configuration/Configuration";
    expect(
      findRemovedMethod(
        configuration,
        "getString",
        "(Lorg/apache/flink/configuration/ConfigOption;)Ljava/lang/String;",
      ),
    ).toBeDefined();
    // getString(String, String) stays in 2.x.
    expect(
      findRemovedMethod(configuration, "getString", "(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;"),
    ).toBe(undefined);
  });

  it("keeps fields by owner and name, configuration keys as printed", () => {
    expect(findRemovedField("org/apache/flink/configuration/PipelineOptions", "KRYO_REGISTERED_CLASSES")).toBeDefined();
    expect(
      findRemovedField("org/apache/flink/configuration/ConfigConstants", "DEFAULT_AKKA_SSL_ENABLED"),
    ).toBeDefined();
    expect(findRemovedConfigKey("pipeline.registered-kryo-types")).toBeDefined();
    // Printed as "jobmanager.web.port;" in the notes.
    expect(findRemovedConfigKey("jobmanager.web.port")).toBeDefined();
    expect(findRemovedConfigKey("execution.checkpointing.interval")).toBeUndefined();
  });
});

describe("javaSignatureToDescriptor", () => {
  it.each([
    ["void registerKryoType(java.lang.Class<?>)", "registerKryoType", "(Ljava/lang/Class;)V"],
    ["void applyProjection(int[][])", "applyProjection", "([[I)V"],
    ["byte[] getBytes(java.lang.String, byte[])", "getBytes", "(Ljava/lang/String;[B)[B"],
    [
      "java.util.LinkedHashMap<java.lang.Class<?>,java.lang.Class<com.esotericsoftware.kryo.Serializer<? extends ?>>> getDefaultKryoSerializerClasses()",
      "getDefaultKryoSerializerClasses",
      "()Ljava/util/LinkedHashMap;",
    ],
    [
      "StateTtlConfig$Builder(org.apache.flink.api.common.time.Time)",
      "<init>",
      "(Lorg/apache/flink/api/common/time/Time;)V",
    ],
    [
      "org.apache.flink.connector.file.src.FileSource$FileSourceBuilder<T> forRecordFileFormat(org.apache.flink.connector.file.src.reader.FileRecordFormat<T>, org.apache.flink.core.fs.Path[])",
      "forRecordFileFormat",
      "(Lorg/apache/flink/connector/file/src/reader/FileRecordFormat;[Lorg/apache/flink/core/fs/Path;)Lorg/apache/flink/connector/file/src/FileSource$FileSourceBuilder;",
    ],
  ])("%s", (signature, name, descriptor) => {
    expect(javaSignatureToDescriptor(signature)).toMatchObject({ name, descriptor, isGuessed: false });
  });

  it("erases a bare type variable to Object and says so", () => {
    expect(javaSignatureToDescriptor("T first(java.util.List<T>)")).toEqual({
      name: "first",
      descriptor: "(Ljava/util/List;)Ljava/lang/Object;",
      parameterCount: 1,
      isGuessed: true,
    });
  });

  it("counts descriptor parameters", () => {
    expect(descriptorParameterCount("(I[JLjava/lang/String;[[Lx/Y;)V")).toBe(4);
    expect(descriptorParameterCount("()V")).toBe(0);
    expect(descriptorParameterCount("V")).toBe(-1);
  });
});
