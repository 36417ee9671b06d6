// One upgrade run as the history table, the CSV export and the summary see it (JSON-safe).
export interface HistoryRunFields {
  id: string;
  kind: string;
  account: string;
  region: string;
  appName: string;
  fromRuntime: string;
  toRuntime: string;
  initiatedBy: string;
  createdAt: Date;
  finishedAt: Date | null;
  state: string;
  outcome: string | null;
  verdict: string | null;
  rolledBackBy: string | null;
  updateCalledAt: Date | null;
  runningAt: Date | null;
  verdictAt: Date | null;
  rollbackRequestedAt: Date | null;
  rollbackCalledAt: Date | null;
  faultClass: string | null;
  rootCause: string | null;
  approval: string | null;
  decidedBy: string | null;
  approvalNote: string | null;
  campaignId: string | null;
}

export interface HistoryRow {
  id: string;
  kind: string;
  account: string;
  /** the account's display name (its id when it has none; "unknown account" for runs older than accounts) */
  accountName: string;
  region: string;
  appName: string;
  team: string | null;
  fromRuntime: string;
  toRuntime: string;
  initiatedBy: string;
  createdAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  /** the stored outcome, or IN_PROGRESS while the run has none */
  outcome: string;
  verdict: string | null;
  /** who rolled back: "MSF" (system rollback), "us (auto)" (our verdict), "us (<user>)"; null when nobody did */
  rolledBackBy: string | null;
  isRolledBack: boolean;
  /** the first fault's class and first line, when the new job failed */
  faultClass: string | null;
  fault: string | null;
  /** The four-eyes request: null when none was needed, else waiting | approved | rejected | expired | voided | withdrawn. */
  approval: string | null;
  /** Who approved or rejected it (never the requester), and the rejection's reason or the approval's note. */
  decidedBy: string | null;
  approvalNote: string | null;
  /** the campaign that started the run, if any */
  campaignId: string | null;
}

export const historyRunSelect = {
  id: true,
  kind: true,
  account: true,
  region: true,
  appName: true,
  fromRuntime: true,
  toRuntime: true,
  initiatedBy: true,
  createdAt: true,
  finishedAt: true,
  state: true,
  outcome: true,
  verdict: true,
  rolledBackBy: true,
  updateCalledAt: true,
  runningAt: true,
  verdictAt: true,
  rollbackRequestedAt: true,
  rollbackCalledAt: true,
  faultClass: true,
  rootCause: true,
  approval: true,
  decidedBy: true,
  approvalNote: true,
  campaignId: true,
} as const;

const endedUndecided: Record<string, string> = { REJECTED: "rejected", EXPIRED: "expired", VOIDED: "voided" };

function approvalOf(run: HistoryRunFields): string | null {
  if (!run.approval) return null;
  if (run.state === "AWAITING_APPROVAL") return "waiting";
  if (run.outcome && endedUndecided[run.outcome]) return endedUndecided[run.outcome]!;
  // An approved run keeps its approver whatever its outcome; a request withdrawn before anyone decided has none.
  return run.decidedBy ? "approved" : "withdrawn";
}

export function isRolledBackOutcome(outcome: string | null): boolean {
  return outcome === "ROLLED_BACK" || outcome === "AUTO_ROLLED_BACK";
}

/** "MSF" or "us (…)": the manager's question is whether AWS or our tooling (or a person using it) reverted. */
export function rolledBackByLabel(rolledBackBy: string | null): string | null {
  if (!rolledBackBy) return null;
  if (rolledBackBy === "MSF") return "MSF";
  if (rolledBackBy === "auto") return "us (auto)";
  return `us (${rolledBackBy})`;
}

export function toHistoryRow(run: HistoryRunFields, team: string | null, accountName = run.account): HistoryRow {
  return {
    id: run.id,
    kind: run.kind,
    account: run.account,
    accountName: run.account ? accountName : "unknown account",
    region: run.region,
    appName: run.appName,
    team,
    fromRuntime: run.fromRuntime,
    toRuntime: run.toRuntime,
    initiatedBy: run.initiatedBy,
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    durationMs: run.finishedAt ? run.finishedAt.getTime() - run.createdAt.getTime() : null,
    outcome: run.outcome ?? "IN_PROGRESS",
    verdict: run.verdict,
    rolledBackBy: rolledBackByLabel(run.rolledBackBy),
    isRolledBack: isRolledBackOutcome(run.outcome),
    faultClass: run.faultClass,
    fault: run.rootCause ? ((JSON.parse(run.rootCause) as { firstLine?: string }).firstLine ?? null) : null,
    approval: approvalOf(run),
    decidedBy: run.decidedBy,
    approvalNote: run.approvalNote,
    campaignId: run.campaignId,
  };
}
