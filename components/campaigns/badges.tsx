import { campaignOutcomeLabels, campaignStateLabels, targetStateLabels } from "./format";

const campaignStyles: Record<string, string> = {
  DRAFT: "bg-slate-100 text-slate-700 ring-slate-300",
  AWAITING_APPROVAL: "bg-amber-50 text-amber-900 ring-amber-300",
  RUNNING: "bg-sky-50 text-sky-800 ring-sky-300",
  PAUSED: "bg-amber-50 text-amber-900 ring-amber-300",
  CANCELLING: "bg-orange-50 text-orange-900 ring-orange-300",
};

const outcomeStyles: Record<string, string> = {
  COMPLETED: "bg-emerald-100 text-emerald-800 ring-emerald-300",
  STOPPED: "bg-red-100 text-red-800 ring-red-300",
  CANCELLED: "bg-slate-200 text-slate-800 ring-slate-300",
};

/** The campaign's state, or once DONE its outcome. */
export function CampaignStateBadge({ state, outcome }: { state: string; outcome: string | null }) {
  const done = state === "DONE" && outcome;
  const style = done ? outcomeStyles[outcome] : campaignStyles[state];
  return (
    <span
      className={`inline-flex rounded px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${style ?? "bg-white text-slate-700 ring-slate-300"}`}
      data-testid="campaign-state"
      data-state={state}
      data-outcome={outcome ?? undefined}
    >
      {done ? (campaignOutcomeLabels[outcome] ?? outcome) : (campaignStateLabels[state] ?? state)}
    </span>
  );
}

const targetStyles: Record<string, string> = {
  PENDING: "bg-slate-100 text-slate-700",
  STARTED: "bg-sky-100 text-sky-800",
  SUCCEEDED: "bg-emerald-100 text-emerald-800",
  UNVERIFIED: "bg-amber-100 text-amber-900",
  FAILED: "bg-red-100 text-red-800",
  LATE_FAILED: "bg-red-100 text-red-800",
  CANCELLED: "bg-slate-200 text-slate-800",
  SKIPPED: "bg-slate-200 text-slate-800",
};

export function TargetStateBadge({ state }: { state: string }) {
  return (
    <span
      className={`inline-flex rounded px-2 py-0.5 text-xs font-semibold whitespace-nowrap ${targetStyles[state] ?? "bg-slate-100 text-slate-700"}`}
      data-target-state={state}
    >
      {targetStateLabels[state] ?? state}
    </span>
  );
}
