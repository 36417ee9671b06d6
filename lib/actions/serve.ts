import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { currentUser } from "@/lib/auth/current-user";
import { runAction, type ActionSpec, type FieldErrors } from "./action";

export type ActionResult<O> =
  | { ok: true; data: O; error?: undefined; fieldErrors?: undefined }
  | { ok: false; error: string; fieldErrors?: FieldErrors };

/** A server action's whole body: the signed-in user from the session cookie, then `runAction`. */
export async function serve<S extends z.ZodType, O>(spec: ActionSpec<S, O>, raw: unknown): Promise<ActionResult<O>> {
  const outcome = await runAction(spec, await currentUser(), raw);
  if (!outcome.ok)
    return { ok: false, error: outcome.error, ...(outcome.fieldErrors ? { fieldErrors: outcome.fieldErrors } : {}) };
  for (const path of outcome.revalidate) revalidatePath(path);
  return { ok: true, data: outcome.data };
}
