import { userFor } from "@/lib/auth/current-user";
import { campaignReport, campaignView } from "@/lib/campaigns/queries";
import { campaignCsvFileName, campaignReportCsv } from "@/lib/campaigns/report-csv";

export const dynamic = "force-dynamic";

/** The campaign report as a CSV for a manager: one row per application of the selection. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const allowed = await userFor(request, "report.export");
  if (!allowed.ok) return allowed.response;
  const id = (await params).id;
  const [view, report] = await Promise.all([campaignView(id), campaignReport(id)]);
  if (!view || !report) return Response.json({ error: "not found" }, { status: 404 });
  return new Response(campaignReportCsv(view, report), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${campaignCsvFileName(view.name)}"`,
      "Cache-Control": "no-store",
    },
  });
}
