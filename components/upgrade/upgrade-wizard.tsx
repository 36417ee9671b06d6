"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { startUpgradeAction, type FieldErrors } from "@/app/actions/upgrades";
import type { RiskAssessment } from "@/lib/risk";
import { formatRuntime } from "@/lib/format";
import { RiskBadge } from "@/components/ui/badge";

export interface WizardApp {
  region: string;
  name: string;
  runtime: string;
  status: string;
  versionId: number;
  codeKey: string | null;
  rollbackEnabled: boolean;
  snapshotsEnabled: boolean;
}

export interface PolicyDefaults {
  observationSeconds: number;
  restartThreshold: number;
  failedCheckpointThreshold: number;
  checkpointDurationFactor: number;
}

export function UpgradeWizard({
  app,
  targets,
  policy,
}: {
  app: WizardApp;
  targets: { target: string; risk: RiskAssessment }[];
  policy: PolicyDefaults;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [stage, setStage] = useState<"configure" | "preflight">("configure");
  const [target, setTarget] = useState(
    targets.find((t) => t.target === "FLINK-2_2")?.target ?? targets.at(-1)?.target ?? "",
  );
  const [codeKey, setCodeKey] = useState("");
  const [enableRollback, setEnableRollback] = useState(true);
  const [enableSnapshots, setEnableSnapshots] = useState(true);
  const [takeSnapshot, setTakeSnapshot] = useState(app.status === "RUNNING");
  const [autoRollback, setAutoRollback] = useState(true);
  const [policyValues, setPolicyValues] = useState(
    () =>
      Object.fromEntries(Object.entries(policy).map(([k, v]) => [k, String(v)])) as Record<
        keyof PolicyDefaults,
        string
      >,
  );
  const [confirmName, setConfirmName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [pending, startTransition] = useTransition();
  const firstField = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    if (open && stage === "configure") firstField.current?.focus();
  }, [open, stage]);

  const chosen = targets.find((t) => t.target === target);
  const majorJump = /^FLINK-1_/.test(app.runtime) && /^FLINK-2_/.test(target);
  const sameKey = codeKey.trim() !== "" && app.codeKey !== null && codeKey.trim() === app.codeKey;
  const blocked = chosen?.risk.level === "blocked";
  const needsName = chosen?.risk.level === "high";

  if (targets.length === 0)
    return <p className="text-sm text-slate-600">No newer Flink runtime is available for this application.</p>;
  if (!open) {
    return (
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="rounded bg-sky-700 px-4 py-2 text-sm font-semibold text-white hover:bg-sky-800"
      >
        Upgrade…
      </button>
    );
  }

  function review() {
    const errors: FieldErrors = {};
    if (majorJump && !codeKey.trim())
      errors.codeKey = ["A major upgrade needs application code rebuilt for the target: give its S3 key."];
    setFieldErrors(errors);
    if (Object.keys(errors).length === 0) setStage("preflight");
  }

  function submit() {
    setError(null);
    startTransition(async () => {
      const result = await startUpgradeAction({
        region: app.region,
        name: app.name,
        targetRuntime: target,
        codeKey,
        expectedVersionId: app.versionId,
        enableRollback,
        enableSnapshots,
        takeSnapshot,
        confirmName,
        policy: { ...policyValues, autoRollback },
      });
      if (result.ok) {
        router.push(`/upgrades/${result.data.runId}`);
        return;
      }
      setError(result.error);
      setFieldErrors(result.fieldErrors ?? {});
      if (result.fieldErrors && Object.keys(result.fieldErrors).some((k) => k !== "confirmName")) setStage("configure");
    });
  }

  return (
    <section
      data-testid="upgrade-wizard"
      aria-label="Upgrade wizard"
      className="rounded border border-sky-200 bg-sky-50/40 p-4"
    >
      <ol className="mb-4 flex gap-4 text-sm" aria-label="Wizard steps">
        <li className={stage === "configure" ? "font-semibold" : "text-slate-500"}>1. Configure</li>
        <li className={stage === "preflight" ? "font-semibold" : "text-slate-500"}>2. Preflight</li>
      </ol>
      {error ? (
        <p role="alert" className="mb-3 rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}

      {stage === "configure" ? (
        <div className="grid gap-4 text-sm md:grid-cols-2">
          <Field label="Target runtime" error={fieldErrors.targetRuntime}>
            {(id) => (
              <select
                id={id}
                ref={firstField}
                value={target}
                onChange={(e) => setTarget(e.target.value)}
                className="rounded border border-slate-300 bg-white px-2 py-1"
              >
                {targets.map((t) => (
                  <option key={t.target} value={t.target}>
                    {formatRuntime(t.target)} — risk {t.risk.level}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            label="New code S3 key"
            error={fieldErrors.codeKey}
            hint={app.codeKey ? `Current: ${app.codeKey}` : undefined}
          >
            {(id) => (
              <input
                id={id}
                value={codeKey}
                onChange={(e) => setCodeKey(e.target.value)}
                placeholder={`${app.name}-flink-2.2.jar`}
                className="rounded border border-slate-300 px-2 py-1 font-mono text-xs"
              />
            )}
          </Field>
          {sameKey ? (
            <p role="status" className="rounded bg-amber-50 px-2 py-1 text-amber-900 md:col-span-2">
              This is the current file. AWS advises a new file name for the upgraded build, so a rollback can find the
              old one.
            </p>
          ) : null}

          <fieldset className="space-y-1 md:col-span-2">
            <legend className="mb-1 font-medium">Safety (runbook steps 3–4)</legend>
            <Check
              checked={enableRollback || app.rollbackEnabled}
              disabled={app.rollbackEnabled}
              onChange={setEnableRollback}
              label={
                app.rollbackEnabled
                  ? "System rollback is already on"
                  : "Turn on system rollback (MSF reverts a failing update by itself)"
              }
            />
            <Check
              checked={enableSnapshots || app.snapshotsEnabled}
              disabled={app.snapshotsEnabled}
              onChange={setEnableSnapshots}
              label={
                app.snapshotsEnabled
                  ? "Automatic snapshots are already on"
                  : "Turn on automatic snapshots (without them an update loses state)"
              }
            />
            <Check
              checked={takeSnapshot}
              disabled={app.status !== "RUNNING"}
              onChange={setTakeSnapshot}
              label={
                app.status === "RUNNING"
                  ? `Take a named snapshot pre-${target.toLowerCase().replace("_", "-")}-upgrade-<time> and wait until READY`
                  : "Stopped application: MSF restores from the snapshot it took at stop"
              }
            />
          </fieldset>

          <fieldset className="grid grid-cols-2 gap-3 md:col-span-2 md:grid-cols-4">
            <legend className="mb-1 font-medium">Health policy (after RUNNING)</legend>
            <NumberField
              label="Observation window (s)"
              name="observationSeconds"
              values={policyValues}
              set={setPolicyValues}
              errors={fieldErrors}
            />
            <NumberField
              label="Restart threshold"
              name="restartThreshold"
              values={policyValues}
              set={setPolicyValues}
              errors={fieldErrors}
            />
            <NumberField
              label="Failed-checkpoint threshold"
              name="failedCheckpointThreshold"
              values={policyValues}
              set={setPolicyValues}
              errors={fieldErrors}
            />
            <NumberField
              label="Checkpoint-duration factor (×)"
              name="checkpointDurationFactor"
              values={policyValues}
              set={setPolicyValues}
              errors={fieldErrors}
              step="0.1"
            />
            <div className="col-span-2 md:col-span-4">
              <Check
                checked={autoRollback}
                onChange={setAutoRollback}
                label="Roll back automatically when the verdict is UNHEALTHY (otherwise ask me)"
              />
            </div>
          </fieldset>
          {app.status === "READY" ? (
            <p className="rounded bg-slate-100 px-2 py-1 md:col-span-2">
              This application is stopped: it is upgraded without an observation phase; MSF checks the snapshot and
              runtime when it next starts.
            </p>
          ) : null}
          <div className="flex gap-2 md:col-span-2">
            <button
              type="button"
              onClick={review}
              className="rounded bg-sky-700 px-4 py-2 font-semibold text-white hover:bg-sky-800"
            >
              Review preflight
            </button>
            <button
              type="button"
              onClick={() => setOpen(false)}
              className="rounded px-3 py-2 text-slate-600 hover:underline"
            >
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <Preflight app={app} target={target} risk={chosen?.risk} codeKey={codeKey}>
          {blocked ? (
            <p role="alert" className="font-medium text-red-800">
              This upgrade is blocked: {chosen?.risk.summary}
            </p>
          ) : needsName ? (
            <Field label={`High risk: type ${app.name} to confirm`} error={fieldErrors.confirmName}>
              {(id) => (
                <input
                  id={id}
                  value={confirmName}
                  onChange={(e) => setConfirmName(e.target.value)}
                  autoComplete="off"
                  className="rounded border border-slate-300 px-2 py-1 font-mono"
                />
              )}
            </Field>
          ) : null}
          <div className="mt-3 flex gap-2">
            <button
              type="button"
              onClick={submit}
              disabled={pending || blocked || (needsName && confirmName !== app.name)}
              className="rounded bg-sky-700 px-4 py-2 font-semibold text-white hover:bg-sky-800 disabled:opacity-50"
            >
              {pending ? "Starting…" : "Start upgrade"}
            </button>
            <button
              type="button"
              onClick={() => setStage("configure")}
              className="rounded px-3 py-2 text-slate-600 hover:underline"
            >
              Back
            </button>
          </div>
        </Preflight>
      )}
    </section>
  );
}

function Preflight({
  app,
  target,
  risk,
  codeKey,
  children,
}: {
  app: WizardApp;
  target: string;
  risk?: RiskAssessment;
  codeKey: string;
  children: React.ReactNode;
}) {
  return (
    <div className="space-y-3 text-sm" data-testid="preflight">
      <p>
        {app.name}: {formatRuntime(app.runtime)} → <strong>{formatRuntime(target)}</strong>
        {codeKey ? (
          <>
            {" "}
            with code <code className="text-xs">{codeKey}</code>
          </>
        ) : null}
      </p>
      {risk ? (
        <>
          <p className="flex items-center gap-2">
            <RiskBadge level={risk.level} score={risk.score} /> {risk.summary}
          </p>
          <ul className="list-disc space-y-1 pl-5">
            {risk.factors.map((f) => (
              <li key={f.id} className={f.blocking ? "font-medium text-red-800" : undefined}>
                {f.title} — <span className="text-slate-600">{f.evidence}</span>. {f.remediation}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {children}
    </div>
  );
}

function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string[];
  hint?: string;
  children: (id: string) => React.ReactNode;
}) {
  const id = `f-${label.replace(/\W+/g, "-").toLowerCase()}`;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      {children(id)}
      {hint ? <span className="text-xs text-slate-500">{hint}</span> : null}
      {error?.map((e) => (
        <span key={e} role="alert" className="text-xs text-red-700">
          {e}
        </span>
      ))}
    </div>
  );
}

function Check({
  checked,
  disabled,
  onChange,
  label,
}: {
  checked: boolean;
  disabled?: boolean;
  onChange: (v: boolean) => void;
  label: string;
}) {
  return (
    <label className="flex items-center gap-2">
      <input type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
      <span className={disabled ? "text-slate-500" : undefined}>{label}</span>
    </label>
  );
}

function NumberField({
  label,
  name,
  values,
  set,
  errors,
  step = "1",
}: {
  label: string;
  name: keyof PolicyDefaults;
  values: Record<keyof PolicyDefaults, string>;
  set: (v: Record<keyof PolicyDefaults, string>) => void;
  errors: FieldErrors;
  step?: string;
}) {
  return (
    <Field label={label} error={errors[`policy.${name}`]}>
      {(id) => (
        <input
          id={id}
          type="number"
          min="0"
          step={step}
          value={values[name]}
          onChange={(e) => set({ ...values, [name]: e.target.value })}
          className="w-full rounded border border-slate-300 px-2 py-1"
        />
      )}
    </Field>
  );
}
