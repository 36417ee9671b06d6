import { describe, expect, it } from "vitest";
import { classifyFault, rootCauseOf } from "./root-cause";

const classOf = (exceptionClass: string, message = "", stack = "") =>
  classifyFault({ exceptionClass, message, stack }).faultClass;

describe("the first fault's class", () => {
  it("names the upgrade problems with a remediation and an AWS doc link each", () => {
    expect(
      classOf("org.apache.flink.util.StateMigrationException", "The new state serializer cannot be incompatible"),
    ).toBe("state-incompatibility");
    expect(classOf("com.esotericsoftware.kryo.KryoException", "Unable to find class: com.acme.Order")).toBe(
      "state-incompatibility",
    );
    expect(
      classOf("java.lang.ClassNotFoundException", "org.apache.flink.streaming.api.functions.source.SourceFunction"),
    ).toBe("binary-incompatibility");
    expect(
      classOf("java.lang.NoSuchMethodError", "'void org.apache.flink.api.common.ExecutionConfig.setRestartStrategy'"),
    ).toBe("binary-incompatibility");
    expect(classOf("java.lang.OutOfMemoryError", "Java heap space")).toBe("out-of-memory");
    expect(
      classOf(
        "software.amazon.awssdk.services.kinesis.model.KinesisException",
        "User: arn:… is not authorized to perform: kinesis:GetRecords",
      ),
    ).toBe("permissions");
    expect(classOf("org.apache.flink.connector.kafka.source.KafkaSourceException", "Failed to list partitions")).toBe(
      "connector",
    );
    expect(classOf("java.lang.IllegalStateException", "something else")).toBe("unknown");
    for (const c of ["state-incompatibility", "binary-incompatibility", "unknown"]) {
      const sample = {
        "state-incompatibility": "KryoException",
        "binary-incompatibility": "NoSuchMethodError",
        unknown: "X",
      }[c]!;
      const result = classifyFault({ exceptionClass: sample, message: "" });
      expect(result.remediation.length).toBeGreaterThan(40);
      expect(result.docUrl).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/managed-flink\//);
    }
  });

  it("takes the class and first line from a stack trace when Flink gives only that", () => {
    const cause = rootCauseOf({
      stack:
        "com.esotericsoftware.kryo.KryoException: Encountered unregistered class ID: 13994\n\tat com.esotericsoftware.kryo.Kryo.readClass(Kryo.java:123)",
      at: new Date("2026-11-28T12:00:00Z"),
      source: "job view",
    });
    expect(cause).toMatchObject({
      exceptionClass: "com.esotericsoftware.kryo.KryoException",
      firstLine: "com.esotericsoftware.kryo.KryoException: Encountered unregistered class ID: 13994",
      faultClass: "state-incompatibility",
      source: "job view",
    });
  });
});
