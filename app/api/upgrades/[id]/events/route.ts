import { z } from "zod";
import { userFor } from "@/lib/auth/current-user";
import { listRunEvents, runExists } from "@/lib/upgrades/queries";

export const dynamic = "force-dynamic";

const eventId = z.coerce.number().int().min(0);
const RunEventsQuery = z
  .object({
    after: eventId.optional(),
    before: eventId.optional(),
    limit: z.coerce.number().int().min(1).max(500).optional(),
  })
  .refine((q) => q.after === undefined || q.before === undefined, "use either after or before");

/**
 * A run's events, oldest first: the newest page (no parameter), the page before an event (`?before=<id>`), or the
 * events after one (`?after=<id>`); `limit` (default 100) caps the page. Answers `{ events, hasMore }`.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const allowed = await userFor(request, "read");
  if (!allowed.ok) return allowed.response;
  const id = (await params).id;
  const query = RunEventsQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return Response.json({ error: query.error.issues[0]?.message }, { status: 400 });
  if (!(await runExists(id))) return Response.json({ error: "not found" }, { status: 404 });
  return Response.json(await listRunEvents(id, query.data));
}
