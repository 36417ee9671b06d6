import Link from "@/components/ui/link";
import { requireUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/roles";
import { listCampaigns } from "@/lib/campaigns/queries";
import { formatRuntime } from "@/lib/format";
import { LocalTime } from "@/components/ui/local-time";
import { CampaignStateBadge } from "@/components/campaigns/badges";
import { ScrollBox } from "@/components/ui/scroll-box";

export const dynamic = "force-dynamic";

export default async function CampaignsPage() {
  const user = await requireUser("/campaigns");
  const campaigns = await listCampaigns();
  const mayCreate = can(user.roles, "upgrade.start");
  return (
    <article className="space-y-4">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">Campaigns</h1>
          <p className="text-sm text-slate-600">
            Fleet upgrades in waves: a selection of applications, stages with their own concurrency, error budget and
            soak, stopped at once when a stage spends its budget.
          </p>
        </div>
        {mayCreate ? (
          <Link
            href="/campaigns/new"
            className="rounded bg-sky-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-sky-800"
          >
            New campaign
          </Link>
        ) : null}
      </header>
      {campaigns.length === 0 ? (
        <p
          className="rounded border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600"
          data-testid="campaigns-empty"
        >
          No campaign yet.{" "}
          {mayCreate
            ? "Create one to upgrade a selection of the fleet in waves."
            : "Engineers and admins create them; you will see them here."}
        </p>
      ) : (
        <ScrollBox label="Campaigns" className="rounded border border-slate-200 bg-white">
          <table className="w-full text-left text-sm" aria-label="Campaigns">
            <thead className="bg-slate-50 text-xs text-slate-600 uppercase">
              <tr>
                <th className="px-3 py-2">Campaign</th>
                <th className="px-3 py-2">Target</th>
                <th className="px-3 py-2">State</th>
                <th className="px-3 py-2">Progress</th>
                <th className="px-3 py-2">Failures</th>
                <th className="px-3 py-2">Created</th>
              </tr>
            </thead>
            <tbody>
              {campaigns.map((c) => (
                <tr key={c.id} className="border-t border-slate-100" data-testid="campaign-row" data-id={c.id}>
                  <td className="px-3 py-2">
                    <Link href={`/campaigns/${c.id}`} className="font-medium text-sky-700 hover:underline">
                      {c.name}
                    </Link>
                  </td>
                  <td className="px-3 py-2">{formatRuntime(c.targetRuntime)}</td>
                  <td className="px-3 py-2">
                    <CampaignStateBadge state={c.state} outcome={c.outcome} />
                  </td>
                  <td className="px-3 py-2">
                    <Progress done={c.done} total={c.applications} />
                  </td>
                  <td className={`px-3 py-2 ${c.failures ? "font-semibold text-red-700" : "text-slate-600"}`}>
                    {c.failures}
                  </td>
                  <td className="px-3 py-2">
                    {c.createdBy}
                    <span className="block text-xs text-slate-500">
                      <LocalTime iso={c.createdAt} />
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
    </article>
  );
}

function Progress({ done, total }: { done: number; total: number }) {
  const share = total ? Math.round((done / total) * 100) : 0;
  return (
    <div className="flex items-center gap-2">
      <span className="tabular-nums">
        {done}/{total}
      </span>
      <span aria-hidden className="inline-block h-1.5 w-20 overflow-hidden rounded bg-slate-200">
        <span className="block h-full bg-emerald-600" style={{ width: `${share}%` }} />
      </span>
    </div>
  );
}
