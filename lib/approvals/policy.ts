import type { CodeCheckRecord } from "@/lib/upgrades/code-check";
import { env } from "@/lib/env";
import type { RiskAssessment, RiskLevel } from "@/lib/risk";

// Which upgrades need a second person. Rollbacks never do: they are how a bad upgrade is undone at once.

export interface ApprovalRule {
  /** "env=prod"; empty: no tag makes an application production. */
  tag: string;
  /** The lowest risk level that needs an approval on its own; "off": none. */
  risk: "medium" | "high" | "off";
}

/** What the approver is shown: the reasons, and the preflight the requester saw when asking. */
export interface ApprovalRequest {
  reasons: string[];
  requestedBy: string;
  requestedAt: string;
  risk: RiskAssessment | null;
  preflight: {
    from: string;
    to: string;
    codeKey: string | null;
    versionId: number;
    restore: string;
    /** The new code's scan (absent on requests made before the scan gate, or with no code to scan). */
    code?: CodeCheckRecord;
  };
}

/** The rule in force: the tag and risk level configured (APPROVAL_TAG, APPROVAL_RISK). */
export function approvalRule(): ApprovalRule {
  return { tag: env().APPROVAL_TAG, risk: env().APPROVAL_RISK };
}

const ordered: RiskLevel[] = ["low", "medium", "high", "blocked"];

/** Why an upgrade of this application at this risk needs an approval; empty when it needs none. */
export function approvalReasons(
  tags: Record<string, string>,
  risk: Pick<RiskAssessment, "level" | "score"> | null,
  rule: ApprovalRule,
): string[] {
  const reasons: string[] = [];
  const at = rule.tag.indexOf("=");
  if (at > 0) {
    const key = rule.tag.slice(0, at);
    const value = rule.tag.slice(at + 1);
    if (tags[key] === value) reasons.push(`production application (tag ${key}=${value})`);
  }
  // An assessment we do not have is not a low one.
  const level = risk?.level ?? "high";
  if (rule.risk !== "off" && ordered.indexOf(level) >= ordered.indexOf(rule.risk))
    reasons.push(risk ? `${level} risk (score ${risk.score})` : "risk not assessed");
  return reasons;
}
