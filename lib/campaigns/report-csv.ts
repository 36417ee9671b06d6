// The campaign report as CSV (RFC 4180: CRLF rows, fields quoted when they hold a comma, quote or line break;
// formula-looking text guarded by the history CSV's csvField): one row per application of the selection.
import { csvField } from "@/lib/history/csv";
import type { CampaignReport, CampaignView, TargetView } from "./queries";

interface Row {
  target: TargetView;
  /** 0-based; null for a skipped application */
  wave: number | null;
  waveName: string;
  cause: CampaignReport["rolledBack"][number] | undefined;
}

const columns: { header: string; value: (row: Row, view: CampaignView) => string | number | null }[] = [
  { header: "campaign_id", value: (_, v) => v.id },
  { header: "campaign", value: (_, v) => v.name },
  { header: "wave", value: (r) => (r.wave === null ? null : r.wave + 1) },
  { header: "wave_name", value: (r) => r.waveName },
  { header: "application", value: (r) => r.target.appName },
  { header: "account", value: (r) => r.target.account },
  { header: "region", value: (r) => r.target.region },
  { header: "risk_level", value: (r) => r.target.riskLevel || null },
  { header: "from_runtime", value: (r) => r.target.fromRuntime },
  { header: "to_runtime", value: (r, v) => (r.wave === null ? null : v.targetRuntime) },
  { header: "code_key", value: (r) => r.target.codeKey },
  { header: "state", value: (r) => r.target.state },
  { header: "run_outcome", value: (r) => r.target.outcome },
  { header: "run_id", value: (r) => r.target.runId },
  { header: "started_at_utc", value: (r) => r.target.startedAt },
  { header: "finished_at_utc", value: (r) => r.target.finishedAt },
  { header: "duration_seconds", value: (r) => durationSeconds(r.target) },
  { header: "fault_class", value: (r) => r.cause?.faultClass ?? null },
  { header: "root_cause", value: (r) => r.cause?.rootCause ?? null },
  { header: "note", value: (r) => r.target.note },
];

export const campaignCsvHeaders = columns.map((c) => c.header);

function durationSeconds(t: TargetView): number | null {
  if (!t.startedAt || !t.finishedAt) return null;
  const ms = Date.parse(t.finishedAt) - Date.parse(t.startedAt);
  return Number.isFinite(ms) ? Math.round(ms / 100) / 10 : null;
}

/** Every planned application wave by wave, then the skipped ones with their reason in `note`. */
export function campaignReportCsv(view: CampaignView, report: Pick<CampaignReport, "rolledBack">): string {
  const causeOf = new Map(report.rolledBack.map((r) => [r.runId, r]));
  const rows: Row[] = [
    ...view.stages.flatMap((s) =>
      s.targets.map((target) => ({ target, wave: s.index, waveName: s.name, cause: causeOf.get(target.runId ?? "") })),
    ),
    ...view.skipped.map((target) => ({ target, wave: null, waveName: "skipped", cause: undefined })),
  ];
  const lines = [
    campaignCsvHeaders.join(","),
    ...rows.map((row) => columns.map((c) => csvField(c.value(row, view))).join(",")),
  ];
  return `${lines.join("\r\n")}\r\n`;
}

/** "campaign-dev-wave-2026-12-05.csv": the name made safe for a file name and a Content-Disposition header. */
export function campaignCsvFileName(name: string, now = new Date()): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return `campaign-${slug || "report"}-${now.toISOString().slice(0, 10)}.csv`;
}
