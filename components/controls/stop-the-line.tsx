"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { stopTheLineAction } from "@/app/actions/controls";
import type { ControlsView } from "@/lib/controls/queries";
import { LocalTime } from "@/components/ui/local-time";

/** The fleet-wide switch: its state for everyone, and for admins the switch itself behind a confirmation. */
export function StopTheLine({ stop, canChange }: { stop: ControlsView["stop"]; canChange: boolean }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<{ message: string; reason?: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const on = stop.stopped;

  function cancel() {
    setConfirming(false);
    setError(null);
  }

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    startTransition(async () => {
      const result = await stopTheLineAction({ stopped: !on, reason: reason || undefined }).catch((err: unknown) => ({
        ok: false as const,
        error: `The server did not answer (${err instanceof Error ? err.message : String(err)}); try again.`,
        fieldErrors: undefined,
      }));
      if (!result.ok) {
        setError({ message: result.error, reason: result.fieldErrors?.reason?.[0] });
        return;
      }
      setConfirming(false);
      setReason("");
      router.refresh();
    });
  }

  return (
    <section
      aria-labelledby="stop-heading"
      data-testid="stop-the-line"
      data-stopped={on}
      className={`space-y-3 rounded p-4 ${on ? "border-2 border-red-600 bg-red-50" : "border border-slate-200 bg-white"}`}
    >
      <div className="flex flex-wrap items-center gap-4">
        {canChange ? (
          <button
            type="button"
            role="switch"
            aria-checked={on}
            aria-labelledby="stop-heading"
            aria-expanded={confirming}
            onClick={() => setConfirming(true)}
            disabled={pending || confirming}
            className={`relative inline-flex h-10 w-20 shrink-0 items-center rounded-full transition-colors focus-visible:ring-2 focus-visible:ring-sky-600 focus-visible:ring-offset-2 focus-visible:outline-none disabled:opacity-60 ${on ? "bg-red-600" : "bg-slate-300"}`}
          >
            <span
              aria-hidden
              className={`inline-block h-8 w-8 rounded-full bg-white shadow transition-transform ${on ? "translate-x-11" : "translate-x-1"}`}
            />
          </button>
        ) : null}
        <div>
          <h2 id="stop-heading" className="text-lg font-semibold">
            Stop-the-line{" "}
            <span
              className={`ml-1 rounded px-2 py-0.5 text-sm font-bold ${on ? "bg-red-600 text-white" : "bg-emerald-100 text-emerald-800"}`}
              data-testid="stop-state"
            >
              {on ? "ON" : "off"}
            </span>
          </h2>
          <p className="text-sm text-slate-700">
            {on
              ? "No new upgrade starts anywhere, whatever the calendar or an override says. Rollbacks are never blocked."
              : "Upgrades start as the freeze calendar allows. Turning this on stops every new upgrade in the fleet at once."}
          </p>
          {stop.changedBy && stop.changedAt ? (
            <p className="text-xs text-slate-600" data-testid="stop-changed">
              {on ? "Stopped" : "Last turned off"} by {stop.changedBy} at <LocalTime iso={stop.changedAt} />
              {stop.reason ? `: ${stop.reason}` : ""}
            </p>
          ) : null}
        </div>
      </div>
      {confirming ? (
        <form
          onSubmit={submit}
          onKeyDown={(e) => e.key === "Escape" && cancel()}
          aria-label={on ? "Turn stop-the-line off" : "Turn stop-the-line on"}
          className="flex flex-wrap items-end gap-2 text-sm"
        >
          <label className="flex flex-col gap-1">
            <span className="font-medium">{on ? "Why resume? (optional)" : "Why stop the line? (required)"}</span>
            <input
              autoFocus
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={500}
              placeholder={
                on ? "e.g. incident INC-4711 resolved" : "e.g. incident INC-4711: checkpoint storage degraded"
              }
              aria-invalid={error?.reason ? true : undefined}
              aria-describedby={error?.reason ? "stop-reason-error" : undefined}
              className="w-96 rounded border border-slate-300 px-2 py-1 aria-[invalid=true]:border-red-600"
            />
            {error?.reason ? (
              <span id="stop-reason-error" role="alert" className="text-xs text-red-700">
                {error.reason}
              </span>
            ) : null}
          </label>
          <button
            type="submit"
            disabled={pending}
            className={`rounded px-3 py-1.5 font-semibold text-white disabled:opacity-50 ${on ? "bg-emerald-700 hover:bg-emerald-800" : "bg-red-600 hover:bg-red-700"}`}
          >
            {pending ? "Saving…" : on ? "Confirm: let upgrades start again" : "Confirm: stop every new upgrade"}
          </button>
          <button type="button" onClick={cancel} className="px-2 py-1.5 text-slate-600 hover:underline">
            Cancel
          </button>
          {error && !error.reason ? (
            <p role="alert" className="w-full text-red-700">
              {error.message}
            </p>
          ) : null}
        </form>
      ) : null}
    </section>
  );
}
