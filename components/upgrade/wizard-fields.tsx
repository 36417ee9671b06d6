import type { ReactNode } from "react";

/** What a control needs so assistive tech reads its hint and error with it. */
export interface FieldAria {
  "aria-describedby"?: string;
  "aria-invalid"?: true;
}

export function fieldId(label: string): string {
  return `f-${label.replace(/\W+/g, "-").toLowerCase()}`;
}

export function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string[];
  hint?: ReactNode;
  children: (id: string, aria: FieldAria) => ReactNode;
}) {
  const id = fieldId(label);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error?.length ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      {children(id, { "aria-describedby": describedBy, ...(errorId ? { "aria-invalid": true } : {}) })}
      {hint ? (
        <span id={hintId} className="text-xs text-slate-500">
          {hint}
        </span>
      ) : null}
      {errorId ? (
        <span id={errorId} className="flex flex-col text-xs text-red-700">
          {error!.map((e) => (
            <span key={e} role="alert">
              {e}
            </span>
          ))}
        </span>
      ) : null}
    </div>
  );
}

export function Check({
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

export function NumberField({
  label,
  value,
  onChange,
  error,
  hint,
  step = "1",
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string[];
  hint?: string;
  step?: string;
}) {
  return (
    <Field label={label} error={error} hint={hint}>
      {(id, aria) => (
        <input
          id={id}
          type="number"
          min="0"
          step={step}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          className="w-full rounded border border-slate-300 px-2 py-1 aria-[invalid=true]:border-red-600"
          {...aria}
        />
      )}
    </Field>
  );
}
