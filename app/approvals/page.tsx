import Link from "@/components/ui/link";
import { requireUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/roles";
import { pendingApprovals } from "@/lib/approvals/queries";
import { formatRuntime } from "@/lib/format";
import { LocalTime } from "@/components/ui/local-time";
import { ScrollBox } from "@/components/ui/scroll-box";

export const dynamic = "force-dynamic";

export default async function ApprovalsPage() {
  const user = await requireUser("/approvals");
  const pending = await pendingApprovals();
  const decides = can(user.roles, "approval.decide");
  return (
    <article className="space-y-4">
      <header>
        <h1 className="text-xl font-semibold">Approvals</h1>
        <p className="text-sm text-slate-600">
          Upgrades waiting for a second person: production applications and high-risk upgrades. Nothing is sent to AWS
          until someone other than the requester approves.
          {decides ? "" : " Your roles do not include approving; an approver decides."}
        </p>
      </header>
      {pending.length === 0 ? (
        <p
          className="rounded border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600"
          data-testid="approvals-empty"
        >
          No upgrade is waiting for an approval.
        </p>
      ) : (
        <ScrollBox label="Upgrades waiting for approval">
          <table className="w-full border-collapse text-sm" aria-label="Upgrades waiting for approval">
            <thead>
              <tr className="border-b border-slate-300 text-left text-slate-600">
                <th className="py-2 pr-4 font-medium">Application</th>
                <th className="py-2 pr-4 font-medium">Upgrade</th>
                <th className="py-2 pr-4 font-medium">Why it needs approval</th>
                <th className="py-2 pr-4 font-medium">Requested by</th>
                <th className="py-2 pr-4 font-medium">Expires</th>
              </tr>
            </thead>
            <tbody>
              {pending.map((p) => (
                <tr key={p.runId} className="border-b border-slate-200 bg-white" data-testid="approval-row">
                  <td className="py-2 pr-4">
                    <Link href={`/upgrades/${p.runId}`} className="font-medium text-sky-700 hover:underline">
                      {p.appName}
                    </Link>
                    <span className="block text-xs text-slate-500">{p.region}</span>
                  </td>
                  <td className="py-2 pr-4">
                    {formatRuntime(p.fromRuntime)} → {formatRuntime(p.toRuntime)}
                  </td>
                  <td className="py-2 pr-4">{p.reasons.join("; ")}</td>
                  <td className="py-2 pr-4">
                    {p.requestedBy}
                    <span className="block text-xs text-slate-500">
                      <LocalTime iso={p.requestedAt} />
                    </span>
                  </td>
                  <td className="py-2 pr-4">{p.expiresAt ? <LocalTime iso={p.expiresAt} /> : "never"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
    </article>
  );
}
