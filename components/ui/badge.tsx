const riskStyles: Record<string, string> = {
  low: "bg-emerald-100 text-emerald-800",
  medium: "bg-amber-100 text-amber-800",
  high: "bg-orange-200 text-orange-900",
  blocked: "bg-red-700 text-white",
  unknown: "bg-slate-200 text-slate-700",
};

const statusStyles: Record<string, string> = {
  RUNNING: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  READY: "bg-slate-50 text-slate-700 ring-slate-200",
  UPDATING: "bg-sky-50 text-sky-700 ring-sky-200",
  ROLLING_BACK: "bg-amber-50 text-amber-800 ring-amber-200",
};

export function RiskBadge({ level, score }: { level: string; score?: number }) {
  return (
    <span
      className={`inline-flex items-center gap-1 rounded px-2 py-0.5 text-xs font-semibold ${riskStyles[level] ?? riskStyles.unknown}`}
    >
      {level}
      {score !== undefined && level !== "unknown" ? <span className="font-normal">{score}</span> : null}
    </span>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return (
    <span
      className={`inline-flex rounded px-2 py-0.5 text-xs ring-1 ring-inset ${statusStyles[status] ?? "bg-white text-slate-700 ring-slate-300"}`}
    >
      {status}
    </span>
  );
}

export function YesNo({ value, good = true }: { value: boolean; good?: boolean }) {
  const ok = value === good;
  return <span className={ok ? "text-emerald-700" : "font-medium text-red-700"}>{value ? "on" : "off"}</span>;
}

const codeStyles: Record<string, string> = {
  breaks: "bg-red-600 text-white",
  warnings: "bg-amber-100 text-amber-800",
  clean: "bg-emerald-100 text-emerald-800",
  unreadable: "bg-slate-300 text-slate-800",
};

const codeLabels: Record<string, string> = {
  breaks: "will break",
  warnings: "warnings",
  clean: "clean",
  unreadable: "unreadable",
};

/** What the code scan found in the application's JAR; null: not scanned yet. */
export function CodeStatusBadge({ status }: { status: string | null }) {
  if (!status) return <span className="text-xs text-slate-500">not scanned</span>;
  return (
    <span
      className={`inline-flex rounded px-2 py-0.5 text-xs font-semibold ${codeStyles[status] ?? codeStyles.unreadable}`}
      data-code={status}
    >
      {codeLabels[status] ?? status}
    </span>
  );
}
