import { env } from "@/lib/env";
import { parseFleetFilters } from "@/lib/fleet/filters";
import { fleetSummary, queryFleet, syncStatus, targetRuntime } from "@/lib/fleet/queries";
import { SummaryStrip } from "@/components/fleet/summary-strip";
import { SyncStatus } from "@/components/fleet/sync-status";
import { FleetFiltersBar } from "@/components/fleet/fleet-filters";
import { requireUser } from "@/lib/auth/current-user";
import { FleetTable } from "@/components/tables/fleet-table";

export const dynamic = "force-dynamic";

export default async function FleetPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireUser("/");
  const filters = parseFleetFilters(await searchParams);
  const [summary, page, sync] = await Promise.all([fleetSummary(), queryFleet(filters), syncStatus()]);
  // A server component renders once per request: its clock is the page's "now" for every age shown.
  // eslint-disable-next-line react-hooks/purity
  const renderedAt = Date.now();

  return (
    <section>
      <h1 className="mb-1 text-xl font-semibold">Fleet</h1>
      <p className="mb-3 text-sm text-slate-600">
        Every Managed Service for Apache Flink application in {summary.accounts.length || "each"} account(s) and{" "}
        {summary.regions.length || env().MSF_REGIONS.length} region(s), with its risk of upgrading to Flink 2.2.
      </p>
      <SyncStatus
        initial={JSON.parse(JSON.stringify(sync))}
        staleAfterSeconds={env().SYNC_INTERVAL_SECONDS * 2}
        renderedAt={renderedAt}
      />
      {summary.total === 0 ? (
        <EmptyFleet syncing={sync.active !== null} />
      ) : (
        <>
          <SummaryStrip summary={summary} target={targetRuntime} />
          <FleetFiltersBar
            filters={filters}
            options={{
              runtimes: summary.byRuntime.map((r) => r.runtime),
              accounts: summary.accounts,
              regions: summary.regions,
              statuses: summary.statuses,
            }}
          />
          {page.total === 0 ? (
            <p className="rounded border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">
              No application matches these filters.
            </p>
          ) : (
            <FleetTable rows={page.rows} total={page.total} filters={filters} renderedAt={renderedAt} />
          )}
        </>
      )}
    </section>
  );
}

function EmptyFleet({ syncing }: { syncing: boolean }) {
  return (
    <div
      className="rounded border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600"
      data-testid="fleet-empty"
    >
      {syncing
        ? "The first inventory sync is running; applications appear here when it finishes."
        : "No applications are known yet. Run a sync to read the fleet from AWS."}
    </div>
  );
}
