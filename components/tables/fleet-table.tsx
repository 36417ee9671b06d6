import Link from "@/components/ui/link";
import { createColumnHelper } from "@tanstack/table-core";
import { UrlTable } from "./url-table";
import { appPath } from "@/lib/fleet/paths";
import type { FleetRow } from "@/lib/fleet/queries";
import type { FleetFilters } from "@/lib/fleet/filters";
import { filtersToQuery as fleetFiltersToQuery } from "@/lib/url-query";
import { formatAge, formatRuntime } from "@/lib/format";
import { CodeStatusBadge, RiskBadge, StatusBadge, YesNo } from "@/components/ui/badge";

const column = createColumnHelper<FleetRow>();

const columns = [
  column.accessor("name", {
    header: "Name",
    cell: (c) => (
      <Link
        href={appPath({ account: c.row.original.account, region: c.row.original.region, name: c.getValue() })}
        className="font-medium text-sky-800 hover:underline"
      >
        {c.getValue()}
      </Link>
    ),
  }),
  column.accessor("account", {
    header: "Account",
    cell: (c) => <span title={c.getValue()}>{c.row.original.accountName}</span>,
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
  column.accessor("codeStatus", {
    header: "Code",
    enableSorting: false,
    cell: (c) => <CodeStatusBadge status={c.getValue()} />,
  }),
  column.accessor("rollbackEnabled", {
    header: "Auto-rollback",
    enableSorting: false,
    cell: (c) => <YesNo value={c.getValue()} />,
  }),
  column.accessor("snapshotsEnabled", {
    header: "Snapshots",
    enableSorting: false,
    cell: (c) => <YesNo value={c.getValue()} />,
  }),
  column.accessor("newestSnapshotAt", {
    header: "Newest snapshot",
    cell: (c) =>
      c.getValue() ? (
        formatAge(c.getValue(), new Date((c.table.options.meta as { renderedAt: number }).renderedAt))
      ) : (
        <span className="text-red-700">none</span>
      ),
  }),
  column.accessor("team", { header: "Team", cell: (c) => c.getValue() ?? "—" }),
  column.accessor("env", { header: "Env", cell: (c) => c.getValue() ?? "—" }),
];

export function FleetTable({
  rows,
  total,
  filters,
  renderedAt,
}: {
  rows: FleetRow[];
  total: number;
  filters: FleetFilters;
  renderedAt: number;
}) {
  return (
    <UrlTable
      label="Applications"
      rows={rows}
      total={total}
      columns={columns}
      view={filters}
      href={(change) => `/?${fleetFiltersToQuery({ ...filters, ...change })}`}
      testId="fleet-table"
      rowTestId="fleet-row"
      meta={{ renderedAt }}
    />
  );
}
