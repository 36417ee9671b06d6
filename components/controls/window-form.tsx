"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { createWindowAction } from "@/app/actions/controls";
import type { FieldErrors } from "@/lib/actions/action";
import { Field } from "@/components/upgrade/wizard-fields";

interface WindowForm {
  name: string;
  kind: "allow" | "deny";
  cron: string;
  durationMinutes: string;
  timeZone: string;
  tags: string;
  accounts: string;
  regions: string;
}

const blank: WindowForm = {
  name: "",
  kind: "deny",
  cron: "",
  durationMinutes: "60",
  timeZone: "UTC",
  tags: "",
  accounts: "",
  regions: "",
};

const input = "rounded border border-slate-300 px-2 py-1 aria-[invalid=true]:border-red-600";

/** Which applications the window applies to: free-text lists the server's schema reads and checks. */
const selectorFields = [
  {
    key: "tags",
    label: "Tags (optional)",
    hint: "key=value, comma-separated; all must match. Empty: any tags.",
    placeholder: "env=prod, team=payments",
  },
  {
    key: "accounts",
    label: "Accounts (optional)",
    hint: "12-digit account IDs, comma-separated. Empty: every account.",
    placeholder: "210987654321",
  },
  {
    key: "regions",
    label: "Regions (optional)",
    hint: "comma-separated. Empty: every region.",
    placeholder: "eu-west-1, us-east-1",
  },
] as const;

/** Adds a window. A refusal keeps what was typed and puts each reason under its field (the server's schema decides). */
export function WindowForm({ zones }: { zones: string[] }) {
  const router = useRouter();
  const [form, setForm] = useState<WindowForm>(blank);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [added, setAdded] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);
  const set =
    <K extends keyof WindowForm>(key: K) =>
    (value: WindowForm[K]) =>
      setForm((f) => ({ ...f, [key]: value }));

  // Land on the first field a refusal is about, so keyboard and screen-reader users hear why.
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [fieldErrors]);

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    setAdded(null);
    startTransition(async () => {
      const { tags, accounts, regions, ...rest } = form;
      const result = await createWindowAction({ ...rest, selector: { tags, accounts, regions } }).catch(
        (err: unknown) => ({
          ok: false as const,
          error: `The server did not answer (${err instanceof Error ? err.message : String(err)}); try again.`,
          fieldErrors: undefined,
        }),
      );
      if (!result.ok) {
        setError(result.error);
        setFieldErrors(result.fieldErrors ?? {});
        return;
      }
      setAdded(form.name);
      setForm(blank);
      setFieldErrors({});
      router.refresh();
    });
  }

  return (
    <form
      ref={formRef}
      onSubmit={submit}
      aria-labelledby="window-form-heading"
      className="space-y-3 rounded border border-slate-200 bg-white p-4 text-sm"
      data-testid="window-form"
      noValidate
    >
      <h3 id="window-form-heading" className="text-base font-semibold">
        Add a window
      </h3>
      <div className="grid gap-3 md:grid-cols-3">
        <Field label="Name" error={fieldErrors.name}>
          {(id, aria) => (
            <input
              id={id}
              value={form.name}
              onChange={(e) => set("name")(e.target.value)}
              maxLength={80}
              placeholder="e.g. Weekday office hours"
              className={input}
              {...aria}
            />
          )}
        </Field>
        <fieldset className="flex flex-col gap-1">
          <legend className="mb-1 font-medium">Kind</legend>
          <div
            className="flex gap-4"
            aria-describedby={fieldErrors.kind ? "window-kind-error" : "window-kind-hint"}
            role="radiogroup"
          >
            {(["deny", "allow"] as const).map((kind) => (
              <label key={kind} className="flex items-center gap-1">
                <input
                  type="radio"
                  name="window-kind"
                  value={kind}
                  checked={form.kind === kind}
                  onChange={() => set("kind")(kind)}
                  {...(fieldErrors.kind ? { "aria-invalid": true } : {})}
                />
                {kind === "deny" ? "Deny (freeze)" : "Allow (change window)"}
              </label>
            ))}
          </div>
          {fieldErrors.kind ? (
            <span id="window-kind-error" role="alert" className="text-xs text-red-700">
              {fieldErrors.kind.join(" ")}
            </span>
          ) : (
            <span id="window-kind-hint" className="text-xs text-slate-500">
              Deny wins. With an allow window, its applications change only inside one.
            </span>
          )}
        </fieldset>
        <Field
          label="Cron (starts)"
          error={fieldErrors.cron}
          hint="minute hour day-of-month month day-of-week, e.g. 0 9 * * 1-5"
        >
          {(id, aria) => (
            <input
              id={id}
              value={form.cron}
              onChange={(e) => set("cron")(e.target.value)}
              placeholder="0 9 * * 1-5"
              spellCheck={false}
              className={`${input} font-mono`}
              {...aria}
            />
          )}
        </Field>
        <Field label="Duration (minutes)" error={fieldErrors.durationMinutes} hint="1 to 10080 (7 days)">
          {(id, aria) => (
            <input
              id={id}
              type="number"
              min="1"
              max="10080"
              step="1"
              value={form.durationMinutes}
              onChange={(e) => set("durationMinutes")(e.target.value)}
              className={input}
              {...aria}
            />
          )}
        </Field>
        <Field
          label="Time zone"
          error={fieldErrors.timeZone}
          hint={
            <button
              type="button"
              className="text-sky-700 hover:underline"
              onClick={() => set("timeZone")(Intl.DateTimeFormat().resolvedOptions().timeZone)}
            >
              Use my time zone
            </button>
          }
        >
          {(id, aria) => (
            <>
              <input
                id={id}
                list="time-zones"
                value={form.timeZone}
                onChange={(e) => set("timeZone")(e.target.value)}
                placeholder="Europe/Berlin"
                spellCheck={false}
                className={input}
                {...aria}
              />
              <datalist id="time-zones">
                {zones.map((z) => (
                  <option key={z} value={z} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <div />
        {selectorFields.map(({ key, label, hint, placeholder }) => (
          <Field key={key} label={label} error={fieldErrors[`selector.${key}`]} hint={hint}>
            {(id, aria) => (
              <input
                id={id}
                value={form[key]}
                onChange={(e) => set(key)(e.target.value)}
                placeholder={placeholder}
                spellCheck={false}
                className={input}
                {...aria}
              />
            )}
          </Field>
        ))}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-sky-700 px-3 py-1.5 font-semibold text-white hover:bg-sky-800 disabled:opacity-50"
        >
          {pending ? "Adding…" : "Add window"}
        </button>
        {error ? (
          <p role="alert" className="text-red-700">
            {error}
          </p>
        ) : null}
        {added ? (
          <p role="status" className="text-emerald-700">
            Added “{added}”.
          </p>
        ) : null}
      </div>
    </form>
  );
}
