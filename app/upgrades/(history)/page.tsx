import { filtersOnly, hasFilters, historyFiltersToQuery, parseHistoryFilters } from "@/lib/history/filters";
import { historyOptions, historySummary, queryHistory } from "@/lib/history/queries";
import { loadFleetProgress } from "@/lib/fleet/progress";
import { targetRuntime } from "@/lib/fleet/queries";
import { ManagerSummary } from "@/components/history/manager-summary";
import { HistoryFiltersBar } from "@/components/history/history-filters";
import { HistoryTable } from "@/components/tables/history-table";
import { requireUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/roles";
import { FleetProgressChart } from "@/components/charts/fleet-progress-chart";

export const dynamic = "force-dynamic";

export default async function UpgradeHistoryPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser("/upgrades");
  const filters = parseHistoryFilters(await searchParams);
  const [page, summary, options, progress] = await Promise.all([
    queryHistory(filters),
    historySummary(filters),
    historyOptions(),
    loadFleetProgress(),
  ]);
  const exportHref = `/upgrades/export?${historyFiltersToQuery({ ...filtersOnly(filters), sort: filters.sort, dir: filters.dir })}`;

  return (
    <section className="space-y-6">
      <header>
        <h1 className="mb-1 text-xl font-semibold">Upgrade history</h1>
        <p className="text-sm text-slate-600">
          Every upgrade and rollback run, with its outcome and who rolled back. The summary covers the runs the filters
          select.
        </p>
      </header>
      <div>
        <HistoryFiltersBar filters={filters} options={options} />
        <ManagerSummary summary={summary} />
        {page.total === 0 ? (
          <p
            className="rounded border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600"
            data-testid="history-empty"
          >
            {hasFilters(filters)
              ? "No run matches these filters."
              : "No upgrade has been run yet. Start one from an application's page."}
          </p>
        ) : (
          <HistoryTable
            rows={page.rows}
            total={page.total}
            filters={filters}
            exportHref={can(user.roles, "report.export") ? exportHref : null}
          />
        )}
      </div>
      <section className="rounded border border-slate-200 bg-white p-4" aria-labelledby="fleet-progress-heading">
        <h2 id="fleet-progress-heading" className="mb-2 text-base font-semibold">
          Fleet progress
        </h2>
        <p className="mb-3 text-xs text-slate-500">
          Share of applications on each runtime, from the successful inventory syncs.
        </p>
        <FleetProgressChart progress={progress} target={targetRuntime} />
      </section>
    </section>
  );
}
