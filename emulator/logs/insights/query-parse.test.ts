import { describe, expect, it } from "vitest";
import { parseQuery } from "./query-parse";

const malformed = (query: string) => {
  try {
    parseQuery(query);
  } catch (err) {
    expect((err as { code: string }).code).toBe("MalformedQueryException");
    return (err as Error).message;
  }
  throw new Error(`expected ${query} to be malformed`);
};

describe("Logs Insights subset", () => {
  it("parses the app's Kryo query", () => {
    const plan = parseQuery(
      "fields @log, message | filter message like /cannot be used as a POJO type/ | sort @timestamp desc | limit 10000",
    );
    expect(plan.fields).toEqual(["@log", "message"]);
    expect(plan.limit).toBe(10_000);
    expect(plan.commands.map((c) => c.kind)).toEqual(["fields", "filter", "sort", "limit"]);
    expect(plan.commands[2]).toEqual({ kind: "sort", field: "@timestamp", descending: true });
  });

  it("conditions: and binds tighter than or, not, parentheses, =, !=, like string, not like, (?i)", () => {
    const plan = parseQuery(
      'filter a = "x" or b != "y" and not (c like "z" or d not like /(?i)w+/) | fields `throwableInformation.0`',
    );
    const filter = plan.commands[0]!;
    expect(filter.kind).toBe("filter");
    if (filter.kind !== "filter") return;
    expect(filter.condition).toMatchObject({
      op: "or",
      left: { op: "equals", field: "a", value: "x", negate: false },
      right: { op: "and", left: { op: "equals", field: "b", negate: true }, right: { op: "not" } },
    });
    expect(plan.fields).toEqual(["throwableInformation.0"]);
    const inner = JSON.stringify(filter.condition);
    expect(inner).toContain('"negate":true');
  });

  it("sort defaults to ascending; multiple fields commands add up", () => {
    const plan = parseQuery("fields a | fields b, c | sort a");
    expect(plan.fields).toEqual(["a", "b", "c"]);
    expect(plan.commands.at(-1)).toEqual({ kind: "sort", field: "a", descending: false });
  });

  it("names what is outside the subset", () => {
    expect(malformed("stats count(*) by bin(5m)")).toMatch(/'stats' command/);
    expect(malformed("parse @message '* *' as a, b")).toMatch(/'parse' command/);
    expect(malformed("fields a as b")).toMatch(/'as'/);
    expect(malformed("fields strlen(a)")).toMatch(/functions/);
    expect(malformed("filter a > 5")).toMatch(/'>'/);
    expect(malformed("filter a in [1, 2]")).toMatch(/'in'/);
    expect(malformed("sort a desc, b asc")).toMatch(/more than one field/);
    expect(malformed("limit 0")).toMatch(/limit/);
    expect(malformed("limit 20000")).toMatch(/limit/);
    expect(malformed("filter a like /x/i")).toMatch(/flags/);
    expect(malformed("filter a like /(/")).toMatch(/invalid regular expression/);
    expect(malformed("fields a |")).toMatch(/empty command/);
    expect(malformed("nonsense a")).toMatch(/unexpected symbol found 'nonsense'/);
  });
});
