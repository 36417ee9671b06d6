import { parseHistoryFilters } from "@/lib/history/filters";
import { historyRowsForExport } from "@/lib/history/queries";
import { userFor } from "@/lib/auth/current-user";
import { csvFileName, historyCsv } from "@/lib/history/csv";

export const dynamic = "force-dynamic";

/** The rows of the history view the same query parameters select (every page), as a CSV download. */
export async function GET(request: Request) {
  const allowed = await userFor(request, "report.export");
  if (!allowed.ok) return allowed.response;
  const filters = parseHistoryFilters(Object.fromEntries(new URL(request.url).searchParams));
  const rows = await historyRowsForExport(filters);
  return new Response(historyCsv(rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${csvFileName()}"`,
      "Cache-Control": "no-store",
    },
  });
}
