import { describe, expect, it } from "vitest";
import { failedAttempt, innermostCause, jobStateSwitch, kryoFallbackType, parseLogLine } from "./log-line";

const json = (value: unknown) => JSON.stringify(value);

describe("an MSF log line", () => {
  it("reads the JSON MSF writes, with the stack trace as an array", () => {
    const line = parseLogLine({
      timestamp: 1_700_000_000_000,
      message: json({
        locationInformation:
          "org.apache.flink.runtime.executiongraph.ExecutionGraph.transitionState(ExecutionGraph.java:1229)",
        logger: "org.apache.flink.runtime.executiongraph.ExecutionGraph",
        message: "Job a (0123) switched from state RUNNING to RESTARTING.",
        throwableInformation: ["java.lang.Exception: boom", "\tat x.y(Z.java:1)"],
        applicationARN: "arn:aws:kinesisanalytics:us-east-1:123456789012:application/a",
        applicationVersionId: "7",
        messageSchemaVersion: "1",
        messageType: "WARN",
      }),
    });
    expect(line).toMatchObject({
      level: "WARN",
      logger: "org.apache.flink.runtime.executiongraph.ExecutionGraph",
      message: "Job a (0123) switched from state RUNNING to RESTARTING.",
      throwable: ["java.lang.Exception: boom", "\tat x.y(Z.java:1)"],
      versionId: "7",
    });
    expect(line.at.getTime()).toBe(1_700_000_000_000);
  });

  it("takes a stack trace written as one string, and a numeric version id", () => {
    const line = parseLogLine({
      message: json({ message: "m", throwableInformation: "a: b\n\tat c\n", applicationVersionId: 3 }),
    });
    expect(line.throwable).toEqual(["a: b", "\tat c"]);
    expect(line.versionId).toBe("3");
  });

  it("keeps odd lines as text instead of failing: not JSON, a JSON array, a message that is an object", () => {
    expect(parseLogLine({ message: "  plain text {" })).toMatchObject({ level: "UNKNOWN", message: "plain text {" });
    expect(parseLogLine({ message: "[1,2]" })).toMatchObject({ level: "UNKNOWN", message: "[1,2]" });
    expect(parseLogLine({ message: json({ message: { a: 1 }, messageType: 5 }) })).toMatchObject({
      level: "UNKNOWN",
      message: '{"a":1}',
    });
    expect(parseLogLine({})).toMatchObject({ message: "", throwable: [] });
  });
});

describe("what the lines say", () => {
  it("names the innermost cause of a stack trace, else its first line", () => {
    const stack = ["java.lang.Exception: outer", "\tat a", "Caused by: x.Middle: m", "Caused by: x.Inner: the cause"];
    expect(innermostCause(stack)).toBe("x.Inner: the cause");
    expect(innermostCause(["", "java.lang.ClassNotFoundException: Foo", "\tat a"])).toBe(
      "java.lang.ClassNotFoundException: Foo",
    );
    expect(innermostCause([])).toBeNull();
  });

  it("reads the Kryo-fallback type from Flink's TypeExtractor line", () => {
    expect(
      kryoFallbackType(
        "Class class com.example.orders.OrderEvent cannot be used as a POJO type because not all fields are valid POJO fields, and must be processed as GenericType.",
      ),
    ).toBe("com.example.orders.OrderEvent");
    expect(kryoFallbackType("Class com.example.Inner$State cannot be used as a POJO type")).toBe(
      "com.example.Inner$State",
    );
    expect(kryoFallbackType("Job x switched from state RUNNING to RESTARTING.")).toBeNull();
  });

  it("reads the execution attempt of a task failure, and a job's state switch", () => {
    expect(
      failedAttempt(
        "KeyedProcess -> Sink: Writer (1/4)#3 (9f1c0a2b3c4d5e6f7a8b9c0d1e2f3a4b) switched from RUNNING to FAILED on tm-1 @ ip (dataPort=6121).",
      ),
    ).toBe(3);
    expect(failedAttempt("Source (1/1)#0 (abc) switched from RUNNING to CANCELING.")).toBeNull();
    expect(jobStateSwitch(`Job orders (${"a".repeat(32)}) switched from state RUNNING to RESTARTING.`)).toEqual({
      jobId: "a".repeat(32),
      from: "RUNNING",
      to: "RESTARTING",
    });
    expect(jobStateSwitch("Job orders switched from state RUNNING to RESTARTING.")).toBeNull();
  });
});
