// The history filters' values, without zod: the client filters ship these, the server parses with filters.ts.
import type { HistoryFilters } from "./filters";

/** IN_PROGRESS stands for runs without an outcome yet (still active, or waiting for a decision). */
export const outcomeValues = [
  "SUCCEEDED",
  "AUTO_ROLLED_BACK",
  "ROLLED_BACK",
  "FAILED",
  "STUCK",
  "UNVERIFIED",
  "CANCELLED",
  "REJECTED",
  "EXPIRED",
  "VOIDED",
  "IN_PROGRESS",
] as const;
export type OutcomeFilter = (typeof outcomeValues)[number];

export const historySortColumns = [
  "createdAt",
  "appName",
  "account",
  "region",
  "toRuntime",
  "initiatedBy",
  "outcome",
  "verdict",
  "finishedAt",
] as const;
export type HistorySortColumn = (typeof historySortColumns)[number];

export function hasFilters(f: HistoryFilters): boolean {
  return Boolean(
    f.outcome.length ||
    f.runtime.length ||
    f.account.length ||
    f.region.length ||
    f.team.length ||
    f.who.length ||
    f.campaign.length ||
    f.source ||
    f.from ||
    f.to,
  );
}
