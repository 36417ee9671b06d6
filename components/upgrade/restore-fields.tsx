import { FACTORS } from "@/lib/risk/weights";
import {
  RESTORE_TYPE_LABELS,
  RESTORE_TYPES,
  type RestoreSettings,
  type RestoreType,
  type SnapshotChoice,
  describeRestore,
} from "@/lib/upgrades/restore-settings";
import { formatAge } from "@/lib/format";
import { Check, Field } from "./wizard-fields";

export interface RestoreForm {
  applicationRestoreType: RestoreType;
  snapshotName: string;
  allowNonRestoredState: boolean;
}

export function restoreFormOf(current: RestoreSettings): RestoreForm {
  return { ...current, snapshotName: current.snapshotName ?? "" };
}

const WARNINGS: Partial<Record<RestoreType, (typeof FACTORS)["restore-skips-snapshot"]>> = {
  SKIP_RESTORE_FROM_SNAPSHOT: FACTORS["restore-skips-snapshot"],
  RESTORE_FROM_CUSTOM_SNAPSHOT: FACTORS["restore-custom-snapshot"],
};

export function RestoreFields({
  current,
  value,
  onChange,
  snapshots,
  errors,
}: {
  current: RestoreSettings;
  value: RestoreForm;
  onChange: (value: RestoreForm) => void;
  snapshots: SnapshotChoice[];
  errors: Record<string, string[] | undefined>;
}) {
  const typeError = errors["restore.applicationRestoreType"];
  return (
    <fieldset className="space-y-2 md:col-span-2" aria-describedby="restore-current">
      <legend className="mb-1 font-medium">State on the new runtime</legend>
      <p id="restore-current" className="text-xs text-slate-600">
        Now: {describeRestore(current)}. The upgrade sends what you choose here; an update without it would reset
        AllowNonRestoredState to false.
      </p>
      <div
        role="radiogroup"
        aria-label="Restore from"
        aria-describedby={typeError ? "restore-type-error" : undefined}
        className="flex flex-col gap-1"
      >
        {RESTORE_TYPES.map((type) => (
          <label key={type} className="flex items-center gap-2">
            <input
              type="radio"
              name="restore-type"
              value={type}
              checked={value.applicationRestoreType === type}
              onChange={() => onChange({ ...value, applicationRestoreType: type })}
              {...(typeError ? { "aria-invalid": true } : {})}
            />
            <span>
              {RESTORE_TYPE_LABELS[type]}
              {type === current.applicationRestoreType ? <span className="text-slate-500"> (current)</span> : null}
            </span>
          </label>
        ))}
      </div>
      {typeError ? (
        <span id="restore-type-error" role="alert" className="text-xs text-red-700">
          {typeError.join(" ")}
        </span>
      ) : null}
      {value.applicationRestoreType === "RESTORE_FROM_CUSTOM_SNAPSHOT" ? (
        <SnapshotField value={value} onChange={onChange} snapshots={snapshots} error={errors["restore.snapshotName"]} />
      ) : null}
      <Check
        checked={value.allowNonRestoredState}
        onChange={(allowNonRestoredState) => onChange({ ...value, allowNonRestoredState })}
        label="Allow non-restored state (drop the state of operators the new job no longer has, instead of failing)"
      />
      <RestoreWarning type={value.applicationRestoreType} />
    </fieldset>
  );
}

/** The risk model's words for a restore that does not carry the pre-upgrade state over. */
export function RestoreWarning({ type }: { type: RestoreType }) {
  const warning = WARNINGS[type];
  if (!warning) return null;
  return (
    <p role="status" className="rounded bg-amber-50 px-2 py-1 text-amber-900">
      {warning.title}: {warning.why}{" "}
      <a href={warning.docUrl} target="_blank" rel="noreferrer" className="underline">
        AWS guide
      </a>
    </p>
  );
}

function SnapshotField({
  value,
  onChange,
  snapshots,
  error,
}: {
  value: RestoreForm;
  onChange: (value: RestoreForm) => void;
  snapshots: SnapshotChoice[];
  error?: string[];
}) {
  const ready = snapshots.filter((s) => s.status === "READY");
  // A preselected name the last sync did not see READY stays visible, so the server's reason makes sense.
  const isListed = value.snapshotName === "" || ready.some((s) => s.name === value.snapshotName);
  const set = (snapshotName: string) => onChange({ ...value, snapshotName });
  return (
    <Field
      label="Snapshot to restore"
      error={error}
      hint={ready.length ? undefined : "The last sync listed no READY snapshot: type its exact name."}
    >
      {(id, aria) =>
        ready.length ? (
          <select
            id={id}
            value={value.snapshotName}
            onChange={(e) => set(e.target.value)}
            className="rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs aria-[invalid=true]:border-red-600"
            {...aria}
          >
            <option value="">Choose a snapshot…</option>
            {isListed ? null : (
              <option value={value.snapshotName}>
                {value.snapshotName} (not among the READY snapshots of the last sync)
              </option>
            )}
            {ready.map((s) => (
              <option key={s.name} value={s.name}>
                {s.name} · {formatAge(s.createdAt)}
              </option>
            ))}
          </select>
        ) : (
          <input
            id={id}
            value={value.snapshotName}
            onChange={(e) => set(e.target.value)}
            autoComplete="off"
            className="rounded border border-slate-300 px-2 py-1 font-mono text-xs aria-[invalid=true]:border-red-600"
            {...aria}
          />
        )
      }
    </Field>
  );
}
