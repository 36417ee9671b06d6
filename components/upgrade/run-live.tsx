"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useTransition, useState } from "react";
import { abortMonitoringAction } from "@/app/actions/upgrades";
import { queryKeys } from "@/lib/query-keys";
import type { RunView } from "@/lib/upgrades/queries";
import { formatDuration, formatRuntime } from "@/lib/format";
import { LocalTime, useNow } from "@/components/ui/local-time";
import { RollbackForm } from "./rollback-form";
import { StepTimeline } from "./step-timeline";
import { VerdictPanel } from "./verdict-panel";
import { EventLog } from "./event-log";

async function fetchRun(id: string): Promise<RunView> {
  const res = await fetch(`/api/upgrades/${id}`, { cache: "no-store" });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.json();
}

const outcomeStyle: Record<string, string> = {
  SUCCEEDED: "border-emerald-300 bg-emerald-50 text-emerald-900",
  AUTO_ROLLED_BACK: "border-amber-300 bg-amber-50 text-amber-900",
  ROLLED_BACK: "border-amber-300 bg-amber-50 text-amber-900",
  FAILED: "border-red-300 bg-red-50 text-red-900",
  STUCK: "border-red-300 bg-red-50 text-red-900",
};

export function RunLive({ initial, charts }: { initial: RunView; charts?: React.ReactNode }) {
  const {
    data: run,
    error,
    refetch,
  } = useQuery({
    queryKey: queryKeys.upgradeRun(initial.id),
    queryFn: () => fetchRun(initial.id),
    initialData: initial,
    refetchInterval: (q) => (q.state.data?.state === "DONE" ? false : 1000),
  });
  const [pending, startTransition] = useTransition();
  const [actionError, setActionError] = useState<string | null>(null);
  const live = run.state !== "DONE";
  const canRollBack = live && ["update", "wait-running", "observe"].includes(run.step);

  function abort() {
    startTransition(async () => {
      const result = await abortMonitoringAction({ runId: run.id });
      if (!result.ok) setActionError(result.error);
      await refetch();
    });
  }

  return (
    <div className="space-y-5">
      {error ? (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Lost contact with the server ({(error as Error).message}); showing the last known state.
        </p>
      ) : null}
      <StatusBanner run={run} />
      {run.state === "NEEDS_DECISION" ? <Decision run={run} onAbort={abort} pending={pending} /> : null}
      {actionError ? (
        <p role="alert" className="text-sm text-red-700">
          {actionError}
        </p>
      ) : null}
      {live && run.state !== "NEEDS_DECISION" ? (
        <div className="flex flex-wrap items-start gap-3">
          {canRollBack ? <RollbackForm target={{ runId: run.id }} onDone={() => void refetch()} /> : null}
          {run.step === "observe" ? (
            <button
              type="button"
              onClick={abort}
              disabled={pending}
              className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100 disabled:opacity-50"
            >
              Stop monitoring (keep {formatRuntime(run.toRuntime)})
            </button>
          ) : null}
        </div>
      ) : null}
      <div className="grid gap-5 lg:grid-cols-[1fr_1.3fr]">
        <section className="rounded border border-slate-200 bg-white p-4">
          <h2 className="mb-3 text-base font-semibold">Steps</h2>
          <StepTimeline run={run} />
        </section>
        <section className="rounded border border-slate-200 bg-white p-4">
          <h2 className="mb-3 text-base font-semibold">Health verdict</h2>
          <VerdictPanel run={run} />
        </section>
      </div>
      {charts}
      <section className="rounded border border-slate-200 bg-white p-4">
        <h2 className="mb-3 text-base font-semibold">Events</h2>
        <EventLog events={run.events} />
      </section>
    </div>
  );
}

