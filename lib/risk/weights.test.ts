import { describe, expect, it } from "vitest";
import { DETECTORS } from "./detectors";
import { BLOCKING_WEIGHT, DOC_URLS, FACTORS, LEVEL_BOUNDARIES, PRODUCTION, type FactorId } from "./weights";

const entries = Object.entries(FACTORS) as [FactorId, (typeof FACTORS)[FactorId]][];
const knownDocs: string[] = Object.values(DOC_URLS);

describe("the factor table", () => {
  it.each(entries)("%s links to an AWS page listed in msf-api.md §0 and explains itself", (id, factor) => {
    expect(knownDocs).toContain(factor.docUrl);
    expect(factor.title.length).toBeGreaterThan(3);
    expect(factor.why.length).toBeGreaterThan(40);
    expect(factor.remediation.length).toBeGreaterThan(20);
    expect(DETECTORS[id]).toBeTypeOf("function");
  });

  it("gives every blocker the blocking weight and every other factor a weight below it", () => {
    for (const [, factor] of entries) {
      if (factor.blocking) expect(factor.weight).toBe(BLOCKING_WEIGHT);
      else expect(factor.weight).toBeLessThan(BLOCKING_WEIGHT);
    }
  });

  it("keeps a clean major upgrade out of 'low' and alone short of 'high'", () => {
    const major = FACTORS["major-version-jump"].weight;
    expect(major).toBeGreaterThanOrEqual(LEVEL_BOUNDARIES.mediumFrom);
    expect(major).toBeLessThan(LEVEL_BOUNDARIES.highFrom);
  });

  it("links production advice to the best-practices page", () => {
    expect(PRODUCTION.docUrl).toBe(DOC_URLS.bestPractices);
    expect(PRODUCTION.multiplier).toBeGreaterThan(1);
  });
});
