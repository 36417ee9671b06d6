import { describe, expect, it } from "vitest";
import { groupErrors } from "./app-logs";
import type { LogLine } from "./log-line";

const line = (s: number, message: string, throwable: string[] = [], level = "WARN"): LogLine => ({
  at: new Date(s * 1000),
  level,
  message,
  logger: null,
  throwable,
  versionId: "1",
});
const failure = (s: number, attempt: number, id: string) =>
  line(s, `KeyedProcess (1/4)#${attempt} (${id}) switched from RUNNING to FAILED on tm-1 @ 10.0.1.${attempt}.`, [
    "java.lang.Exception: outer",
    "Caused by: org.apache.flink.util.StateMigrationException: incompatible",
  ]);

describe("recent errors, grouped", () => {
  it("folds the same failure with other ids and attempts into one entry, newest message, with count and span", () => {
    const groups = groupErrors([
      failure(10, 0, "0123456789abcdef"),
      line(15, "Checkpoint 3 expired", [], "WARN"),
      failure(30, 2, "fedcba9876543210"),
      failure(20, 1, "aaaaaaaaaaaaaaaa"),
    ]);
    expect(groups).toHaveLength(2);
    expect(groups[0]).toMatchObject({
      count: 3,
      cause: "org.apache.flink.util.StateMigrationException: incompatible",
      first: new Date(10_000),
      last: new Date(30_000),
    });
    expect(groups[0]!.message).toContain("#2 (fedcba9876543210)");
    expect(groups[1]).toMatchObject({ count: 1, cause: null, message: "Checkpoint 3 expired" });
  });

  it("keeps apart what differs in level or cause", () => {
    const other = line(
      5,
      "KeyedProcess (1/4)#0 (0123456789abcdef) switched from RUNNING to FAILED on tm-1 @ 10.0.1.0.",
      ["Caused by: java.lang.ClassNotFoundException: Foo"],
    );
    const groups = groupErrors([failure(10, 0, "0123456789abcdef"), other, { ...other, level: "ERROR" }]);
    expect(groups.map((g) => g.count)).toEqual([1, 1, 1]);
  });
});
