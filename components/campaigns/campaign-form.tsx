"use client";

import { useHydrated } from "@/components/ui/use-hydrated";
import { useRouter } from "next/navigation";
import { useEffect, useReducer, useRef, useState, useTransition, type ReactNode } from "react";
import { createCampaignAction, previewCampaignAction } from "@/app/actions/campaigns";
import type { CampaignFormOptions } from "@/lib/campaigns/form-options";
import type { Preview } from "@/lib/campaigns/verbs";
import { formatRuntime } from "@/lib/format";
import { runtimeLabel } from "@/lib/risk/runtimes";
import {
  formReducer,
  initialFormState,
  issuesToFieldErrors,
  placeErrors,
  stageFieldId,
  toCampaignInput,
  type CancelMode,
  type MaxRisk,
  type PlacedErrors,
  type StageRow,
} from "./form-state";
import { PlanPreview } from "./plan-preview";

// The campaign schema with zod (~29 KiB gzipped) is needed only to check a form being sent: it is not in the
// page's first load.
const loadSchema = () => import("@/lib/campaigns/definition");

const noErrors: PlacedErrors = { byField: {}, other: [] };
const input = "rounded border border-slate-300 bg-white px-2 py-1 aria-[invalid=true]:border-red-600";

type Outcome<T> =
  { ok: true; data: T } | { ok: false; error: string; fieldErrors?: Record<string, string[] | undefined> };

/** A thrown action (server down, a deploy in between) would reach the error boundary and drop every field. */
function unreachable(e: unknown) {
  return {
    ok: false as const,
    error: `The server did not answer (${e instanceof Error ? e.message : String(e)}); your entries are kept, try again.`,
  };
}

