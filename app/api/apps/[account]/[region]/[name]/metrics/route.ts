import { failureResponse } from "@/lib/http/failure";
import { parseAppRange } from "@/lib/metrics/app-range";
import { userFor } from "@/lib/auth/current-user";
import { fetchAppSeries } from "@/lib/metrics/app-series";

export const dynamic = "force-dynamic";

/** The application page's charts for `?range=3h|24h|7d`, every signal from one GetMetricData call. */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ account: string; region: string; name: string }> },
) {
  const allowed = await userFor(request, "read");
  if (!allowed.ok) return allowed.response;
  const { account, region, name } = await params;
  const range = parseAppRange(new URL(request.url).searchParams.get("range"));
  try {
    const data = await fetchAppSeries({ account, region, name: decodeURIComponent(name) }, range);
    if (!data) return Response.json({ error: "not found" }, { status: 404 });
    return Response.json(data);
  } catch (error) {
    return failureResponse("application metrics", error);
  }
}
