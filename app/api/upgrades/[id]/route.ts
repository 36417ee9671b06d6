import { getRunView } from "@/lib/upgrades/queries";
import { userFor } from "@/lib/auth/current-user";

export const dynamic = "force-dynamic";

/** The run as the run page polls it; its events page separately through `./events`. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const allowed = await userFor(request, "read");
  if (!allowed.ok) return allowed.response;
  const run = await getRunView((await params).id);
  if (!run) return Response.json({ error: "not found" }, { status: 404 });
  return Response.json(run);
}
