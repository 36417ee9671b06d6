"use server";

import { serve } from "@/lib/actions/serve";
import { requestSyncSpec } from "@/lib/actions/specs";

// The (previous state, form data) shape lets a plain <form> post it before the page has hydrated.
export async function requestSyncAction(_previous: unknown, form: FormData) {
  return serve(requestSyncSpec, form);
}
