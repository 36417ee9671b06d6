import { describe, expect, it } from "vitest";
import { keyBuiltFor, keyFromPattern, parseCodeKeyCsv } from "./code-keys";

const known = new Set(["us-east-1/orders", "eu-west-1/orders", "us-east-1/clicks"]);

describe("parseCodeKeyCsv", () => {
  it("keeps good lines and rejects unknown applications, duplicates and malformed lines, line by line", () => {
    const csv = [
      "region,name,codeKey",
      "us-east-1,orders,orders-2.2.jar",
      "us-east-1,ghost,ghost.jar",
      "us-east-1,orders,orders-again.jar",
      "eu-west-1,orders",
      "eu-west-1,orders,bad key with spaces.jar",
      "",
      "us-east-1,clicks,jars/clicks-flink-2.2.jar",
    ].join("\n");
    const parsed = parseCodeKeyCsv(csv, known);
    expect([...parsed.keys]).toEqual([
      ["us-east-1/orders", "orders-2.2.jar"],
      ["us-east-1/clicks", "jars/clicks-flink-2.2.jar"],
    ]);
    expect(parsed.rejected).toEqual([
      { line: 3, text: "us-east-1,ghost,ghost.jar", reason: "unknown application us-east-1/ghost" },
      {
        line: 4,
        text: "us-east-1,orders,orders-again.jar",
        reason: "duplicate of an earlier line for us-east-1/orders",
      },
      { line: 5, text: "eu-west-1,orders", reason: "expected region,name,codeKey" },
      { line: 6, text: "eu-west-1,orders,bad key with spaces.jar", reason: "not a valid S3 key" },
    ]);
  });
});

describe("code keys from a pattern or the current code", () => {
  it("fills {name} and {region}", () => {
    expect(keyFromPattern("{region}/{name}-flink-2.2.jar", { region: "us-east-1", name: "orders" })).toBe(
      "us-east-1/orders-flink-2.2.jar",
    );
    expect(keyFromPattern("", { region: "us-east-1", name: "orders" })).toBeNull();
  });

  it("recognises a key already built for the target, and not a lookalike version", () => {
    expect(keyBuiltFor("orders-flink-2.2.jar", "FLINK-2_2")).toBe(true);
    expect(keyBuiltFor("orders_2_2.jar", "FLINK-2_2")).toBe(true);
    expect(keyBuiltFor("orders-1.20.jar", "FLINK-2_2")).toBe(false);
    expect(keyBuiltFor("orders-12.2.jar", "FLINK-2_2")).toBe(false);
  });
});
