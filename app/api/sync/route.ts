import { syncStatus } from "@/lib/fleet/queries";

export const dynamic = "force-dynamic";

export async function GET() {
  return Response.json(await syncStatus());
}
