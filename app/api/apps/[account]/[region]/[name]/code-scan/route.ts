import { failureResponse } from "@/lib/http/failure";
import { userFor } from "@/lib/auth/current-user";
import { previewNewCode } from "@/lib/upgrades/code-check";

export const dynamic = "force-dynamic";

/** The wizard's scan of `?key=` (the new code's S3 key, beside the current code) before the preflight. */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ account: string; region: string; name: string }> },
) {
  const allowed = await userFor(request, "read");
  if (!allowed.ok) return allowed.response;
  const { account, region, name } = await params;
  const key = new URL(request.url).searchParams.get("key")?.trim() ?? "";
  if (!key || key.length > 1024)
    return Response.json({ error: "Give the new code's S3 key (at most 1024 characters)." }, { status: 400 });
  try {
    const preview = await previewNewCode({ account, region, name: decodeURIComponent(name) }, key);
    if (!preview) return Response.json({ error: "not found" }, { status: 404 });
    return Response.json(preview);
  } catch (error) {
    return failureResponse("code scan", error);
  }
}
