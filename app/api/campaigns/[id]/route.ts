import { userFor } from "@/lib/auth/current-user";
import { campaignView } from "@/lib/campaigns/queries";

export const dynamic = "force-dynamic";

/** The campaign as its page polls it: stages, targets with their runs' steps, counts, what it waits for. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const allowed = await userFor(request, "read");
  if (!allowed.ok) return allowed.response;
  const view = await campaignView((await params).id);
  if (!view) return Response.json({ error: "not found" }, { status: 404 });
  return Response.json(view);
}
