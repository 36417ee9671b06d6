// Rate and error controls with AWS Systems Manager's semantics (MaxConcurrency / MaxErrors), per stage.

/** "5" or "10%": an absolute number of applications, or a share of the stage's applications. */
export type Amount = { kind: "count"; n: number } | { kind: "percent"; p: number };

export function parseAmount(text: string): Amount | null {
  const m = /^\s*(\d{1,5})\s*(%?)\s*$/.exec(text);
  if (!m) return null;
  const value = Number(m[1]);
  if (m[2]) return value <= 100 ? { kind: "percent", p: value } : null;
  return { kind: "count", n: value };
}

export function formatAmount(amount: Amount): string {
  return amount.kind === "count" ? String(amount.n) : `${amount.p}%`;
}

/**
 * Failures a stage may have and go on: SSM's MaxErrors. The stage stops starting new upgrades when failures
 * EXCEED it: 3 stops at the 4th; 0 at the 1st; 10% of 50 (= 5) at the 6th. A share that is not a whole number
 * is rounded down: never more failures than asked for.
 */
export function allowedFailures(budget: Amount, total: number): number {
  return budget.kind === "count" ? budget.n : Math.floor((budget.p * total) / 100);
}

export function budgetExceeded(failures: number, allowed: number): boolean {
  return failures > allowed;
}

/** How many upgrades of a stage may be in flight at once; a share rounds down but is at least one. */
export function concurrencyOf(amount: Amount, total: number): number {
  return amount.kind === "count" ? amount.n : Math.max(1, Math.floor((amount.p * total) / 100));
}

/** Outcomes of a run that count against the budget (UNVERIFIED and CANCELLED do not: nothing failed). */
export const failureOutcomes: ReadonlySet<string> = new Set(["FAILED", "ROLLED_BACK", "AUTO_ROLLED_BACK", "STUCK"]);
