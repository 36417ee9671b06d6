// CSV of the history view (RFC 4180: CRLF rows, fields quoted when they hold a comma, quote or line break).
import type { HistoryRow } from "./rows";

const columns: { header: string; value: (row: HistoryRow) => string | number | null }[] = [
  { header: "run_id", value: (r) => r.id },
  { header: "application", value: (r) => r.appName },
  { header: "account", value: (r) => r.account },
  { header: "account_name", value: (r) => r.accountName },
  { header: "region", value: (r) => r.region },
  { header: "team", value: (r) => r.team },
  { header: "kind", value: (r) => r.kind },
  { header: "from_runtime", value: (r) => r.fromRuntime },
  { header: "to_runtime", value: (r) => r.toRuntime },
  { header: "initiated_by", value: (r) => r.initiatedBy },
  { header: "started_at_utc", value: (r) => r.createdAt },
  { header: "finished_at_utc", value: (r) => r.finishedAt },
  { header: "duration_seconds", value: (r) => (r.durationMs === null ? null : Math.round(r.durationMs / 100) / 10) },
  { header: "outcome", value: (r) => r.outcome },
  { header: "rolled_back", value: (r) => (r.isRolledBack ? "yes" : "no") },
  { header: "rolled_back_by", value: (r) => r.rolledBackBy },
  { header: "verdict", value: (r) => r.verdict },
  { header: "fault_class", value: (r) => r.faultClass },
  { header: "fault", value: (r) => r.fault },
  { header: "approval", value: (r) => r.approval },
  { header: "approval_decided_by", value: (r) => r.decidedBy },
  { header: "approval_note", value: (r) => r.approvalNote },
  { header: "campaign_id", value: (r) => r.campaignId },
];

export const csvHeaders = columns.map((c) => c.header);

/**
 * One field. Text a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
 * apostrophe: user-typed values (names, ids) end up in managers' spreadsheets.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function historyCsv(rows: readonly HistoryRow[]): string {
  const lines = [csvHeaders.join(","), ...rows.map((row) => columns.map((c) => csvField(c.value(row))).join(","))];
  return `${lines.join("\r\n")}\r\n`;
}

/** "upgrade-history-2026-11-23.csv" */
export function csvFileName(now = new Date()): string {
  return `upgrade-history-${now.toISOString().slice(0, 10)}.csv`;
}
