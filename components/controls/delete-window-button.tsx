"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { deleteWindowAction } from "@/app/actions/controls";

/** Delete, then confirm: a window removed by a stray click would let changes through. */
export function DeleteWindowButton({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function remove() {
    setError(null);
    startTransition(async () => {
      const result = await deleteWindowAction({ id }).catch((err: unknown) => ({
        ok: false as const,
        error: `The server did not answer (${err instanceof Error ? err.message : String(err)}); try again.`,
      }));
      if (!result.ok) setError(result.error);
      setConfirming(false);
      router.refresh();
    });
  }

  return (
    <div className="flex flex-col items-end gap-1">
      {confirming ? (
        <div className="flex items-center gap-2 whitespace-nowrap">
          <button
            type="button"
            autoFocus
            onClick={remove}
            disabled={pending}
            aria-label={`Confirm: delete window ${name}`}
            className="rounded bg-red-600 px-2 py-1 text-xs font-semibold text-white hover:bg-red-700 disabled:opacity-50"
          >
            {pending ? "Deleting…" : "Confirm delete"}
          </button>
          <button type="button" onClick={() => setConfirming(false)} className="text-xs text-slate-600 hover:underline">
            Cancel
          </button>
        </div>
      ) : (
        <button
          type="button"
          onClick={() => setConfirming(true)}
          aria-label={`Delete window ${name}`}
          className="rounded border border-slate-300 px-2 py-1 text-xs text-slate-700 hover:bg-slate-50"
        >
          Delete…
        </button>
      )}
      {error ? (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
