const outcomeStyles: Record<string, string> = {
  SUCCEEDED: "bg-emerald-100 text-emerald-800",
  AUTO_ROLLED_BACK: "bg-amber-100 text-amber-900",
  ROLLED_BACK: "bg-amber-100 text-amber-900",
  FAILED: "bg-red-100 text-red-800",
  STUCK: "bg-orange-200 text-orange-900",
  UNVERIFIED: "bg-amber-100 text-amber-900",
  CANCELLED: "bg-slate-200 text-slate-800",
  REJECTED: "bg-slate-200 text-slate-800",
  EXPIRED: "bg-slate-200 text-slate-800",
  VOIDED: "bg-slate-200 text-slate-800",
  IN_PROGRESS: "bg-sky-100 text-sky-800",
};

export const outcomeLabels: Record<string, string> = {
  SUCCEEDED: "Succeeded",
  AUTO_ROLLED_BACK: "Rolled back by MSF",
  ROLLED_BACK: "Rolled back",
  FAILED: "Failed",
  STUCK: "Stuck",
  UNVERIFIED: "Kept, not proven healthy",
  CANCELLED: "Cancelled",
  REJECTED: "Rejected",
  EXPIRED: "Approval expired",
  VOIDED: "Approval voided",
  IN_PROGRESS: "In progress",
};

export function OutcomeBadge({ outcome }: { outcome: string }) {
  return (
    <span
      className={`inline-flex rounded px-2 py-0.5 text-xs font-semibold ${outcomeStyles[outcome] ?? "bg-slate-200 text-slate-700"}`}
      title={outcome}
      data-outcome={outcome}
    >
      {outcomeLabels[outcome] ?? outcome}
    </span>
  );
}

const verdictStyles: Record<string, string> = {
  HEALTHY: "text-emerald-700",
  DEGRADED: "text-amber-700",
  UNHEALTHY: "font-semibold text-red-700",
  INCONCLUSIVE: "text-slate-600",
};

export function VerdictText({ verdict }: { verdict: string | null }) {
  return verdict ? (
    <span className={verdictStyles[verdict] ?? ""}>{verdict}</span>
  ) : (
    <span className="text-slate-500">—</span>
  );
}
