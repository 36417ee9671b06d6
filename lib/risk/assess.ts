import { DETECTORS, productionTag, type Finding } from "./detectors";
import type { AppFacts } from "./facts";
import { DEFAULT_TARGET_RUNTIME, runtimeLabel } from "./runtimes";
import { FACTORS, LEVEL_BOUNDARIES, PRODUCTION, type FactorId } from "./weights";

export type RiskLevel = "low" | "medium" | "high" | "blocked";
export type RiskFactorId = FactorId | "production";

export interface RiskFactor {
  id: RiskFactorId;
  title: string;
  /** Points this factor adds to the score (for production: what the multiplier adds). */
  weight: number;
  blocking: boolean;
  /** What was seen, e.g. "RollbackEnabled=false". */
  evidence: string;
  why: string;
  remediation: string;
  docUrl: string;
  /** A few words of advice, as used in the summary. */
  advice: string;
}

export interface RiskAssessment {
  /** 0–100, integer. */
  score: number;
  level: RiskLevel;
  target: string;
  /** Blockers first, then by weight, heaviest first. */
  factors: RiskFactor[];
  /** One sentence of advice. */
  summary: string;
}

const FACTOR_ORDER: RiskFactorId[] = [...(Object.keys(FACTORS) as FactorId[]), "production"];

const LEVEL_LABELS: Record<RiskLevel, string> = {
  low: "Low risk",
  medium: "Medium risk",
  high: "High risk",
  blocked: "Blocked",
};

const NO_UPGRADE_PATH: RiskFactorId[] = ["studio-notebook", "sql-application"];

/** How many factors the summary sentence names. */
const SUMMARY_ADVICE_COUNT = 3;

export function levelForScore(score: number): Exclude<RiskLevel, "blocked"> {
  if (score >= LEVEL_BOUNDARIES.highFrom) return "high";
  if (score >= LEVEL_BOUNDARIES.mediumFrom) return "medium";
  return "low";
}

function toRiskFactor(id: FactorId, finding: Finding): RiskFactor {
  const { blocking, weight, title, why, remediation, docUrl } = FACTORS[id];
  return {
    id,
    title,
    weight: finding.weight ?? weight,
    blocking,
    evidence: finding.evidence,
    why,
    remediation: finding.remediation ?? remediation,
    docUrl,
    advice: finding.advice,
  };
}

function productionFactor(tag: string, baseScore: number): RiskFactor {
  const { multiplier, title, why, remediation, docUrl } = PRODUCTION;
  return {
    id: "production",
    title,
    weight: Math.round(baseScore * multiplier) - baseScore,
    blocking: false,
    evidence: `tag ${tag} (all weights × ${multiplier})`,
    why,
    remediation,
    docUrl,
    advice: "rehearse on a non-production copy first",
  };
}

function byBlockersThenWeight(a: RiskFactor, b: RiskFactor): number {
  return (
    Number(b.blocking) - Number(a.blocking) ||
    b.weight - a.weight ||
    FACTOR_ORDER.indexOf(a.id) - FACTOR_ORDER.indexOf(b.id)
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// Blocked: every blocker. Otherwise the heaviest few; production only when nothing else is
// found, since it scales the others rather than being something to fix.
function summarize(level: RiskLevel, factors: RiskFactor[]): string {
  const blockers = factors.filter((factor) => factor.blocking);
  const fixable = factors.filter((factor) => factor.id !== "production");
  const advice =
    level === "blocked" ? blockers : (fixable.length > 0 ? fixable : factors).slice(0, SUMMARY_ADVICE_COUNT);
  if (advice.length === 0) {
    return `${LEVEL_LABELS[level]}: nothing stands out — still snapshot first and watch numRestarts for 24 h after the upgrade.`;
  }
  const clauses = advice.map((factor) => factor.advice).join("; ");
  return `${LEVEL_LABELS[level]}: ${level === "blocked" ? capitalize(clauses) : clauses}.`;
}

/** Scores the upgrade of one application to `target` (default Flink 2.2). Pure: `now` is injected. */
export function assessRisk(
  facts: AppFacts,
  target: string = DEFAULT_TARGET_RUNTIME,
  now: Date = new Date(),
): RiskAssessment {
  const context = { facts, target, now };
  const found = (Object.keys(FACTORS) as FactorId[]).flatMap((id) => {
    const finding = DETECTORS[id](context);
    return finding ? [toRiskFactor(id, finding)] : [];
  });
  // Nothing to upgrade is neither risky nor blocked: the fleet counts it as done, not dangerous.
  const onTarget = found.find((factor) => factor.id === "already-on-target");
  if (onTarget)
    return {
      score: 0,
      level: "low",
      target,
      factors: [onTarget],
      summary: `Already on ${runtimeLabel(target)}: nothing to upgrade.`,
    };
  // A notebook or SQL app has no Flink upgrade path at all, so its other risks are noise.
  const hasNoUpgradePath = found.some((factor) => NO_UPGRADE_PATH.includes(factor.id));
  const factors = hasNoUpgradePath ? found.filter((factor) => factor.blocking) : found;

  const isBlocked = factors.some((factor) => factor.blocking);
  const baseScore = factors.filter((factor) => !factor.blocking).reduce((sum, factor) => sum + factor.weight, 0);
  const tag = productionTag(facts.tags);
  if (tag) factors.push(productionFactor(tag, baseScore));

  const multiplier = tag ? PRODUCTION.multiplier : 1;
  const score = isBlocked ? 100 : Math.min(100, Math.round(baseScore * multiplier));
  const level = isBlocked ? "blocked" : levelForScore(score);
  factors.sort(byBlockersThenWeight);

  return { score, level, target, factors, summary: summarize(level, factors) };
}
