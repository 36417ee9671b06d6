"use client";

import type { RunView } from "@/lib/upgrades/queries";
import { formatDuration, formatOrdinal, formatRuntime } from "@/lib/format";
import { useNow } from "@/components/ui/local-time";
import { RollbackForm } from "./rollback-form";

const outcomeStyle: Record<string, string> = {
  SUCCEEDED: "border-emerald-300 bg-emerald-50 text-emerald-900",
  AUTO_ROLLED_BACK: "border-amber-300 bg-amber-50 text-amber-900",
  ROLLED_BACK: "border-amber-300 bg-amber-50 text-amber-900",
  UNVERIFIED: "border-amber-300 bg-amber-50 text-amber-900",
  CANCELLED: "border-slate-300 bg-slate-50 text-slate-900",
  REJECTED: "border-slate-300 bg-slate-50 text-slate-900",
  EXPIRED: "border-slate-300 bg-slate-50 text-slate-900",
  VOIDED: "border-slate-300 bg-slate-50 text-slate-900",
  FAILED: "border-red-300 bg-red-50 text-red-900",
  STUCK: "border-red-300 bg-red-50 text-red-900",
};

function outcomeSentence(run: RunView): string | null {
  switch (run.outcome) {
    case "SUCCEEDED":
      return `${run.appName} runs ${formatRuntime(run.toRuntime)}${run.verdict ? `; verdict ${run.verdict}` : ""}.`;
    case "AUTO_ROLLED_BACK":
      return `The update failed and MSF rolled ${run.appName} back to ${formatRuntime(run.fromRuntime)} by itself. ${sentence(run.rollbackReason)}`;
    case "ROLLED_BACK":
      return `Rolled back ${run.rolledBackBy === "auto" ? "automatically by the dashboard" : `by ${run.rolledBackBy}`}: ${sentence(run.rollbackReason)}`;
    case "UNVERIFIED":
      return `${run.appName} stays on ${formatRuntime(run.toRuntime)}, but its health was never proven${run.verdict ? ` (last verdict ${run.verdict})` : ""}.`;
    case "CANCELLED":
      return `Cancelled before the update was sent: ${run.appName} still runs ${formatRuntime(run.fromRuntime)}.`;
    case "REJECTED":
      return `Rejected by ${run.approval?.decidedBy ?? "an approver"}: ${sentence(run.approval?.note ?? null)} Nothing was sent to AWS.`;
    case "EXPIRED":
      return `Nobody approved the request in time. Nothing was sent to AWS; ask again if it is still wanted.`;
    case "VOIDED":
      return `${run.appName} changed after the request, so its approval no longer held. Nothing was sent to AWS.`;
    case "FAILED":
      return sentence(run.error);
    default:
      return null;
  }
}

export function StatusBanner({ run }: { run: RunView }) {
  const now = useNow(new Date(run.createdAt).getTime());
  const elapsed = (run.finishedAt ? new Date(run.finishedAt).getTime() : now) - new Date(run.createdAt).getTime();
  if (run.state === "DONE") {
    return (
      <div
        tabIndex={-1}
        className={`rounded border px-4 py-3 ${outcomeStyle[run.outcome ?? ""] ?? "border-slate-300 bg-white"}`}
        data-testid="run-outcome"
      >
        <p className="text-base font-semibold">Outcome: {run.outcome}</p>
        <p className="text-sm">
          {outcomeSentence(run)} Took {formatDuration(elapsed)}.
        </p>
      </div>
    );
  }
  return (
    <div className="rounded border border-sky-300 bg-sky-50 px-4 py-3 text-sky-900" data-testid="run-progress">
      <p className="font-semibold">
        {run.state === "AWAITING_APPROVAL"
          ? "Waiting for a second person's approval; nothing has been sent to AWS"
          : `${run.state === "NEEDS_DECISION" ? "Waiting for your decision" : "In progress"}: ${run.step.replace("-", " ")}`}{" "}
        · {formatDuration(elapsed)}
      </p>
      {run.state === "AWAITING_APPROVAL" ? null : <p className="text-sm">AWS reports: {run.awsStatus ?? "—"}</p>}
      {run.retry ? (
        <p className="text-sm text-amber-900" data-testid="run-retry">
          Retrying ({formatOrdinal(run.retry.attempt)} attempt, {run.retry.reason})
          {run.retry.since ? ` for ${formatDuration(now - new Date(run.retry.since).getTime())}` : ""}
        </p>
      ) : null}
      {run.pendingCommand ? (
        <p className="text-sm font-medium">
          Your {run.pendingCommand} request is recorded; it applies as soon as the current AWS call returns.
        </p>
      ) : null}
    </div>
  );
}

/**
 * What a screen reader hears when the run moves on: the step, a wait for a decision, the outcome. Changes of this
 * text are announced (the run page keeps it in one live region); the banner's ticking clock is not.
 */
export function runAnnouncement(run: RunView): string {
  if (run.state === "DONE") return `Outcome: ${run.outcome}. ${outcomeSentence(run) ?? ""}`.trim();
  if (run.state === "AWAITING_APPROVAL") return "Waiting for a second person's approval.";
  if (run.state === "NEEDS_DECISION") return `Waiting for your decision: ${decisionHeadline(run)}`;
  return `In progress: ${run.step.replace("-", " ")}.`;
}

/** Ends a reason with a full stop so the next sentence reads. */
function sentence(text: string | null): string {
  if (!text) return "";
  return /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}

function decisionHeadline(run: RunView): string {
  if (run.outcome === "STUCK")
    return `${run.appName} is stuck in UPDATING. Roll back to the version before the update, or keep waiting.`;
  if (run.verdict === "UNHEALTHY")
    return `${run.appName} is UNHEALTHY on ${formatRuntime(run.toRuntime)} although MSF reports RUNNING. Your policy asks you to decide.`;
  if (run.verdict === "DEGRADED") return `${run.appName} runs ${formatRuntime(run.toRuntime)}, but DEGRADED.`;
  return `${run.appName} is not proven healthy on ${formatRuntime(run.toRuntime)}.`;
}

/** What the signed-in user's roles allow on a run (checked again on the server). */
export interface RunPermissions {
  rollback: boolean;
  control: boolean;
}

export function Decision({
  run,
  onAbort,
  pending,
  may,
}: {
  run: RunView;
  onAbort: () => void;
  pending: boolean;
  may: RunPermissions;
}) {
  const stuck = run.outcome === "STUCK";
  const observing = run.step === "observe";
  return (
    <div
      role="alert"
      className="space-y-3 rounded border-2 border-red-400 bg-red-50 p-4 text-red-900"
      data-testid="run-decision"
    >
      <p className="font-semibold">{decisionHeadline(run)}</p>
      {run.decisionReason ? <p className="text-sm">{run.decisionReason}</p> : null}
      <div className="flex flex-wrap items-start gap-3">
        {run.updateCalledAt && may.rollback ? <RollbackForm target={{ runId: run.id }} label="Roll back now" /> : null}
        {!stuck && observing && may.control ? (
          <button
            type="button"
            onClick={onAbort}
            disabled={pending}
            className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-100"
          >
            {run.verdict === "DEGRADED"
              ? `Accept DEGRADED and keep ${formatRuntime(run.toRuntime)}`
              : `Keep ${formatRuntime(run.toRuntime)} without proof (UNVERIFIED)`}
          </button>
        ) : null}
      </div>
    </div>
  );
}
