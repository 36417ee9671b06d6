import { describe, expect, it } from "vitest";
import { keyBuiltFor, keyFromPattern, parseCodeKeyCsv } from "./code-keys";

const A = "123456789012";
const B = "210987654321";
const known = new Set([
  `${A}/us-east-1/orders`,
  `${A}/eu-west-1/orders`,
  `${A}/us-east-1/clicks`,
  `${B}/us-east-1/clicks`,
]);

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
      "us-east-1,clicks,jars/clicks.jar",
      `${B},us-east-1,clicks,jars/clicks-flink-2.2.jar`,
      "999999999999,us-east-1,orders,x.jar",
    ].join("\n");
    const parsed = parseCodeKeyCsv(csv, known);
    expect([...parsed.keys]).toEqual([
      [`${A}/us-east-1/orders`, "orders-2.2.jar"],
      [`${B}/us-east-1/clicks`, "jars/clicks-flink-2.2.jar"],
    ]);
    expect(parsed.rejected).toEqual([
      { line: 3, text: "us-east-1,ghost,ghost.jar", reason: "unknown application us-east-1/ghost" },
      {
        line: 4,
        text: "us-east-1,orders,orders-again.jar",
        reason: `duplicate of an earlier line for ${A}/us-east-1/orders`,
      },
      { line: 5, text: "eu-west-1,orders", reason: "expected account,region,name,codeKey" },
      { line: 6, text: "eu-west-1,orders,bad key with spaces.jar", reason: "not a valid S3 key" },
      {
        line: 8,
        text: "us-east-1,clicks,jars/clicks.jar",
        reason: "us-east-1/clicks is in 2 accounts: name it as account,region,name,codeKey",
      },
      {
        line: 10,
        text: "999999999999,us-east-1,orders,x.jar",
        reason: "unknown application 999999999999/us-east-1/orders",
      },
    ]);
  });

  it("takes an account,region,name,codeKey header too", () => {
    const parsed = parseCodeKeyCsv(`account,region,name,codeKey\n${A},eu-west-1,orders,o.jar`, known);
    expect([...parsed.keys]).toEqual([[`${A}/eu-west-1/orders`, "o.jar"]]);
    expect(parsed.rejected).toEqual([]);
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
