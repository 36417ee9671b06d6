"use client";

import { appPath } from "@/lib/fleet/paths";
import { runKey } from "@/lib/upgrades/run-types";
import Link from "@/components/ui/link";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useTransition, useState } from "react";
import { abortMonitoringAction, cancelRunAction } from "@/app/actions/upgrades";
import { queryKeys } from "@/lib/query-keys";
import type { RunEventPage, RunView } from "@/lib/upgrades/queries";
import { formatRuntime } from "@/lib/format";
import { LocalTime } from "@/components/ui/local-time";
import { RollbackForm } from "./rollback-form";
import { StepTimeline } from "./step-timeline";
import { VerdictPanel } from "./verdict-panel";
import { RunEvents } from "./run-events";
import { Decision, runAnnouncement, StatusBanner, type RunPermissions } from "./run-status";
import { RootCausePanel } from "./root-cause-panel";
import { ApprovalPanel, type ApprovalPermissions } from "./approval-panel";

async function fetchRun(id: string): Promise<RunView> {
  const res = await fetch(`/api/upgrades/${id}`, { cache: "no-store" });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.json();
}

export function RunLive({
  initial,
  initialEvents,
  charts,
  may,
}: {
  initial: RunView;
  initialEvents?: RunEventPage;
  charts?: React.ReactNode;
  may: RunPermissions & { approval: ApprovalPermissions };
}) {
  const {
    data: run,
    error,
    refetch,
  } = useQuery({
    queryKey: queryKeys.upgradeRun(initial.id),
    queryFn: () => fetchRun(initial.id),
    initialData: initial,
    // A finished run no longer changes: the page's own copy is final, so it is not fetched again on load.
    staleTime: (q) => (q.state.data?.state === "DONE" ? Infinity : 0),
    refetchInterval: (q) => (q.state.data?.state === "DONE" ? false : 1000),
  });
  const [pending, startTransition] = useTransition();
  const [actionError, setActionError] = useState<string | null>(null);
  const live = run.state !== "DONE";
  const updateSent = run.kind === "ROLLBACK" || run.updateCalledAt !== null;
  const canRollBack = may.rollback && live && updateSent && ["update", "wait-running", "observe"].includes(run.step);
  const canCancel = may.control && live && !updateSent;

  function command(action: typeof abortMonitoringAction) {
    startTransition(async () => {
      const result = await action({ runId: run.id });
      setActionError(result.ok ? null : result.error);
      await refetch();
    });
  }
  const abort = () => command(abortMonitoringAction);

  // A run that ends while the page is open takes the focus to its outcome (keyboard and screen-reader users land on
  // it); a run that had ended before the page opened leaves the focus where the browser put it.
  const banner = useRef<HTMLDivElement>(null);
  const wasLive = useRef(live);
  useEffect(() => {
    if (wasLive.current && !live) banner.current?.querySelector<HTMLElement>('[data-testid="run-outcome"]')?.focus();
    wasLive.current = live;
  }, [live]);

  return (
    <div className="space-y-5">
      {error ? (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Lost contact with the server ({(error as Error).message}); showing the last known state.
        </p>
      ) : null}
      <p aria-live="polite" className="sr-only" data-testid="run-announcer">
        {runAnnouncement(run)}
      </p>
      <div ref={banner}>
        <StatusBanner run={run} />
      </div>
      {run.approval ? (
        <ApprovalPanel run={{ ...run, approval: run.approval }} may={may.approval} onDecided={() => void refetch()} />
      ) : null}
      {run.rootCause ? <RootCausePanel cause={run.rootCause} /> : null}
      {run.state === "NEEDS_DECISION" ? <Decision run={run} onAbort={abort} pending={pending} may={may} /> : null}
      {actionError ? (
        <p role="alert" className="text-sm text-red-700">
          {actionError}
        </p>
      ) : null}
      {live && run.state !== "NEEDS_DECISION" ? (
        <div className="flex flex-wrap items-start gap-3">
          {canRollBack ? <RollbackForm target={{ runId: run.id }} onDone={() => void refetch()} /> : null}
          {canCancel ? (
            <button
              type="button"
              onClick={() => command(cancelRunAction)}
              disabled={pending}
              className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100 disabled:opacity-50"
            >
              {run.state === "AWAITING_APPROVAL" ? "Withdraw the request" : "Cancel the upgrade (nothing sent yet)"}
            </button>
          ) : null}
          {run.step === "observe" && may.control ? (
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
      {run.kind === "OUTSIDE" ? (
        <p className="rounded border border-slate-200 bg-white p-4 text-sm text-slate-700" data-testid="outside-run">
          Made outside the dashboard (the console, the CLI or Terraform): the inventory sync recorded it from MSF&apos;s
          operations. It had no steps and no health verdict here; its outcome is MSF&apos;s, and its charts show the
          window around it.
        </p>
      ) : (
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
      )}
      {charts}
      <section className="rounded border border-slate-200 bg-white p-4">
        <h2 className="mb-3 text-base font-semibold">Events</h2>
        <RunEvents runId={run.id} isLive={live} initial={initialEvents} />
      </section>
    </div>
  );
}

export function RunHeader({ run }: { run: RunView }) {
  return (
    <header>
      <Link href={appPath(runKey(run))} className="text-sm text-sky-700 hover:underline">
        ← {run.appName}
      </Link>
      <h1 className="mt-1 text-xl font-semibold">
        {run.kind === "ROLLBACK"
          ? `Rollback of ${run.appName}`
          : `${run.appName}: ${formatRuntime(run.fromRuntime)} → ${formatRuntime(run.toRuntime)}`}
      </h1>
      <p className="text-sm text-slate-600">
        <span data-testid="run-account">{run.accountLabel}</span> · {run.region} ·{" "}
        {run.kind === "OUTSIDE" ? "made" : "started by"} {run.initiatedBy} at <LocalTime iso={run.createdAt} />
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
