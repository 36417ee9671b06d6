import { appPath } from "@/lib/fleet/paths";
import Link from "@/components/ui/link";
import { createColumnHelper } from "@tanstack/table-core";
import { UrlTable } from "./url-table";
import type { HistoryRow } from "@/lib/history/rows";
import type { HistoryFilters } from "@/lib/history/filters";
import { filtersToQuery as historyFiltersToQuery } from "@/lib/url-query";
import { formatDuration, formatRuntime } from "@/lib/format";
import { OutcomeBadge, VerdictText } from "@/components/history/outcome-badge";
import { formatUtc } from "@/components/history/format-utc";

const column = createColumnHelper<HistoryRow>();

const columns = [
  column.accessor("createdAt", {
    header: "Started",
    cell: (c) => {
      const [day, time] = formatUtc(c.getValue()).split(", ");
      return (
        <Link href={`/upgrades/${c.row.original.id}`} className="text-sky-800 hover:underline" data-testid="run-link">
          {day}
          <span className="block text-xs">{time}</span>
        </Link>
      );
    },
  }),
  column.accessor("appName", {
    header: "Application",
    cell: (c) => (
      <span>
        <Link
          href={appPath({ account: c.row.original.account, region: c.row.original.region, name: c.getValue() })}
          className="font-medium text-sky-800 hover:underline"
        >
          {c.getValue()}
        </Link>
        {c.row.original.team ? <span className="block text-xs text-slate-500">{c.row.original.team}</span> : null}
      </span>
    ),
  }),
  column.accessor("account", {
    header: "Account",
    cell: (c) => <span title={c.getValue()}>{c.row.original.accountName}</span>,
  }),
  column.accessor("region", { header: "Region" }),
  column.accessor("toRuntime", {
    header: "Runtime",
    cell: (c) =>
      c.row.original.kind === "ROLLBACK" ? (
        <span>
          Rollback <span className="text-xs text-slate-500">on {formatRuntime(c.row.original.fromRuntime)}</span>
        </span>
      ) : (
        <span>
          {formatRuntime(c.row.original.fromRuntime)} →{" "}
          <span className="font-medium">{formatRuntime(c.getValue())}</span>
        </span>
      ),
  }),
  column.accessor("initiatedBy", {
    header: "Initiated by",
    cell: (c) => {
      const { approval, decidedBy, approvalNote } = c.row.original;
      return (
        <span>
          {c.getValue()}
          {approval ? (
            <span className="block text-xs text-slate-600" data-testid="history-approval" title={approvalNote ?? ""}>
              approval {approval}
              {decidedBy && approval !== "expired" ? ` by ${decidedBy}` : ""}
            </span>
          ) : null}
        </span>
      );
    },
  }),
  column.accessor("durationMs", {
    header: "Duration",
    enableSorting: false,
    cell: (c) =>
      c.getValue() === null ? <span className="text-slate-500">running</span> : formatDuration(c.getValue()!),
  }),
  column.accessor("outcome", { header: "Outcome", cell: (c) => <OutcomeBadge outcome={c.getValue()} /> }),
  column.accessor("rolledBackBy", {
    header: "Rolled back",
    enableSorting: false,
    cell: (c) => {
      const by = c.getValue();
      if (!by) return <span className="text-slate-500">no</span>;
      return (
        <span className={c.row.original.isRolledBack ? "" : "text-red-700"}>
          {c.row.original.isRolledBack ? "yes" : "attempted"}, by {by}
        </span>
      );
    },
  }),
  column.accessor("verdict", { header: "Verdict", cell: (c) => <VerdictText verdict={c.getValue()} /> }),
  column.accessor("faultClass", {
    header: "Root cause",
    enableSorting: false,
    cell: (c) =>
      c.getValue() ? (
        <span title={c.row.original.fault ?? undefined}>{c.getValue()}</span>
      ) : (
        <span className="text-slate-500">—</span>
      ),
  }),
];

export function HistoryTable({
  rows,
  total,
  filters,
  exportHref,
}: {
  rows: HistoryRow[];
  total: number;
  filters: HistoryFilters;
  /** Null when the signed-in user's roles do not include reports (managers and admins export). */
  exportHref: string | null;
}) {
  return (
    <UrlTable
      label="Upgrade runs"
      rows={rows}
      total={total}
      columns={columns}
      view={filters}
      href={(change) => `/upgrades?${historyFiltersToQuery({ ...filters, ...change })}`}
      testId="history-table"
      rowTestId="history-row"
      rowAttributes={(row) => ({ "data-run-id": row.id })}
      footer={
        exportHref === null ? undefined : (
          <a
            href={exportHref}
            download
            className="ml-auto rounded border border-slate-300 bg-white px-3 py-1 text-sky-800 hover:bg-slate-50"
            data-testid="export-csv"
          >
            Download CSV ({total} row{total === 1 ? "" : "s"})
          </a>
        )
      }
    />
  );
}
