import { describe, expect, it } from "vitest";
import { matchesPattern, parseFilterPattern } from "./filter-pattern";

const message = {
  logger: "org.apache.flink.runtime.executiongraph.ExecutionGraph",
  message: "Job orders (0123) switched from state RUNNING to RESTARTING.",
  throwableInformation: ["java.lang.Exception: boom", "\tat x.y(Z.java:1)"],
  messageType: "INFO",
};
const raw = JSON.stringify(message);
const matches = (pattern: string) =>
  matchesPattern(
    parseFilterPattern(pattern),
    () => raw,
    () => message,
  );

describe("filter patterns", () => {
  it("empty matches everything", () => {
    expect(matches("")).toBe(true);
    expect(matches("   ")).toBe(true);
  });

  it("terms: all must occur, case-sensitive, quoted terms may hold spaces and punctuation", () => {
    expect(matches("RESTARTING")).toBe(true);
    expect(matches("restarting")).toBe(false);
    expect(matches("RUNNING RESTARTING")).toBe(true);
    expect(matches("RUNNING CANCELED")).toBe(false);
    expect(matches('"switched from state RUNNING to RESTARTING"')).toBe(true);
    expect(matches('"switched from state RESTARTING to RUNNING"')).toBe(false);
  });

  it("?terms are alternatives", () => {
    expect(matches('?"to FAILED" ?"switched from state"')).toBe(true);
    expect(matches('?"to FAILED" ?CANCELED')).toBe(false);
    expect(matches("Job ?CANCELED ?RESTARTING")).toBe(true);
  });

  it("JSON form: =, !=, &&, ||, parentheses, * wildcards, array indexes", () => {
    expect(matches('{ $.messageType = "ERROR" || $.messageType = "INFO" }')).toBe(true);
    expect(matches('{ $.messageType = "ERROR" || $.messageType = "WARN" }')).toBe(false);
    expect(matches('{ $.message = "*switched from state RUNNING to RESTARTING*" }')).toBe(true);
    expect(matches('{ $.message = "switched*" }')).toBe(false);
    expect(matches('{ $.messageType != "INFO" }')).toBe(false);
    expect(matches('{ ($.messageType = "WARN" || $.messageType = "INFO") && $.logger = "*ExecutionGraph" }')).toBe(
      true,
    );
    expect(matches('{ $.throwableInformation[0] = "java.lang.Exception*" }')).toBe(true);
    expect(matches("{ $.messageType = INFO }")).toBe(true);
  });

  it("a missing field matches neither = nor !=", () => {
    expect(matches('{ $.nope = "x" }')).toBe(false);
    expect(matches('{ $.nope != "x" }')).toBe(false);
  });

  it("anything else is an InvalidParameterException", () => {
    for (const pattern of ["[ip, user]", "{ $.x > 5 }", "foo.bar", '"unterminated', "-ERROR", "{ $.x = 1", "%ERR%"]) {
      expect(() => parseFilterPattern(pattern), pattern).toThrow(
        expect.objectContaining({ code: "InvalidParameterException", message: "Invalid filter pattern" }),
      );
    }
  });
});
