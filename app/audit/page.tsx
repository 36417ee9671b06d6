import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/roles";
import { auditActions, auditPage, parseAuditFilters, type AuditFilters } from "@/lib/audit/queries";
import { LocalTime } from "@/components/ui/local-time";
import { ScrollBox } from "@/components/ui/scroll-box";

export const dynamic = "force-dynamic";

const query = (f: AuditFilters, extra: Partial<AuditFilters> = {}) =>
  new URLSearchParams(
    Object.entries({ ...f, before: undefined, ...extra }).flatMap(([k, v]) =>
      v === undefined || v === "" ? [] : [[k, String(v)]],
    ),
  ).toString();

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser("/audit");
  if (!can(user.roles, "audit.read")) notFound();
  const filters = parseAuditFilters(await searchParams);
  const [{ rows, olderFrom }, actions] = await Promise.all([auditPage(filters), auditActions()]);
  const field = "rounded border border-slate-300 bg-white px-2 py-1 text-sm";
  return (
    <article className="space-y-4">
      <header>
        <h1 className="text-xl font-semibold">Audit trail</h1>
        <p className="text-sm text-slate-600">
          Every write and sign-in: who, with which roles, what, on what, and the request it came from. Append-only.
        </p>
      </header>
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Audit filters">
        <label className="flex flex-col text-xs text-slate-600">
          Who
          <input name="actor" defaultValue={filters.actor ?? ""} className={field} placeholder="email contains…" />
        </label>
        <label className="flex flex-col text-xs text-slate-600">
          Action
          <select name="action" defaultValue={filters.action ?? ""} className={field}>
            <option value="">Any</option>
            {actions.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-xs text-slate-600">
          From (UTC)
          <input type="date" name="from" defaultValue={filters.from ?? ""} className={field} />
        </label>
        <label className="flex flex-col text-xs text-slate-600">
          To (UTC)
          <input type="date" name="to" defaultValue={filters.to ?? ""} className={field} />
        </label>
        <button type="submit" className="rounded bg-sky-700 px-3 py-1.5 text-sm text-white hover:bg-sky-800">
          Filter
        </button>
        <a
          href={`/audit/export?${query(filters)}`}
          download
          className="ml-auto text-sm text-sky-800 hover:underline"
          data-testid="audit-csv"
        >
          Download CSV
        </a>
      </form>
      {rows.length === 0 ? (
        <p className="rounded border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600">
          No audit rows match these filters.
        </p>
      ) : (
        <ScrollBox label="Audit log" className="rounded border border-slate-200 bg-white">
          <table className="w-full text-left text-sm" data-testid="audit-table">
            <thead className="bg-slate-50 text-xs text-slate-600 uppercase">
              <tr>
                <th className="px-3 py-2">When</th>
                <th className="px-3 py-2">Who</th>
                <th className="px-3 py-2">Action</th>
                <th className="px-3 py-2">Target</th>
                <th className="px-3 py-2">Change</th>
                <th className="px-3 py-2">Request</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-t border-slate-100 align-top" data-testid="audit-row">
                  <td className="px-3 py-2 whitespace-nowrap">
                    <LocalTime iso={r.at.toISOString()} />
                  </td>
                  <td className="px-3 py-2">
                    {r.actor}
                    <div className="text-xs text-slate-500">{(JSON.parse(r.roles) as string[]).join(", ")}</div>
                  </td>
                  <td className="px-3 py-2 font-mono text-xs">{r.action}</td>
                  <td className="px-3 py-2">{r.target ?? "—"}</td>
                  <td className="max-w-md px-3 py-2 font-mono text-xs break-words">
                    {r.before ? <div>before {r.before}</div> : null}
                    {r.after ? <div>after {r.after}</div> : null}
                  </td>
                  <td className="px-3 py-2 font-mono text-xs text-slate-500">{r.requestId.slice(0, 8)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
      {olderFrom ? (
        <Link href={`/audit?${query(filters, { before: olderFrom })}`} className="text-sm text-sky-700 hover:underline">
          Older rows →
        </Link>
      ) : null}
    </article>
  );
}
