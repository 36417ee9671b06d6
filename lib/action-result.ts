export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: string };

export function failure(error: unknown): { ok: false; error: string } {
  return { ok: false, error: error instanceof Error ? error.message : String(error) };
}
