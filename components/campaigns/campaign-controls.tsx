"use client";

import { useHydrated } from "@/components/ui/use-hydrated";
import { useState, useTransition } from "react";
import {
  approveCampaignAction,
  cancelCampaignAction,
  pauseCampaignAction,
  releaseStageAction,
  resumeCampaignAction,
  startCampaignAction,
} from "@/app/actions/campaigns";
import type { CampaignView } from "@/lib/campaigns/queries";

/** What the signed-in user may do (checked again on the server). */
export interface CampaignPermissions {
  start: boolean;
  decide: boolean;
  control: boolean;
  /** the signed-in user's id: the creator never approves or releases their own campaign */
  userId: string;
}

type Result = { ok: true } | { ok: false; error: string };
const cancellable = new Set(["DRAFT", "AWAITING_APPROVAL", "RUNNING", "PAUSED"]);
const button = "rounded px-3 py-1.5 text-sm font-semibold disabled:opacity-50";
const plain = `${button} border border-slate-300 bg-white text-slate-800 hover:bg-slate-100`;

/** The buttons the campaign's state and the user's roles allow, each one server action; refusals shown as alerts. */
export function CampaignControls({
  view,
  may,
  onChanged,
}: {
  view: CampaignView;
  may: CampaignPermissions;
  onChanged: () => void;
}) {
  const isHydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [isCancelling, setIsCancelling] = useState(false);
  const [mode, setMode] = useState<"finish" | "rollback">(view.cancelMode === "rollback" ? "rollback" : "finish");
  const id = { campaignId: view.id };
  const mine = view.createdBy === may.userId;
  const gated = view.stagePhase === "GATED" && (view.state === "RUNNING" || view.state === "PAUSED");
  const next = view.stages[view.stage + 1];

  function run(send: () => Promise<Result>, after?: () => void) {
    setError(null);
    startTransition(async () => {
      const result = await send().catch((e: unknown) => ({
        ok: false as const,
        error: `The server did not answer (${e instanceof Error ? e.message : String(e)}); try again.`,
      }));
      if (!result.ok) setError(result.error);
      else after?.();
      onChanged();
    });
  }

  const waitingForSecondPerson = (what: string) =>
    mine ? (
      <p className="text-sm font-medium" data-testid="campaign-waiting-approver">
        Waiting for a second person: you created this campaign, so you cannot {what} it yourself.
      </p>
    ) : !may.decide ? (
      <p className="text-sm font-medium" data-testid="campaign-waiting-approver">
        Waiting for an approver to {what} it.
      </p>
    ) : null;

  const hasControl =
    (view.state === "DRAFT" && may.start) ||
    view.state === "AWAITING_APPROVAL" ||
    gated ||
    (may.control && cancellable.has(view.state));
  if (!hasControl && !error) return null;

  return (
    <div className="space-y-2" data-testid="campaign-controls">
      <div className="flex flex-wrap items-center gap-2">
        {view.state === "DRAFT" && may.start ? (
          <button
            type="button"
            onClick={() => run(() => startCampaignAction(id))}
            disabled={pending || !isHydrated}
            className={`${button} bg-sky-700 text-white hover:bg-sky-800`}
          >
            Start campaign
          </button>
        ) : null}
        {view.state === "AWAITING_APPROVAL"
          ? (waitingForSecondPerson("approve") ?? (
              <button
                type="button"
                onClick={() => run(() => approveCampaignAction(id))}
                disabled={pending || !isHydrated}
                className={`${button} bg-emerald-700 text-white hover:bg-emerald-800`}
              >
                Approve campaign
              </button>
            ))
          : null}
        {gated
          ? (waitingForSecondPerson("release the next wave of") ?? (
              <button
                type="button"
                onClick={() => run(() => releaseStageAction(id))}
                disabled={pending || !isHydrated}
                className={`${button} bg-emerald-700 text-white hover:bg-emerald-800`}
              >
                Release wave {view.stage + 2}
                {next ? ` (${next.name})` : ""}
              </button>
            ))
          : null}
        {view.state === "RUNNING" && may.control ? (
          <button
            type="button"
            onClick={() => run(() => pauseCampaignAction(id))}
            disabled={pending || !isHydrated}
            className={plain}
          >
            Pause
          </button>
        ) : null}
        {view.state === "PAUSED" && may.control ? (
          <button
            type="button"
            onClick={() => run(() => resumeCampaignAction(id))}
            disabled={pending || !isHydrated}
            className={`${button} bg-sky-700 text-white hover:bg-sky-800`}
          >
            Resume
          </button>
        ) : null}
        {cancellable.has(view.state) && may.control && !isCancelling ? (
          <button
            type="button"
            onClick={() => setIsCancelling(true)}
            disabled={pending || !isHydrated}
            className={`${button} border border-red-300 bg-white text-red-800 hover:bg-red-50`}
          >
            Cancel campaign…
          </button>
        ) : null}
      </div>
      {isCancelling && cancellable.has(view.state) ? (
        <form
          aria-label="Cancel the campaign"
          className="space-y-2 rounded border border-red-300 bg-red-50/60 p-3 text-sm"
          onSubmit={(e) => {
            e.preventDefault();
            run(
              () => cancelCampaignAction({ ...id, mode }),
              () => setIsCancelling(false),
            );
          }}
        >
          <fieldset>
            <legend className="font-semibold">Cancel the campaign: no new application starts. Runs in flight…</legend>
            <div className="mt-1 flex flex-col gap-1">
              <label className="flex items-center gap-2">
                <input
                  type="radio"
                  name="cancel-mode"
                  value="finish"
                  checked={mode === "finish"}
                  onChange={() => setMode("finish")}
                  autoFocus={mode === "finish"}
                />
                let runs in flight finish
              </label>
              <label className="flex items-center gap-2">
                <input
                  type="radio"
                  name="cancel-mode"
                  value="rollback"
                  checked={mode === "rollback"}
                  onChange={() => setMode("rollback")}
                  autoFocus={mode === "rollback"}
                />
                roll back runs in flight
              </label>
            </div>
          </fieldset>
          <div className="flex gap-2">
            <button
              type="submit"
              disabled={pending || !isHydrated}
              className={`${button} bg-red-700 text-white hover:bg-red-800`}
            >
              {pending ? "Cancelling…" : "Confirm cancel"}
            </button>
            <button
              type="button"
              onClick={() => setIsCancelling(false)}
              className="px-2 py-1.5 text-slate-700 hover:underline"
            >
              Keep the campaign
            </button>
          </div>
        </form>
      ) : null}
      {error ? (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}
