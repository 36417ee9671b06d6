"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { requestApprovalAction, startUpgradeAction } from "@/app/actions/upgrades";
import type { FieldErrors } from "@/lib/actions/action";
import type { RiskAssessment } from "@/lib/risk";
import { formatRuntime } from "@/lib/format";
import { RiskBadge } from "@/components/ui/badge";
import type { RestoreSettings, SnapshotChoice } from "@/lib/upgrades/restore-settings";
import { describeRestore } from "@/lib/upgrades/restore-settings";
import { RestoreFields, restoreFormOf, RestoreWarning, type RestoreForm } from "./restore-fields";
import { Check, Field, NumberField } from "./wizard-fields";
import { NewCodeScan, scanAllowsSubmit, useNewCodeScan } from "./new-code-scan";

export interface WizardApp {
  account: string;
  region: string;
  name: string;
  runtime: string;
  status: string;
  versionId: number;
  codeKey: string | null;
  rollbackEnabled: boolean;
  snapshotsEnabled: boolean;
  /** What DescribeApplication says the next start restores; preselected. */
  restore: RestoreSettings;
  snapshots: SnapshotChoice[];
}

export interface PolicyDefaults {
  observationSeconds: number;
  restartThreshold: number;
  failedCheckpointThreshold: number;
  checkpointDurationFactor: number;
}

const POLICY_FIELDS: { name: keyof PolicyDefaults; label: string; step?: string }[] = [
  { name: "observationSeconds", label: "Observation window (s)" },
  { name: "restartThreshold", label: "Restart threshold" },
  { name: "failedCheckpointThreshold", label: "Failed-checkpoint threshold" },
  { name: "checkpointDurationFactor", label: "Checkpoint-duration factor (×)", step: "0.1" },
];

export interface UpgradeWizardProps {
  app: WizardApp;
  /** Per target: its risk, and why its upgrade needs a second person's approval (empty: it needs none). */
  targets: { target: string; risk: RiskAssessment; approval: string[] }[];
  policy: PolicyDefaults;
}

