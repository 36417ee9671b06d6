"use server";

import { revalidatePath } from "next/cache";
import { currentActor } from "@/lib/auth";
import { requestSync } from "@/lib/fleet/sync";
import { failure, type ActionResult } from "@/lib/action-result";

export async function requestSyncAction(): Promise<ActionResult<{ id: string; alreadyActive: boolean }>> {
  try {
    const actor = await currentActor();
    const data = await requestSync(actor);
    revalidatePath("/");
    return { ok: true, data };
  } catch (error) {
    return failure(error);
  }
}
