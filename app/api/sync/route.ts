import { syncStatus } from "@/lib/fleet/queries";
import { userFor } from "@/lib/auth/current-user";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const allowed = await userFor(request, "read");
  if (!allowed.ok) return allowed.response;
  return Response.json(await syncStatus());
}
