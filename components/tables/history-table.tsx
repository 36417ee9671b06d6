"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import type { HistoryRow } from "@/lib/history/rows";
import { historyFiltersToQuery, type HistoryFilters, type HistorySortColumn } from "@/lib/history/filters";
import { formatDuration, formatRuntime } from "@/lib/format";
import { OutcomeBadge, VerdictText } from "@/components/history/outcome-badge";
import { formatUtc } from "@/components/history/format-utc";

const column = createColumnHelper<HistoryRow>();

const columns = [
  column.accessor("createdAt", {
    header: "Started",
    cell: (c) => {
      const [day, time] = formatUtc(c.getValue()).split(", ");
      return <Link href={`/upgrades/${c.row.original.id}`} className="text-sky-800 hover:underline" data-testid="run-link">{day}<span className="block text-xs">{time}</span></Link>;
    },
  }),
  column.accessor("appName", {
    header: "Application",
    cell: (c) => (
      <span>
        <Link href={`/apps/${c.row.original.region}/${encodeURIComponent(c.getValue())}`} className="font-medium text-sky-800 hover:underline">{c.getValue()}</Link>
        {c.row.original.team ? <span className="block text-xs text-slate-500">{c.row.original.team}</span> : null}
      </span>
    ),
  }),
  column.accessor("region", { header: "Region" }),
  column.accessor("toRuntime", {
    header: "Runtime",
    cell: (c) => c.row.original.kind === "ROLLBACK"
      ? <span>Rollback <span className="text-xs text-slate-500">on {formatRuntime(c.row.original.fromRuntime)}</span></span>
      : <span>{formatRuntime(c.row.original.fromRuntime)} → <span className="font-medium">{formatRuntime(c.getValue())}</span></span>,
  }),
  column.accessor("initiatedBy", { header: "Initiated by" }),
  column.accessor("durationMs", { header: "Duration", enableSorting: false, cell: (c) => (c.getValue() === null ? <span className="text-slate-500">running</span> : formatDuration(c.getValue()!)) }),
  column.accessor("outcome", { header: "Outcome", cell: (c) => <OutcomeBadge outcome={c.getValue()} /> }),
  column.accessor("rolledBackBy", {
    header: "Rolled back",
    enableSorting: false,
    cell: (c) => {
      const by = c.getValue();
      if (!by) return <span className="text-slate-400">no</span>;
      return <span className={c.row.original.isRolledBack ? "" : "text-red-700"}>{c.row.original.isRolledBack ? "yes" : "attempted"}, by {by}</span>;
    },
  }),
  column.accessor("verdict", { header: "Verdict", cell: (c) => <VerdictText verdict={c.getValue()} /> }),
];

export function HistoryTable({ rows, total, filters, exportHref }: { rows: HistoryRow[]; total: number; filters: HistoryFilters; exportHref: string }) {
  const pathname = usePathname();
  const table = useReactTable({ data: rows, columns, getCoreRowModel: getCoreRowModel(), manualSorting: true, manualPagination: true, rowCount: total });
  const href = (change: Partial<HistoryFilters>) => `${pathname}?${historyFiltersToQuery({ ...filters, ...change })}`;
  const pages = Math.max(1, Math.ceil(total / filters.pageSize));
  const first = total === 0 ? 0 : (filters.page - 1) * filters.pageSize + 1;

  return (
    <div>
      <div className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="w-full border-collapse text-sm" data-testid="history-table">
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id} className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
                {group.headers.map((header) => {
                  const id = header.column.id as HistorySortColumn;
                  const sortable = header.column.getCanSort();
                  const active = filters.sort === id;
                  const label = flexRender(header.column.columnDef.header, header.getContext());
                  return (
                    <th key={header.id} className="px-2 py-2 font-medium" aria-sort={active ? (filters.dir === "asc" ? "ascending" : "descending") : undefined}>
                      {sortable ? (
                        <Link href={href({ sort: id, dir: active && filters.dir === "desc" ? "asc" : "desc", page: 1 })} className="hover:text-slate-900">
                          {label} {active ? (filters.dir === "asc" ? "▲" : "▼") : ""}
                        </Link>
                      ) : label}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className="border-b border-slate-100 hover:bg-slate-50" data-testid="history-row" data-run-id={row.original.id}>
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className="whitespace-nowrap px-2 py-2">{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pagination" className="mt-3 flex flex-wrap items-center gap-3 text-sm text-slate-600">
        <span data-testid="history-count">{first}–{Math.min(total, filters.page * filters.pageSize)} of {total}</span>
        {filters.page > 1 ? <Link className="text-sky-700 hover:underline" href={href({ page: filters.page - 1 })}>← Previous</Link> : null}
        <span>Page {filters.page} of {pages}</span>
        {filters.page < pages ? <Link className="text-sky-700 hover:underline" href={href({ page: filters.page + 1 })}>Next →</Link> : null}
        <a href={exportHref} download className="ml-auto rounded border border-slate-300 bg-white px-3 py-1 text-sky-800 hover:bg-slate-50" data-testid="export-csv">
          Download CSV ({total} row{total === 1 ? "" : "s"})
        </a>
      </nav>
    </div>
  );
}
