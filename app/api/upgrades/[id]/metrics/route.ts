import { failureResponse } from "@/lib/http/failure";
import { userFor } from "@/lib/auth/current-user";
import { runChartData } from "@/lib/metrics/run-chart";
import { packRunChartData } from "@/lib/metrics/packed-chart-data";

export const dynamic = "force-dynamic";

/**
 * The run's charts: the stored window once it is DONE, else live from CloudWatch. `?extra=1` adds size, CPU, heap.
 * Packed like the run page's own copy: a live run's page reads this every few seconds for as long as it is open.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const allowed = await userFor(request, "read");
  if (!allowed.ok) return allowed.response;
  const extra = new URL(request.url).searchParams.get("extra") === "1";
  try {
    const data = await runChartData((await params).id, { extra });
    if (!data) return Response.json({ error: "not found" }, { status: 404 });
    return Response.json(packRunChartData(data));
  } catch (error) {
    return failureResponse("run metrics", error);
  }
}
