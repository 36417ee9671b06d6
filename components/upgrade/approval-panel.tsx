"use client";

import { useState, useTransition } from "react";
import { approveUpgradeAction, rejectUpgradeAction } from "@/app/actions/upgrades";
import type { RunView } from "@/lib/upgrades/queries";
import { formatRuntime } from "@/lib/format";
import { LocalTime } from "@/components/ui/local-time";
import { RiskBreakdown } from "@/components/app/risk-breakdown";
import { useHydrated } from "@/components/ui/use-hydrated";

/** What the signed-in user may do with a request (checked again on the server). */
export interface ApprovalPermissions {
  decide: boolean;
  /** The signed-in user's id: a requester sees their request but cannot decide it. */
  userId: string;
}

const decided: Record<string, string> = {
  REJECTED: "Rejected",
  EXPIRED: "Expired",
  VOIDED: "Voided",
  CANCELLED: "Withdrawn",
};

/** The four-eyes request on the run page: the preflight and risk the requester saw, and the decision. */
export function ApprovalPanel({
  run,
  may,
  onDecided,
}: {
  run: RunView & { approval: NonNullable<RunView["approval"]> };
  may: ApprovalPermissions;
  onDecided: () => void;
}) {
  const { request, expiresAt, decidedBy, decidedAt, note } = run.approval;
  const waiting = run.state === "AWAITING_APPROVAL";
  const mine = request.requestedBy === may.userId;
  return (
    <section
      className="space-y-3 rounded border border-amber-300 bg-amber-50/60 p-4 text-sm"
      aria-labelledby="approval-heading"
      data-testid="approval-panel"
    >
      <h2 id="approval-heading" className="text-base font-semibold">
        Four-eyes approval
      </h2>
      <p>
        Requested by <strong>{request.requestedBy}</strong> at <LocalTime iso={request.requestedAt} /> because:{" "}
        {request.reasons.join("; ")}.
        {waiting && expiresAt ? (
          <>
            {" "}
            Expires at <LocalTime iso={expiresAt} />.
          </>
        ) : null}
      </p>
      <dl
        className="grid grid-cols-[max-content_minmax(0,1fr)] [overflow-wrap:anywhere] gap-x-4 gap-y-1"
        aria-label="Preflight the requester saw"
      >
        <dt className="text-slate-600">Runtime</dt>
        <dd>
          {formatRuntime(request.preflight.from)} → {formatRuntime(request.preflight.to)}
        </dd>
        <dt className="text-slate-600">New code</dt>
        <dd>
          <code className="text-xs">{request.preflight.codeKey ?? "unchanged"}</code>
        </dd>
        {request.preflight.code ? (
          <>
            <dt className="text-slate-600">Code scan</dt>
            <dd data-testid="approval-code-scan">
              {request.preflight.code.override ? (
                <span className="text-red-800">
                  Will break ({request.preflight.code.breaks.join(", ")}); the requester overrode it:{" "}
                  <q>{request.preflight.code.override}</q>
                </span>
              ) : request.preflight.code.warnings.length ? (
                `Warnings: ${request.preflight.code.warnings.join(", ")}`
              ) : (
                request.preflight.code.status
              )}
            </dd>
          </>
        ) : null}
        <dt className="text-slate-600">Application version</dt>
        <dd>{request.preflight.versionId} (a change to the application voids this request)</dd>
        <dt className="text-slate-600">State restore</dt>
        <dd>{request.preflight.restore}</dd>
      </dl>
      <RiskBreakdown risk={request.risk} />
      {waiting ? (
        mine ? (
          <p className="font-medium" data-testid="approval-waiting">
            Waiting for a second person: you asked for this upgrade, so you cannot approve it yourself.
          </p>
        ) : may.decide ? (
          <Decide runId={run.id} onDecided={onDecided} />
        ) : (
          <p className="font-medium" data-testid="approval-waiting">
            Waiting for an approver.
          </p>
        )
      ) : (
        <p className="font-medium" data-testid="approval-decision">
          {run.outcome && decided[run.outcome] ? decided[run.outcome] : "Approved"}
          {decidedBy ? ` by ${decidedBy}` : ""}
          {decidedAt ? (
            <>
              {" "}
              at <LocalTime iso={decidedAt} />
            </>
          ) : null}
          {note ? `: ${note}` : ""}
        </p>
      )}
    </section>
  );
}

function Decide({ runId, onDecided }: { runId: string; onDecided: () => void }) {
  const [note, setNote] = useState("");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const isHydrated = useHydrated();

  function decide(send: () => ReturnType<typeof approveUpgradeAction>) {
    setError(null);
    startTransition(async () => {
      const result = await send().catch((e: unknown) => ({
        ok: false as const,
        error: `The server did not answer (${e instanceof Error ? e.message : String(e)}); try again.`,
        fieldErrors: undefined,
      }));
      if (!result.ok) setError(result.fieldErrors?.reason?.[0] ?? result.error);
      onDecided();
    });
  }

  return (
    <div className="grid gap-4 md:grid-cols-2">
      <form
        className="space-y-2"
        aria-label="Approve"
        onSubmit={(e) => {
          e.preventDefault();
          decide(() => approveUpgradeAction({ runId, note: note || undefined }));
        }}
      >
        <label className="flex flex-col gap-1">
          <span className="font-medium">Note (optional)</span>
          <input
            value={note}
            onChange={(e) => setNote(e.target.value)}
            className="rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <button
          type="submit"
          disabled={pending || !isHydrated}
          className="rounded bg-emerald-700 px-3 py-1.5 font-semibold text-white hover:bg-emerald-800 disabled:opacity-50"
        >
          {pending ? "Saving…" : "Approve and start"}
        </button>
      </form>
      <form
        className="space-y-2"
        aria-label="Reject"
        onSubmit={(e) => {
          e.preventDefault();
          decide(() => rejectUpgradeAction({ runId, reason }));
        }}
      >
        <label className="flex flex-col gap-1">
          <span className="font-medium">Why reject? (required)</span>
          <input
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            className="rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <button
          type="submit"
          disabled={pending || !isHydrated}
          className="rounded border border-red-400 bg-white px-3 py-1.5 font-semibold text-red-800 hover:bg-red-50 disabled:opacity-50"
        >
          Reject
        </button>
      </form>
      {error ? (
        <p role="alert" className="text-red-700 md:col-span-2">
          {error}
        </p>
      ) : null}
    </div>
  );
}
