import { failureResponse } from "@/lib/http/failure";
import { userFor } from "@/lib/auth/current-user";
import { runChartData } from "@/lib/metrics/run-chart";

export const dynamic = "force-dynamic";

/** The run's charts: the stored window once it is DONE, else live from CloudWatch. `?extra=1` adds size, CPU, heap. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const allowed = await userFor(request, "read");
  if (!allowed.ok) return allowed.response;
  const extra = new URL(request.url).searchParams.get("extra") === "1";
  try {
    const data = await runChartData((await params).id, { extra });
    if (!data) return Response.json({ error: "not found" }, { status: 404 });
    return Response.json(data);
  } catch (error) {
    return failureResponse("run metrics", error);
  }
}
