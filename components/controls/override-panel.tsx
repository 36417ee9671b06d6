"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { createOverrideAction, endOverrideAction } from "@/app/actions/controls";
import type { FieldErrors } from "@/lib/actions/action";
import type { ControlsView } from "@/lib/controls/queries";
import { LocalTime } from "@/components/ui/local-time";
import { Field } from "@/components/upgrade/wizard-fields";

const failed = (err: unknown) => ({
  ok: false as const,
  error: `The server did not answer (${err instanceof Error ? err.message : String(err)}); try again.`,
  fieldErrors: undefined,
});

/** The emergency override: the active one (and how to end it), or the form that lifts the calendar for a while. */
export function OverridePanel({
  override,
  recent,
  canChange,
}: {
  override: ControlsView["override"];
  recent: ControlsView["recentOverrides"];
  canChange: boolean;
}) {
  return (
    <section aria-labelledby="override-heading" className="space-y-3 rounded border border-slate-200 bg-white p-4">
      <h2 id="override-heading" className="text-base font-semibold">
        Emergency override
      </h2>
      {override ? (
        <ActiveOverride override={override} canChange={canChange} />
      ) : (
        <p className="text-sm text-slate-700" data-testid="override-none">
          No override is active: the freeze calendar holds. An override (reason, ticket, at most 24 h) lifts the
          calendar for everything; stop-the-line still holds.
        </p>
      )}
      {canChange && !override ? <OverrideForm /> : null}
      {recent.length ? (
        <details className="text-sm">
          <summary className="cursor-pointer text-slate-600">Recent overrides</summary>
          <ul className="mt-2 space-y-1">
            {recent.map((o) => (
              <li key={o.id} className="text-slate-700">
                <LocalTime iso={o.createdAt} /> → <LocalTime iso={o.until} />: {o.by}, ticket{" "}
                <span className="font-mono text-xs">{o.ticket}</span> — {o.reason}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

function ActiveOverride({
  override,
  canChange,
}: {
  override: NonNullable<ControlsView["override"]>;
  canChange: boolean;
}) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function end() {
    setError(null);
    startTransition(async () => {
      const result = await endOverrideAction({ id: override.id }).catch(failed);
      if (!result.ok) setError(result.error);
      setConfirming(false);
      router.refresh();
    });
  }

  return (
    <div className="space-y-2 rounded border-2 border-amber-400 bg-amber-50 p-3 text-sm" data-testid="override-active">
      <p className="font-semibold text-amber-900">
        Active until <LocalTime iso={override.until} />: the freeze calendar holds nothing (stop-the-line still does).
      </p>
      <p>
        By {override.by} at <LocalTime iso={override.createdAt} />, ticket{" "}
        <span className="font-mono text-xs">{override.ticket}</span>: {override.reason}
      </p>
      {canChange ? (
        confirming ? (
          <div className="flex flex-wrap items-center gap-2">
            <button
              type="button"
              autoFocus
              onClick={end}
              disabled={pending}
              className="rounded bg-amber-700 px-3 py-1.5 font-semibold text-white hover:bg-amber-800 disabled:opacity-50"
            >
              {pending ? "Ending…" : "Confirm: end the override now"}
            </button>
            <button
              type="button"
              onClick={() => setConfirming(false)}
              className="px-2 py-1.5 text-slate-600 hover:underline"
            >
              Cancel
            </button>
          </div>
        ) : (
          <button
            type="button"
            onClick={() => setConfirming(true)}
            className="rounded border border-amber-500 bg-white px-3 py-1.5 font-semibold text-amber-900 hover:bg-amber-100"
          >
            End override…
          </button>
        )
      ) : null}
      {error ? (
        <p role="alert" className="text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

const blank = { reason: "", ticket: "", hours: "2" };

function OverrideForm() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState(blank);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [pending, startTransition] = useTransition();
  const set = (key: keyof typeof blank) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));

  if (!open)
    return (
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="rounded border border-amber-400 bg-amber-50 px-3 py-1.5 text-sm font-semibold text-amber-900 hover:bg-amber-100"
      >
        Override the freeze calendar…
      </button>
    );

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    startTransition(async () => {
      const result = await createOverrideAction(form).catch(failed);
      if (!result.ok) {
        setError(result.error);
        setFieldErrors(result.fieldErrors ?? {});
        return;
      }
      setForm(blank);
      setFieldErrors({});
      setOpen(false);
      router.refresh();
    });
  }

  return (
    <form
      onSubmit={submit}
      onKeyDown={(e) => e.key === "Escape" && setOpen(false)}
      aria-label="Override the freeze calendar"
      className="grid gap-3 text-sm md:grid-cols-[2fr_1fr_auto]"
    >
      <Field label="Reason" error={fieldErrors.reason}>
        {(id, aria) => (
          <input
            id={id}
            autoFocus
            value={form.reason}
            onChange={set("reason")}
            maxLength={500}
            placeholder="e.g. hotfix for the checkout outage"
            className="rounded border border-slate-300 px-2 py-1 aria-[invalid=true]:border-red-600"
            {...aria}
          />
        )}
      </Field>
      <Field label="Ticket" error={fieldErrors.ticket}>
        {(id, aria) => (
          <input
            id={id}
            value={form.ticket}
            onChange={set("ticket")}
            maxLength={100}
            placeholder="INC-4711"
            className="rounded border border-slate-300 px-2 py-1 aria-[invalid=true]:border-red-600"
            {...aria}
          />
        )}
      </Field>
      <Field label="Hours (max 24)" error={fieldErrors.hours}>
        {(id, aria) => (
          <input
            id={id}
            type="number"
            min="0.25"
            max="24"
            step="0.25"
            value={form.hours}
            onChange={set("hours")}
            className="w-24 rounded border border-slate-300 px-2 py-1 aria-[invalid=true]:border-red-600"
            {...aria}
          />
        )}
      </Field>
      <div className="flex flex-wrap items-center gap-2 md:col-span-3">
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-amber-600 px-3 py-1.5 font-semibold text-white hover:bg-amber-700 disabled:opacity-50"
        >
          {pending ? "Saving…" : "Confirm override"}
        </button>
        <button type="button" onClick={() => setOpen(false)} className="px-2 py-1.5 text-slate-600 hover:underline">
          Cancel
        </button>
        {error ? (
          <p role="alert" className="w-full text-red-700">
            {error}
          </p>
        ) : null}
      </div>
    </form>
  );
}