export function CampaignForm({ options }: { options: CampaignFormOptions }) {
  const router = useRouter();
  const [state, dispatch] = useReducer(
    formReducer,
    options.targetRuntimes.includes("FLINK-2_2") ? "FLINK-2_2" : (options.targetRuntimes[0] ?? "FLINK-2_2"),
    initialFormState,
  );
  const [errors, setErrors] = useState<PlacedErrors>(noErrors);
  const [message, setMessage] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ data: Preview; sent: string } | null>(null);
  const [refusals, setRefusals] = useState(0);
  const isHydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  const [busy, setBusy] = useState<"preview" | "create" | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const alert = useRef<HTMLDivElement>(null);
  const moved = useRef<string | null>(null);

  // After a refusal, land on the first field it is about (keyboard and screen-reader users hear why), else the alert.
  useEffect(() => {
    if (refusals === 0) return;
    const invalid = form.current?.querySelector<HTMLElement>('[aria-invalid="true"], [data-invalid]');
    (invalid ?? alert.current)?.focus();
  }, [refusals]);

  // A moved stage row keeps the focus on the button that moved it.
  useEffect(() => {
    if (!moved.current) return;
    document.getElementById(moved.current)?.focus();
    moved.current = null;
  }, [state.stages]);

  const sent = toCampaignInput(state);
  const sentJson = JSON.stringify(sent);

  function refuse(error: string, fieldErrors: Record<string, string[] | undefined> | undefined) {
    setMessage(error);
    setErrors(fieldErrors ? placeErrors(fieldErrors, sent, state.stages) : noErrors);
    setRefusals((n) => n + 1);
  }

  /** Checks with the schema the action parses, then sends; a refusal keeps every field as typed. */
  async function submit<T>(
    kind: "preview" | "create",
    send: (raw: unknown) => Promise<Outcome<T>>,
    done: (data: T) => void,
  ) {
    setBusy(kind);
    const { CampaignInput } = await loadSchema();
    const checked = CampaignInput.safeParse(sent);
    if (!checked.success) {
      setBusy(null);
      refuse("Some fields need attention.", issuesToFieldErrors(checked.error.issues));
      return;
    }
    startTransition(async () => {
      const result = await send(sent).catch(unreachable);
      setBusy(null);
      if (!result.ok) {
        refuse(result.error, "fieldErrors" in result ? result.fieldErrors : undefined);
        return;
      }
      setMessage(null);
      setErrors(noErrors);
      done(result.data);
    });
  }

  const onPreview = () =>
    void submit("preview", previewCampaignAction, (data) => setPreview({ data: data as Preview, sent: sentJson }));
  const onCreate = () =>
    void submit("create", createCampaignAction, (data) =>
      router.push(`/campaigns/${(data as { campaignId: string }).campaignId}`),
    );

  const err = (field: string) => errors.byField[field];

  return (
    <div className="space-y-6">
      <form
        ref={form}
        aria-label="New campaign"
        // The schema (zod) loads once a person starts on the form, so it is there by the time they send it.
        onFocusCapture={() => void loadSchema()}
        noValidate
        className="space-y-5 text-sm"
        onSubmit={(e) => {
          e.preventDefault();
          onPreview();
        }}
      >
        {message ? (
          <div
            ref={alert}
            tabIndex={-1}
            role="alert"
            className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800"
            data-testid="campaign-form-error"
          >
            <p>{message}</p>
            {errors.other.length ? (
              <ul className="mt-1 list-disc pl-5">
                {errors.other.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}

        <Section title="Campaign">
          <div className="grid gap-4 md:grid-cols-2">
            <Field id="campaign-name" label="Name" error={err("name")}>
              {(aria) => (
                <input
                  id="campaign-name"
                  {...aria}
                  value={state.name}
                  maxLength={80}
                  onChange={(e) => dispatch({ type: "text", field: "name", value: e.target.value })}
                  placeholder="e.g. Flink 2.2, dev first"
                  className={input}
                />
              )}
            </Field>
            <Field id="campaign-target" label="Target runtime" error={err("targetRuntime")}>
              {(aria) => (
                <select
                  id="campaign-target"
                  {...aria}
                  value={state.targetRuntime}
                  onChange={(e) => dispatch({ type: "text", field: "targetRuntime", value: e.target.value })}
                  className={input}
                >
                  {options.targetRuntimes.map((r) => (
                    <option key={r} value={r}>
                      {formatRuntime(r)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        </Section>

        <Section
          title="Selection"
          hint="An application is selected when it matches every filter given (regions, runtimes, tags); the lines under Include are added, those under Exclude always left out. No filter and no include selects nothing."
          error={err("selection")}
          errorId="selection-error"
        >
          <div className="grid gap-4 md:grid-cols-2">
            <CheckList
              legend="Regions"
              hint="none ticked: every region"
              values={options.regions}
              checked={state.regions}
              onToggle={(value) => dispatch({ type: "toggle", list: "regions", value })}
              error={err("selection.regions")}
              id="selection-regions"
            />
            <CheckList
              legend="Runtimes"
              hint="none ticked: every runtime"
              values={options.runtimes}
              format={(r) => (formatRuntime(r) === r ? runtimeLabel(r) : formatRuntime(r))}
              checked={state.runtimes}
              onToggle={(value) => dispatch({ type: "toggle", list: "runtimes", value })}
              error={err("selection.runtimes")}
              id="selection-runtimes"
            />
            <Field
              id="selection-tags"
              label="Tags"
              error={err("selection.tags")}
              hint={`key=value, comma-separated; all must match.${options.tagKeys.length ? ` Keys in the inventory: ${options.tagKeys.join(", ")}.` : ""}`}
            >
              {(aria) => (
                <input
                  id="selection-tags"
                  {...aria}
                  value={state.tags}
                  onChange={(e) => dispatch({ type: "text", field: "tags", value: e.target.value })}
                  placeholder="env=dev, team=commerce"
                  className={`${input} font-mono text-xs`}
                />
              )}
            </Field>
            <Field
              id="selection-max-risk"
              label="Highest risk"
              error={err("selection.maxRisk")}
              hint="riskier applications are skipped"
            >
              {(aria) => (
                <select
                  id="selection-max-risk"
                  {...aria}
                  value={state.maxRisk}
                  onChange={(e) => dispatch({ type: "maxRisk", value: e.target.value as MaxRisk })}
                  className={input}
                >
                  <option value="low">low</option>
                  <option value="medium">medium</option>
                  <option value="high">high</option>
                </select>
              )}
            </Field>
            <Field
              id="selection-include"
              label="Include"
              error={err("selection.include")}
              hint="one account/region/name per line"
            >
              {(aria) => (
                <textarea
                  id="selection-include"
                  {...aria}
                  rows={3}
                  value={state.include}
                  onChange={(e) => dispatch({ type: "text", field: "include", value: e.target.value })}
                  placeholder="123456789012/us-east-1/orders-enricher"
                  className={`${input} font-mono text-xs`}
                />
              )}
            </Field>
            <Field
              id="selection-exclude"
              label="Exclude"
              error={err("selection.exclude")}
              hint="one account/region/name per line"
            >
              {(aria) => (
                <textarea
                  id="selection-exclude"
                  {...aria}
                  rows={3}
                  value={state.exclude}
                  onChange={(e) => dispatch({ type: "text", field: "exclude", value: e.target.value })}
                  placeholder="123456789012/eu-west-1/fx-rates-joiner"
                  className={`${input} font-mono text-xs`}
                />
              )}
            </Field>
          </div>
        </Section>

        <Section
          title="Code keys"
          hint="Where each application's rebuilt code is: a CSV line wins, then the pattern, then its current key when that is already built for the target."
          error={err("codeKeys")}
          errorId="code-keys-error"
        >
          <div className="grid gap-4 md:grid-cols-2">
            <Field
              id="code-pattern"
              label="Pattern"
              error={err("codeKeys.pattern")}
              hint="{name} and {region} are replaced; empty: no pattern"
            >
              {(aria) => (
                <input
                  id="code-pattern"
                  {...aria}
                  value={state.pattern}
                  onChange={(e) => dispatch({ type: "text", field: "pattern", value: e.target.value })}
                  className={`${input} font-mono text-xs`}
                />
              )}
            </Field>
            <div className="flex flex-col gap-1">
              <Field
                id="code-csv"
                label="CSV"
                error={err("codeKeys.csv")}
                hint="region,name,codeKey per line; a header line is allowed"
              >
                {(aria) => (
                  <textarea
                    id="code-csv"
                    {...aria}
                    rows={4}
                    value={state.csv}
                    onChange={(e) => dispatch({ type: "text", field: "csv", value: e.target.value })}
                    placeholder="us-east-1,orders-enricher,orders-enricher-2.2.0.jar"
                    className={`${input} font-mono text-xs`}
                  />
                )}
              </Field>
              <label className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
                Fill it from a file:
                <input
                  type="file"
                  accept=".csv,text/csv,text/plain"
                  className="text-xs file:mr-2 file:rounded file:border file:border-slate-300 file:bg-white file:px-2 file:py-0.5"
                  onChange={async (e) => {
                    const file = e.target.files?.[0];
                    if (file) dispatch({ type: "text", field: "csv", value: await file.text() });
                  }}
                />
              </label>
            </div>
          </div>
        </Section>

        <Section
          title="Stages"
          hint="Run in order; an application goes to the first stage whose tags it carries (no tags: every application left)."
          error={err("stages")}
          errorId="stages-error"
        >
          <ol className="space-y-3" aria-label="Stages">
            {state.stages.map((stage, index) => (
              <StageEditor
                key={stage.key}
                stage={stage}
                index={index}
                count={state.stages.length}
                errorOf={(field) => err(stageFieldId(stage.key, field))}
                onText={(field, value) => dispatch({ type: "stageText", key: stage.key, field, value })}
                onGate={(value) => dispatch({ type: "stageGate", key: stage.key, value })}
                onMove={(by) => {
                  moved.current = stageFieldId(stage.key, by < 0 ? "up" : "down");
                  dispatch({ type: "moveStage", key: stage.key, by });
                }}
                onRemove={() => dispatch({ type: "removeStage", key: stage.key })}
              />
            ))}
          </ol>
          <button
            type="button"
            onClick={() => dispatch({ type: "addStage" })}
            disabled={state.stages.length >= 10}
            className="mt-3 rounded border border-slate-300 bg-white px-3 py-1 hover:bg-slate-100 disabled:opacity-50"
          >
            Add stage
          </button>
        </Section>

        <Section title="Run options">
          <div className="flex flex-col gap-3">
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={state.autoRollback}
                onChange={(e) => dispatch({ type: "autoRollback", value: e.target.checked })}
              />
              Roll an application back automatically when its health check finds it UNHEALTHY
            </label>
            <fieldset>
              <legend className="font-medium">When the campaign is cancelled, runs in flight…</legend>
              <div className="mt-1 flex flex-wrap gap-4">
                {(
                  [
                    ["finish", "finish"],
                    ["rollback", "are rolled back"],
                  ] as [CancelMode, string][]
                ).map(([value, label]) => (
                  <label key={value} className="flex items-center gap-2">
                    <input
                      type="radio"
                      name="cancelMode"
                      value={value}
                      checked={state.cancelMode === value}
                      onChange={() => dispatch({ type: "cancelMode", value })}
                    />
                    {label}
                  </label>
                ))}
              </div>
            </fieldset>
          </div>
        </Section>

        <div className="flex flex-wrap items-center gap-3">
          <button
            type="submit"
            disabled={pending || busy !== null || !isHydrated}
            className="rounded border border-sky-700 bg-white px-4 py-2 font-semibold text-sky-800 hover:bg-sky-50 disabled:opacity-50"
          >
            {busy === "preview" ? "Previewing…" : "Preview"}
          </button>
          <button
            type="button"
            onClick={onCreate}
            disabled={pending || busy !== null || !isHydrated}
            className="rounded bg-sky-700 px-4 py-2 font-semibold text-white hover:bg-sky-800 disabled:opacity-50"
          >
            {busy === "create" ? "Creating…" : "Create campaign"}
          </button>
          <p className="text-xs text-slate-600" aria-live="polite">
            {preview && !busy
              ? `Preview ready: ${preview.data.plan.stages.reduce((n, s) => n + s.apps.length, 0)} applications, ${preview.data.plan.skipped.length} skipped.`
              : "Creating saves a draft: nothing starts until someone presses Start on its page."}
          </p>
        </div>
      </form>

      {preview ? (
        <PlanPreview preview={preview.data} targetRuntime={state.targetRuntime} isStale={preview.sent !== sentJson} />
      ) : null}
    </div>
  );
}

function Section({
  title,
  hint,
  error,
  errorId,
  children,
}: {
  title: string;
  hint?: string;
  error?: string[];
  errorId?: string;
  children: ReactNode;
}) {
  return (
    <fieldset
      className="rounded border border-slate-200 bg-white p-4"
      aria-describedby={error?.length ? errorId : undefined}
    >
      <legend className="px-1 text-base font-semibold">{title}</legend>
      {hint ? <p className="mb-3 text-xs text-slate-600">{hint}</p> : null}
      {error?.length ? (
        <div
          id={errorId}
          tabIndex={-1}
          data-invalid
          className="mb-3 rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800"
        >
          {error.map((m) => (
            <p key={m}>{m}</p>
          ))}
        </div>
      ) : null}
      {children}
    </fieldset>
  );
}

interface Aria {
  "aria-describedby"?: string;
  "aria-invalid"?: true;
}

function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string[];
  children: (aria: Aria) => ReactNode;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error?.length ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      {children({ "aria-describedby": describedBy, ...(errorId ? { "aria-invalid": true } : {}) })}
      {hint ? (
        <span id={hintId} className="text-xs text-slate-500">
          {hint}
        </span>
      ) : null}
      {errorId ? (
        <span id={errorId} className="flex flex-col text-xs text-red-700">
          {error!.map((m) => (
            <span key={m}>{m}</span>
          ))}
        </span>
      ) : null}
    </div>
  );
}

function CheckList({
  id,
  legend,
  hint,
  values,
  checked,
  onToggle,
  format = (v) => v,
  error,
}: {
  id: string;
  legend: string;
  hint: string;
  values: string[];
  checked: string[];
  onToggle: (value: string) => void;
  format?: (value: string) => string;
  error?: string[];
}) {
  const errorId = error?.length ? `${id}-error` : undefined;
  return (
    <fieldset aria-describedby={[errorId, `${id}-hint`].filter(Boolean).join(" ")}>
      <legend className="font-medium">{legend}</legend>
      <span id={`${id}-hint`} className="text-xs text-slate-500">
        {hint}
      </span>
      {values.length === 0 ? (
        <p className="text-xs text-slate-500">The inventory is empty: sync the fleet first.</p>
      ) : (
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {values.map((v) => (
            <label key={v} className="flex items-center gap-1.5">
              <input
                type="checkbox"
                checked={checked.includes(v)}
                onChange={() => onToggle(v)}
                {...(errorId ? { "aria-invalid": true } : {})}
              />
              {format(v)}
            </label>
          ))}
        </div>
      )}
      {errorId ? (
        <span id={errorId} className="text-xs text-red-700">
          {error!.join(" ")}
        </span>
      ) : null}
    </fieldset>
  );
}

type StageTextField = "name" | "selector" | "maxConcurrency" | "errorBudget" | "soakMinutes";

function StageEditor({
  stage,
  index,
  count,
  errorOf,
  onText,
  onGate,
  onMove,
  onRemove,
}: {
  stage: StageRow;
  index: number;
  count: number;
  errorOf: (field: string) => string[] | undefined;
  onText: (field: StageTextField, value: string) => void;
  onGate: (value: boolean) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const label = `stage ${index + 1}${stage.name ? ` (${stage.name})` : ""}`;
  const text = (field: StageTextField, name: string, hint: string | undefined, className: string, placeholder = "") => {
    const id = stageFieldId(stage.key, field);
    return (
      <Field id={id} label={name} hint={hint} error={errorOf(field)}>
        {(aria) => (
          <input
            id={id}
            {...aria}
            value={stage[field]}
            placeholder={placeholder}
            onChange={(e) => onText(field, e.target.value)}
            className={`${input} ${className}`}
          />
        )}
      </Field>
    );
  };
  return (
    <li
      className="rounded border border-slate-200 bg-slate-50/60 p-3"
      data-testid="stage-row"
      aria-label={`Stage ${index + 1}`}
    >
      <div className="mb-2 flex items-center justify-between gap-2">
        <span className="font-semibold">Stage {index + 1}</span>
        <div className="flex gap-1">
          <button
            type="button"
            id={stageFieldId(stage.key, "up")}
            onClick={() => onMove(-1)}
            disabled={index === 0}
            aria-label={`Move ${label} up`}
            className="rounded border border-slate-300 bg-white px-2 py-0.5 hover:bg-slate-100 disabled:opacity-40"
          >
            ↑
          </button>
          <button
            type="button"
            id={stageFieldId(stage.key, "down")}
            onClick={() => onMove(1)}
            disabled={index === count - 1}
            aria-label={`Move ${label} down`}
            className="rounded border border-slate-300 bg-white px-2 py-0.5 hover:bg-slate-100 disabled:opacity-40"
          >
            ↓
          </button>
          <button
            type="button"
            onClick={onRemove}
            disabled={count === 1}
            aria-label={`Remove ${label}`}
            className="rounded border border-slate-300 bg-white px-2 py-0.5 text-red-700 hover:bg-red-50 disabled:opacity-40"
          >
            Remove
          </button>
        </div>
      </div>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[1fr_1.4fr_0.8fr_0.8fr_0.7fr]">
        {text("name", "Stage name", undefined, "", "dev")}
        {text("selector", "Stage tags", "key=value, comma-separated; empty: all left", "font-mono text-xs", "env=dev")}
        {text("maxConcurrency", "Max concurrency", '"5" or "10%"', "")}
        {text("errorBudget", "Error budget", 'failures allowed: "1" or "5%"', "")}
        {text("soakMinutes", "Soak (min)", undefined, "")}
      </div>
      <label className="mt-2 flex items-center gap-2">
        <input type="checkbox" checked={stage.gate} onChange={(e) => onGate(e.target.checked)} />
        An approver releases the next stage after this one
      </label>
    </li>
  );
}