function StatusBanner({ run }: { run: RunView }) {
  const now = useNow(new Date(run.createdAt).getTime());
  const elapsed = (run.finishedAt ? new Date(run.finishedAt).getTime() : now) - new Date(run.createdAt).getTime();
  if (run.state === "DONE") {
    return (
      <div
        role="status"
        className={`rounded border px-4 py-3 ${outcomeStyle[run.outcome ?? ""] ?? "border-slate-300 bg-white"}`}
        data-testid="run-outcome"
      >
        <p className="text-base font-semibold">Outcome: {run.outcome}</p>
        <p className="text-sm">
          {run.outcome === "SUCCEEDED"
            ? `${run.appName} runs ${formatRuntime(run.toRuntime)}${run.verdict ? `; verdict ${run.verdict}` : ""}.`
            : null}
          {run.outcome === "AUTO_ROLLED_BACK"
            ? `The update failed and MSF rolled ${run.appName} back to ${formatRuntime(run.fromRuntime)} by itself. ${sentence(run.rollbackReason)}`
            : null}
          {run.outcome === "ROLLED_BACK"
            ? `Rolled back ${run.rolledBackBy === "auto" ? "automatically by the dashboard" : `by ${run.rolledBackBy}`}: ${sentence(run.rollbackReason)}`
            : null}
          {run.outcome === "FAILED" ? sentence(run.error) : null} Took {formatDuration(elapsed)}.
        </p>
      </div>
    );
  }
  return (
    <div
      role="status"
      className="rounded border border-sky-300 bg-sky-50 px-4 py-3 text-sky-900"
      data-testid="run-progress"
    >
      <p className="font-semibold">
        In progress: {run.step.replace("-", " ")} · {formatDuration(elapsed)}
      </p>
      <p className="text-sm">AWS reports: {run.awsStatus ?? "—"}</p>
    </div>
  );
}

/** Ends a reason with a full stop so the next sentence reads. */
function sentence(text: string | null): string {
  if (!text) return "";
  return /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}

function Decision({ run, onAbort, pending }: { run: RunView; onAbort: () => void; pending: boolean }) {
  const stuck = run.outcome === "STUCK";
  return (
    <div role="alert" className="space-y-3 rounded border-2 border-red-400 bg-red-50 p-4 text-red-900">
      <p className="font-semibold">
        {stuck
          ? `${run.appName} is stuck in UPDATING. Roll back to the version before the update, or keep waiting.`
          : `${run.appName} is UNHEALTHY on ${formatRuntime(run.toRuntime)} although MSF reports RUNNING. Your policy asks you to decide.`}
      </p>
      <div className="flex flex-wrap items-start gap-3">
        <RollbackForm target={{ runId: run.id }} label="Roll back now" />
        {!stuck ? (
          <button
            type="button"
            onClick={onAbort}
            disabled={pending}
            className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-100"
          >
            Keep {formatRuntime(run.toRuntime)} and stop monitoring
          </button>
        ) : null}
      </div>
    </div>
  );
}

export function RunHeader({ run }: { run: RunView }) {
  return (
    <header>
      <Link
        href={`/apps/${run.region}/${encodeURIComponent(run.appName)}`}
        className="text-sm text-sky-700 hover:underline"
      >
        ← {run.appName}
      </Link>
      <h1 className="mt-1 text-xl font-semibold">
        {run.kind === "ROLLBACK"
          ? `Rollback of ${run.appName}`
          : `${run.appName}: ${formatRuntime(run.fromRuntime)} → ${formatRuntime(run.toRuntime)}`}
      </h1>
      <p className="text-sm text-slate-600">
        {run.region} · started by {run.initiatedBy} at <LocalTime iso={run.createdAt} />
        {run.snapshotName ? (
          <>
            {" "}
            · snapshot <code className="text-xs">{run.snapshotName}</code>
          </>
        ) : null}
        {run.toCodeKey ? (
          <>
            {" "}
            · code <code className="text-xs">{run.toCodeKey}</code>
          </>
        ) : null}
      </p>
    </header>
  );
}
