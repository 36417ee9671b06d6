import { userFor } from "@/lib/auth/current-user";
import { auditCsv, parseAuditFilters } from "@/lib/audit/queries";

export const dynamic = "force-dynamic";

/** The audit rows the same filters select, as a CSV for an auditor. */
export async function GET(request: Request) {
  const allowed = await userFor(request, "audit.read");
  if (!allowed.ok) return allowed.response;
  const filters = parseAuditFilters(Object.fromEntries(new URL(request.url).searchParams));
  return new Response(await auditCsv(filters), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
