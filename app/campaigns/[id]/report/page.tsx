import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/roles";
import { campaignReport, campaignView, type CampaignReport, type CampaignView } from "@/lib/campaigns/queries";
import { formatDuration, formatRuntime } from "@/lib/format";
import { CampaignStateBadge } from "@/components/campaigns/badges";
import { OutcomeBadge } from "@/components/history/outcome-badge";
import { LocalTime } from "@/components/ui/local-time";
import { ScrollBox } from "@/components/ui/scroll-box";

export const dynamic = "force-dynamic";

type Wave = CampaignReport["waves"][number];

/** A wave that ended normally has its time; a stopped one ran until the campaign ended; one under way, so far. */
function waveDuration(view: CampaignView, wave: Wave): string {
  if (wave.durationMs !== null) return formatDuration(wave.durationMs);
  const started = view.stages[wave.stage]?.record?.startedAt;
  if (!started) return "not started";
  if (view.finishedAt) return `${formatDuration(Date.parse(view.finishedAt) - Date.parse(started))} (stopped)`;
  return "under way";
}

const percent = (rate: number | null) => (rate === null ? "—" : `${Math.round(rate * 100)}%`);

export default async function CampaignReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/campaigns/${id}/report`);
  const [view, report] = await Promise.all([campaignView(id), campaignReport(id)]);
  if (!view || !report) notFound();
  const mayExport = can(user.roles, "report.export");
  return (
    <article className="space-y-5">
      <header>
        <Link href={`/campaigns/${id}`} className="text-sm text-sky-700 hover:underline">
          ← {view.name}
        </Link>
        <div className="mt-1 flex flex-wrap items-center gap-3">
          <h1 className="text-xl font-semibold">Report: {view.name}</h1>
          <CampaignStateBadge state={view.state} outcome={view.outcome} />
        </div>
        <p className="text-sm text-slate-600">
          to {formatRuntime(view.targetRuntime)} · created by {view.createdBy}
          {view.approvedBy ? ` · approved by ${view.approvedBy}` : ""}
          {view.startedAt ? (
            <>
              {" "}
              · started <LocalTime iso={view.startedAt} />
            </>
          ) : null}
          {view.finishedAt ? (
            <>
              {" "}
              · finished <LocalTime iso={view.finishedAt} />
            </>
          ) : (
            " · still under way: the figures cover what has finished"
          )}
        </p>
        {view.stoppedReason ? <p className="mt-1 text-sm font-medium text-red-800">{view.stoppedReason}</p> : null}
      </header>

      <section aria-label="Summary" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" data-testid="campaign-report">
        <Tile label="Applications" value={String(report.applications)} detail={`${report.finished} changed`} />
        <Tile
          label="Success rate"
          value={percent(report.successRate)}
          detail={`${report.succeeded} succeeded of ${report.finished} changed`}
          testId="report-success"
        />
        <Tile
          label="Change-failure rate"
          value={percent(report.changeFailureRate)}
          detail={`${report.failed} failed or rolled back`}
          testId="report-cfr"
        />
        <Tile
          label="Campaign duration"
          value={
            view.startedAt
              ? formatDuration(Date.parse(view.finishedAt ?? new Date().toISOString()) - Date.parse(view.startedAt))
              : "—"
          }
          detail={view.finishedAt ? "start to end" : "so far"}
        />
      </section>
      <p className="text-xs text-slate-500">
        Rates are over the applications the campaign changed (succeeded, failed, rolled back, or kept unproven);
        applications not started and skipped ones do not count.
      </p>

      <section className="rounded border border-slate-200 bg-white" aria-labelledby="waves-heading">
        <h2 id="waves-heading" className="border-b border-slate-200 px-4 py-2 text-base font-semibold">
          Time per wave
        </h2>
        <ScrollBox label="Time per wave">
          <table className="w-full text-left text-sm" data-testid="report-waves">
            <thead className="text-xs text-slate-600">
              <tr>
                <th className="px-4 py-1.5 font-medium">Wave</th>
                <th className="px-4 py-1.5 font-medium">Applications</th>
                <th className="px-4 py-1.5 font-medium">Failures</th>
                <th className="px-4 py-1.5 font-medium">Time (first start to last run&apos;s end, soak not counted)</th>
              </tr>
            </thead>
            <tbody>
              {report.waves.map((w) => (
                <tr key={w.stage} className="border-t border-slate-100">
                  <td className="px-4 py-1.5">
                    {w.stage + 1} · {w.name}
                  </td>
                  <td className="px-4 py-1.5">{w.applications}</td>
                  <td className={`px-4 py-1.5 ${w.failures ? "font-semibold text-red-700" : ""}`}>{w.failures}</td>
                  <td className="px-4 py-1.5">{waveDuration(view, w)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      </section>

      <section className="rounded border border-slate-200 bg-white" aria-labelledby="failed-heading">
        <h2 id="failed-heading" className="border-b border-slate-200 px-4 py-2 text-base font-semibold">
          Rolled back or failed ({report.rolledBack.length})
        </h2>
        {report.rolledBack.length === 0 ? (
          <p className="px-4 py-3 text-sm text-slate-600">No application of this campaign failed or was rolled back.</p>
        ) : (
          <ScrollBox label="Failed or rolled back">
            <table className="w-full text-left text-sm" data-testid="report-failed">
              <thead className="text-xs text-slate-600">
                <tr>
                  <th className="px-4 py-1.5 font-medium">Application</th>
                  <th className="px-4 py-1.5 font-medium">Outcome</th>
                  <th className="px-4 py-1.5 font-medium">Root cause</th>
                  <th className="px-4 py-1.5 font-medium">Run</th>
                </tr>
              </thead>
              <tbody>
                {report.rolledBack.map((r) => (
                  <tr key={r.runId} className="border-t border-slate-100 align-top">
                    <td className="px-4 py-1.5">
                      <span className="font-medium">{r.appName}</span>
                      <span className="block text-xs text-slate-500">{r.region}</span>
                    </td>
                    <td className="px-4 py-1.5">
                      <OutcomeBadge outcome={r.outcome} />
                    </td>
                    <td className="max-w-xl px-4 py-1.5 text-xs break-words">
                      {r.faultClass ? <span className="font-semibold">{r.faultClass}: </span> : null}
                      {r.rootCause ?? <span className="text-slate-500">not found in the logs</span>}
                    </td>
                    <td className="px-4 py-1.5">
                      <Link href={`/upgrades/${r.runId}`} className="text-sky-700 hover:underline">
                        Open run
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
        )}
      </section>

      {mayExport ? (
        <a
          href={`/campaigns/${id}/report/export`}
          download
          className="inline-block rounded border border-slate-300 bg-white px-3 py-1.5 text-sm text-sky-800 hover:bg-slate-50"
          data-testid="report-csv"
        >
          Download CSV (one row per application)
        </a>
      ) : (
        <p className="text-sm text-slate-600">Managers and admins can download this report as CSV.</p>
      )}
    </article>
  );
}

function Tile({ label, value, detail, testId }: { label: string; value: string; detail: string; testId?: string }) {
  return (
    <div className="rounded border border-slate-200 bg-white p-3">
      <p className="text-xs tracking-wide text-slate-500 uppercase">{label}</p>
      <p className="text-2xl font-semibold" data-testid={testId}>
        {value}
      </p>
      <p className="text-xs text-slate-500">{detail}</p>
    </div>
  );
}
