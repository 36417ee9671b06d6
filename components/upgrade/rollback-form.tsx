"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { requestRollbackAction } from "@/app/actions/upgrades";

/** Roll back now, with the reason recorded: for a run, or for an application with no run active. */
export function RollbackForm({
  target,
  label = "Roll back",
  onDone,
}: {
  target: { runId: string } | { account: string; region: string; name: string };
  label?: string;
  onDone?: () => void;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  // Closed after being open: the button takes the focus back, so the keyboard does not fall to the page's top.
  const [closed, setClosed] = useState(false);
  const close = () => {
    setOpen(false);
    setClosed(true);
  };
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  if (!open) {
    return (
      <button
        type="button"
        // Only after the person closed the form with it.
        autoFocus={closed}
        onClick={() => setOpen(true)}
        className="rounded border border-amber-400 bg-amber-50 px-3 py-1.5 text-sm font-semibold text-amber-900 hover:bg-amber-100"
      >
        {label}…
      </button>
    );
  }
  function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    startTransition(async () => {
      const result = await requestRollbackAction({ ...target, reason });
      if (!result.ok) {
        setError(result.fieldErrors?.reason?.[0] ?? result.error);
        return;
      }
      onDone?.();
      if (!("runId" in target)) router.push(`/upgrades/${result.data.runId}`);
      else router.refresh();
    });
  }
  return (
    <form
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === "Escape") close();
      }}
      className="flex flex-wrap items-end gap-2 text-sm"
      aria-label="Roll back"
    >
      <label className="flex flex-col gap-1">
        <span className="font-medium">Why roll back?</span>
        <input
          autoFocus
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="e.g. restart loop after the upgrade"
          className="w-80 rounded border border-slate-300 px-2 py-1"
        />
      </label>
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-amber-700 px-3 py-1.5 font-semibold text-white hover:bg-amber-800 disabled:opacity-50"
      >
        {pending ? "Requesting…" : "Confirm rollback"}
      </button>
      <button type="button" onClick={close} className="px-2 py-1.5 text-slate-600 hover:underline">
        Cancel
      </button>
      {error ? (
        <p role="alert" className="w-full text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}
