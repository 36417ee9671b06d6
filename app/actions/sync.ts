"use server";

import { revalidatePath } from "next/cache";
import { currentActor } from "@/lib/auth";
import { requestSync } from "@/lib/fleet/sync";
import { failure, type ActionResult } from "@/lib/action-result";

// The (previous state, form data) shape lets a plain <form> post it before the page has hydrated.
export async function requestSyncAction(
  _previous: unknown,
  _form: FormData,
): Promise<ActionResult<{ id: string; alreadyActive: boolean }>> {
  try {
    const actor = await currentActor();
    const data = await requestSync(actor);
    revalidatePath("/");
    return { ok: true, data };
  } catch (error) {
    return failure(error);
  }
}
