"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import type { FleetRow } from "@/lib/fleet/queries";
import { fleetFiltersToQuery, type FleetFilters, type SortColumn } from "@/lib/fleet/filters";
import { formatAge, formatRuntime } from "@/lib/format";
import { RiskBadge, StatusBadge, YesNo } from "@/components/ui/badge";

const column = createColumnHelper<FleetRow>();

const columns = [
  column.accessor("name", {
    header: "Name",
    cell: (c) => (
      <Link href={`/apps/${c.row.original.region}/${encodeURIComponent(c.getValue())}`} className="font-medium text-sky-800 hover:underline">
        {c.getValue()}
      </Link>
    ),
  }),
  column.accessor("region", { header: "Region" }),
  column.accessor("runtime", { header: "Runtime", cell: (c) => formatRuntime(c.getValue()) }),
  column.accessor("status", { header: "Status", cell: (c) => <StatusBadge status={c.getValue()} /> }),
  column.accessor("riskScore", {
    header: "Risk",
    cell: (c) => (
      <span title={c.row.original.riskSummary ?? c.row.original.error ?? undefined}>
        <RiskBadge level={c.row.original.riskLevel} score={c.getValue()} />
      </span>
    ),
  }),
  column.accessor("rollbackEnabled", { header: "Auto-rollback", enableSorting: false, cell: (c) => <YesNo value={c.getValue()} /> }),
  column.accessor("snapshotsEnabled", { header: "Snapshots", enableSorting: false, cell: (c) => <YesNo value={c.getValue()} /> }),
  column.accessor("newestSnapshotAt", { header: "Newest snapshot", cell: (c) => (c.getValue() ? formatAge(c.getValue(), new Date((c.table.options.meta as { renderedAt: number }).renderedAt)) : <span className="text-red-700">none</span>) }),
  column.accessor("team", { header: "Team", cell: (c) => c.getValue() ?? "—" }),
  column.accessor("env", { header: "Env", cell: (c) => c.getValue() ?? "—" }),
];

export function FleetTable({ rows, total, filters, renderedAt }: { rows: FleetRow[]; total: number; filters: FleetFilters; renderedAt: number }) {
  const pathname = usePathname();
  const table = useReactTable({
    data: rows,
    columns,
    meta: { renderedAt },
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    rowCount: total,
  });
  const href = (change: Partial<FleetFilters>) => `${pathname}?${fleetFiltersToQuery({ ...filters, ...change })}`;
  const pages = Math.max(1, Math.ceil(total / filters.pageSize));
  const first = total === 0 ? 0 : (filters.page - 1) * filters.pageSize + 1;

  return (
    <div>
      <div className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="w-full border-collapse text-sm" data-testid="fleet-table">
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id} className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
                {group.headers.map((header) => {
                  const id = header.column.id as SortColumn;
                  const sortable = header.column.getCanSort();
                  const active = filters.sort === id;
                  const label = flexRender(header.column.columnDef.header, header.getContext());
                  return (
                    <th key={header.id} className="px-3 py-2 font-medium" aria-sort={active ? (filters.dir === "asc" ? "ascending" : "descending") : undefined}>
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
              <tr key={row.id} className="border-b border-slate-100 hover:bg-slate-50" data-testid="fleet-row">
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className="whitespace-nowrap px-3 py-2">{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pagination" className="mt-3 flex items-center gap-3 text-sm text-slate-600">
        <span data-testid="fleet-count">{first}–{Math.min(total, filters.page * filters.pageSize)} of {total}</span>
        {filters.page > 1 ? <Link className="text-sky-700 hover:underline" href={href({ page: filters.page - 1 })}>← Previous</Link> : null}
        <span>Page {filters.page} of {pages}</span>
        {filters.page < pages ? <Link className="text-sky-700 hover:underline" href={href({ page: filters.page + 1 })}>Next →</Link> : null}
      </nav>
    </div>
  );
}
