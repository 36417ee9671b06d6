import { describe, expect, it } from "vitest";
import { firstLoggedFailure, readJobLog } from "./job-log";
import type { LogLine } from "./log-line";

const jid = "b".repeat(32);
const line = (s: number, message: string, throwable: string[] = []): LogLine => ({
  at: new Date(s * 1000),
  level: throwable.length ? "WARN" : "INFO",
  message,
  logger: null,
  throwable,
  versionId: "2",
});
const failed = (s: number, attempt: number, cause: string) =>
  line(s, `KeyedProcess (1/1)#${attempt} (0a1b2c) switched from RUNNING to FAILED on tm @ host (dataPort=1).`, [
    "java.lang.Exception: Exception while creating StreamOperatorStateContext.",
    "\tat a.b(C.java:1)",
    `Caused by: ${cause}`,
  ]);

describe("the job as its log tells it", () => {
  it("lists each failure with its attempt and innermost cause, and the state after the last switch", () => {
    const log = readJobLog([
      line(12, `Job app (${jid}) switched from state RESTARTING to RUNNING.`),
      failed(10, 1, "org.apache.flink.util.StateMigrationException: second"),
      line(1, `Job app (${jid}) switched from state CREATED to RUNNING.`),
      failed(5, 0, "org.apache.flink.util.StateMigrationException: first"),
      line(5, `Job app (${jid}) switched from state RUNNING to RESTARTING.`),
      line(11, `Job app (${jid}) switched from state RUNNING to RESTARTING.`),
    ]);
    expect(log.state).toBe("RUNNING");
    expect(log.failures.map((f) => [f.attempt, f.exceptionClass, f.at.getTime() / 1000])).toEqual([
      [0, "org.apache.flink.util.StateMigrationException", 5],
      [1, "org.apache.flink.util.StateMigrationException", 10],
    ]);
    expect(log.failures[0]!.message).toBe("org.apache.flink.util.StateMigrationException: first");
    expect(log.failures[0]!.stack).toContain("Caused by:");
  });

  it("prefers attempt #0 as the first fault, else the earliest failure the window holds", () => {
    const withZero = readJobLog([failed(5, 3, "x.Later: l"), failed(9, 0, "x.First: f")]);
    expect(firstLoggedFailure(withZero)?.exceptionClass).toBe("x.First");
    const without = readJobLog([failed(9, 5, "x.B: b"), failed(5, 4, "x.A: a")]);
    expect(firstLoggedFailure(without)?.exceptionClass).toBe("x.A");
    expect(firstLoggedFailure(readJobLog([]))).toBeNull();
  });

  it("names a job that never restarted by its first failed checkpoint, which is not a restart", () => {
    const expired = (s: number, n: number) =>
      line(
        s,
        `Failed to trigger or complete checkpoint ${n} for job ${jid}. (${n - 4} consecutive failed attempts so far)`,
        [
          "org.apache.flink.runtime.checkpoint.CheckpointException: Checkpoint expired before completing.",
          "\tat org.apache.flink.runtime.checkpoint.CheckpointCoordinator.onTriggerFailure(CheckpointCoordinator.java:1)",
        ],
      );
    const log = readJobLog([expired(20, 6), expired(10, 5)]);
    expect(log.failures).toEqual([]);
    expect(log.checkpointFailures.map((f) => f.attempt)).toEqual([5, 6]);
    expect(firstLoggedFailure(log)).toMatchObject({
      exceptionClass: "org.apache.flink.runtime.checkpoint.CheckpointException",
      message: "org.apache.flink.runtime.checkpoint.CheckpointException: Checkpoint expired before completing.",
    });
  });

  it("ignores a task failure without a stack trace and has no state without a switch", () => {
    const log = readJobLog([line(1, "Source (1/1)#0 (0a) switched from RUNNING to FAILED on tm.")]);
    expect(log).toEqual({ state: null, failures: [], checkpointFailures: [] });
  });
});
