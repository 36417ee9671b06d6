import { describe, expect, it } from "vitest";
import { RULES } from "./rules";

describe("the rule table", () => {
  it("gives every finding a title, a why, a remedy and a link", () => {
    for (const [id, rule] of Object.entries(RULES)) {
      expect(rule.title, id).not.toBe("");
      expect(rule.why.length, id).toBeGreaterThan(40);
      expect(rule.remediation.length, id).toBeGreaterThan(20);
      expect(rule.docUrl, id).toMatch(
        /^https:\/\/(docs\.aws\.amazon\.com\/managed-flink\/|nightlies\.apache\.org\/flink\/)/,
      );
    }
  });

  it("lists the breaking rules before the warnings", () => {
    const severities = Object.values(RULES).map((rule) => rule.severity);
    expect(severities.indexOf("warning")).toBe(severities.lastIndexOf("breaks") + 1);
  });
});
