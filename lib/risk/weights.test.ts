import { describe, expect, it } from "vitest";
import { DETECTORS } from "./detectors";
import {
  BLOCKING_WEIGHT,
  DOC_URLS,
  FACTORS,
  LEVEL_BOUNDARIES,
  PRODUCTION,
  type FactorDefinition,
  type FactorId,
} from "./weights";

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

  it("gives a code-checked weight only to factors that guess, lighter than the guess and not negative", () => {
    const checked = entries.filter(
      ([, factor]: [FactorId, FactorDefinition]) => factor.codeCheckedWeight !== undefined,
    );
    expect(checked.map(([id]) => id)).toEqual(["major-version-jump", "version-jump", "kinesis-source-2x"]);
    for (const [, factor] of checked as [FactorId, FactorDefinition][]) {
      expect(factor.blocking).toBe(false);
      expect(factor.codeCheckedWeight).toBeGreaterThanOrEqual(0);
      expect(factor.codeCheckedWeight).toBeLessThan(factor.weight);
    }
  });

  it("never blocks on the code scan, weighs breaks heaviest and an unreadable scan lightest", () => {
    const [breaks, warnings, unreadable] = (["code-breaks", "code-warnings", "code-unreadable"] as const).map(
      (id): FactorDefinition => FACTORS[id],
    );
    for (const factor of [breaks, warnings, unreadable]) expect(factor?.blocking).toBe(false);
    expect(breaks?.weight).toBeGreaterThan(FACTORS["major-version-jump"].weight);
    expect(warnings?.maxWeight).toBeLessThan(breaks?.weight ?? 0);
    expect(unreadable?.weight).toBeGreaterThan(0);
    expect(unreadable?.weight).toBeLessThanOrEqual(warnings?.weight ?? 0);
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