/** The open wizard; UpgradeLauncher loads it when the engineer asks for it, and `onClose` puts the button back. */
export function UpgradeWizard({ app, targets, policy, onClose }: UpgradeWizardProps & { onClose: () => void }) {
  const router = useRouter();
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
  const [restore, setRestore] = useState<RestoreForm>(() => restoreFormOf(app.restore));
  const [confirmName, setConfirmName] = useState("");
  const [scanOverride, setScanOverride] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [pending, startTransition] = useTransition();
  const firstField = useRef<HTMLSelectElement>(null);
  const section = useRef<HTMLElement>(null);

  // Land on the first field a refusal is about (keyboard and screen-reader users hear why), else on the first one.
  useEffect(() => {
    const invalid = section.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (invalid) invalid.focus();
    else if (stage === "configure") firstField.current?.focus();
    else section.current?.querySelector<HTMLElement>("[data-step-heading]")?.focus();
  }, [stage, fieldErrors]);

  const chosen = targets.find((t) => t.target === target);
  const majorJump = /^FLINK-1_/.test(app.runtime) && /^FLINK-2_/.test(target);
  const sameKey = codeKey.trim() !== "" && app.codeKey !== null && codeKey.trim() === app.codeKey;
  const blocked = chosen?.risk.level === "blocked";
  const needsName = chosen?.risk.level === "high";
  const approval = chosen?.approval ?? [];
  const codeScan = useNewCodeScan(app, codeKey.trim(), stage === "preflight" && /^FLINK-2_/.test(target));

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
      // A thrown action (server down, deploy in between) would reach the error boundary and drop every field.
      const send = approval.length ? requestApprovalAction : startUpgradeAction;
      const result = await send({
        account: app.account,
        region: app.region,
        name: app.name,
        targetRuntime: target,
        codeKey,
        expectedVersionId: app.versionId,
        enableRollback,
        enableSnapshots,
        takeSnapshot,
        confirmName,
        scanOverride,
        policy: { ...policyValues, autoRollback },
        restore,
      }).catch((e: unknown) => ({
        ok: false as const,
        error: `The server did not answer (${e instanceof Error ? e.message : String(e)}); your entries are kept, try again.`,
        fieldErrors: undefined,
      }));
      if (result.ok) {
        router.push(`/upgrades/${result.data.runId}`);
        return;
      }
      setError(result.error);
      setFieldErrors(result.fieldErrors ?? {});
      // A scan finding is answered on the preflight (fix the build, or override with a reason); the rest on the form.
      const onPreflight = new Set([
        "confirmName",
        "scanOverride",
        ...(result.fieldErrors?.scanOverride ? ["codeKey"] : []),
      ]);
      if (result.fieldErrors && Object.keys(result.fieldErrors).some((k) => !onPreflight.has(k))) setStage("configure");
    });
  }

  return (
    <section
      ref={section}
      data-testid="upgrade-wizard"
      aria-label="Upgrade wizard"
      onKeyDown={(e) => {
        if (e.key === "Escape" && !pending) onClose();
      }}
      className="rounded border border-sky-200 bg-sky-50/40 p-4"
    >
      <ol className="mb-4 flex gap-4 text-sm" aria-label="Wizard steps">
        <li
          aria-current={stage === "configure" ? "step" : undefined}
          className={stage === "configure" ? "font-semibold" : "text-slate-600"}
        >
          1. Configure
        </li>
        <li
          aria-current={stage === "preflight" ? "step" : undefined}
          className={stage === "preflight" ? "font-semibold" : "text-slate-600"}
        >
          2. Preflight
        </li>
      </ol>
      {error ? (
        <p role="alert" className="mb-3 rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}

      {stage === "configure" ? (
        <div className="grid gap-4 text-sm md:grid-cols-2">
          <Field label="Target runtime" error={fieldErrors.targetRuntime}>
            {(id, aria) => (
              <select
                id={id}
                ref={firstField}
                {...aria}
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
            {(id, aria) => (
              <input
                id={id}
                {...aria}
                value={codeKey}
                onChange={(e) => setCodeKey(e.target.value)}
                placeholder={`${app.name}-flink-2.2.jar`}
                className="rounded border border-slate-300 px-2 py-1 font-mono text-xs aria-[invalid=true]:border-red-600"
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

          <fieldset className="grid gap-3 sm:grid-cols-2 md:col-span-2">
            <legend className="mb-1 font-medium">Health policy (after RUNNING)</legend>
            {POLICY_FIELDS.map(({ name, label, step }) => (
              <NumberField
                key={name}
                label={label}
                step={step}
                value={policyValues[name]}
                onChange={(v) => setPolicyValues((values) => ({ ...values, [name]: v }))}
                error={fieldErrors[`policy.${name}`]}
              />
            ))}
            <div className="sm:col-span-2">
              <Check
                checked={autoRollback}
                onChange={setAutoRollback}
                label="Roll back automatically when the verdict is UNHEALTHY (otherwise ask me)"
              />
            </div>
          </fieldset>

          <RestoreFields
            current={app.restore}
            value={restore}
            onChange={setRestore}
            snapshots={app.snapshots}
            errors={fieldErrors}
          />
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
            <button type="button" onClick={onClose} className="rounded px-3 py-2 text-slate-600 hover:underline">
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <Preflight app={app} target={target} risk={chosen?.risk} codeKey={codeKey} restore={restore}>
          {blocked ? (
            <p role="alert" className="font-medium text-red-800">
              This upgrade is blocked: {chosen?.risk.summary}
            </p>
          ) : needsName ? (
            <Field label={`High risk: type ${app.name} to confirm`} error={fieldErrors.confirmName}>
              {(id, aria) => (
                <input
                  id={id}
                  {...aria}
                  value={confirmName}
                  onChange={(e) => setConfirmName(e.target.value)}
                  autoComplete="off"
                  className="rounded border border-slate-300 px-2 py-1 font-mono"
                />
              )}
            </Field>
          ) : null}
          <NewCodeScan
            query={codeScan}
            override={scanOverride}
            onOverride={setScanOverride}
            errors={{ codeKey: fieldErrors.codeKey, scanOverride: fieldErrors.scanOverride }}
          />
          {approval.length && !blocked ? (
            <p
              data-testid="approval-needed"
              className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900"
            >
              This upgrade needs a second person&apos;s approval ({approval.join("; ")}). An approver sees this
              preflight and starts the upgrade by approving it; you cannot approve your own request.
            </p>
          ) : null}
          <div className="mt-3 flex gap-2">
            <button
              type="button"
              onClick={submit}
              disabled={
                pending ||
                blocked ||
                (needsName && confirmName !== app.name) ||
                !scanAllowsSubmit(codeScan, scanOverride)
              }
              className="rounded bg-sky-700 px-4 py-2 font-semibold text-white hover:bg-sky-800 disabled:opacity-50"
            >
              {approval.length
                ? pending
                  ? "Requesting…"
                  : "Request approval"
                : pending
                  ? "Starting…"
                  : "Start upgrade"}
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
  restore,
  children,
}: {
  app: WizardApp;
  target: string;
  risk?: RiskAssessment;
  codeKey: string;
  restore: RestoreForm;
  children: React.ReactNode;
}) {
  const restoreChanged = describeRestore(restore) !== describeRestore(app.restore);
  return (
    <div className="space-y-3 text-sm" data-testid="preflight">
      <h3 tabIndex={-1} data-step-heading className="text-base font-semibold">
        Preflight: check before you start
      </h3>
      <p>
        {app.name}: {formatRuntime(app.runtime)} → <strong>{formatRuntime(target)}</strong>
        {codeKey ? (
          <>
            {" "}
            with code <code className="text-xs">{codeKey}</code>
          </>
        ) : null}
      </p>
      <p data-testid="preflight-restore">
        Restore: <code className="text-xs">{describeRestore(restore)}</code>
        {restoreChanged ? (
          <span className="text-slate-600">
            {" "}
            (now <code className="text-xs">{describeRestore(app.restore)}</code>)
          </span>
        ) : null}
      </p>
      <RestoreWarning type={restore.applicationRestoreType} />
      {risk ? (
        <>
          <p className="flex items-center gap-2">
            <RiskBadge level={risk.level} score={risk.score} /> {risk.summary}
          </p>
          <ul className="list-disc space-y-1 pl-5">
            {risk.factors.map((f) => (
              <li key={f.id} className={f.blocking ? "font-medium text-red-800" : undefined}>
                {f.title} — <span className="text-slate-600">{f.evidence}</span>.{" "}
                {restoreChanged && f.id.startsWith("restore-")
                  ? "That is the current setting; this upgrade sends your choice above instead."
                  : f.remediation}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {children}
    </div>
  );
}
