"use client";

import { appPath } from "@/lib/fleet/paths";
import { useHydrated } from "@/components/ui/use-hydrated";
import Link from "@/components/ui/link";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { CampaignView, StageView, TargetView } from "@/lib/campaigns/queries";
import { formatRuntime } from "@/lib/format";
import { fetchJson } from "@/components/charts/fetch-json";
import { RiskBadge } from "@/components/ui/badge";
import { LocalTime, useNow } from "@/components/ui/local-time";
import { CampaignStateBadge, TargetStateBadge } from "./badges";
import { CampaignControls, type CampaignPermissions } from "./campaign-controls";
import { formatAbout, formatCountdown, targetStateLabels, targetStates } from "./format";
import { MetricMultiples, RuntimeShareChart } from "@/components/charts/lazy-charts";
import { campaignKeys } from "./query-keys";
import { ScrollBox } from "@/components/ui/scroll-box";

const pollMs = 2000;
const finishedStates = new Set(["SUCCEEDED", "FAILED", "LATE_FAILED", "UNVERIFIED", "CANCELLED", "SKIPPED"]);

/** The campaign page's body: polled every 2 s until the campaign is DONE. */
export function CampaignLive({
  initial,
  may,
  renderedAt,
  mayExport,
}: {
  initial: CampaignView;
  may: CampaignPermissions;
  /** the server's clock when it rendered: the countdown's value until the browser's clock takes over */
  renderedAt: number;
  mayExport: boolean;
}) {
  const {
    data: view,
    error,
    refetch,
    dataUpdatedAt,
  } = useQuery({
    queryKey: campaignKeys.campaign(initial.id),
    queryFn: () => fetchJson<CampaignView>(`/api/campaigns/${encodeURIComponent(initial.id)}`),
    initialData: initial,
    initialDataUpdatedAt: renderedAt,
    // The page's own copy is as fresh as a poll: the first read waits for the interval.
    staleTime: pollMs,
    refetchInterval: (q) => (q.state.data?.state === "DONE" ? false : pollMs),
  });

  const isClient = useHydrated();
  const planned = useMemo(() => view.stages.flatMap((s) => s.targets), [view.stages]);
  const allTargets = useMemo(() => [...planned, ...view.skipped], [planned, view.skipped]);
  const done = planned.filter((t) => finishedStates.has(t.state)).length;
  const finishedRuns = planned.filter((t) => t.runId && t.finishedAt).length;
  const failures = view.stages.reduce((n, s) => n + s.failures, 0);
  const chartFrom = Date.parse(view.startedAt ?? view.createdAt);
  const chartTo = view.finishedAt ? Date.parse(view.finishedAt) : Math.max(dataUpdatedAt, chartFrom);

  return (
    <div className="space-y-5" data-testid="campaign-live" data-state={view.state}>
      <CampaignHeader view={view} mayExport={mayExport} />
      {error ? (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Lost contact with the server ({(error as Error).message}); showing the last known state.
        </p>
      ) : null}
      <Banners view={view} />
      <CampaignControls view={view} may={may} onChanged={() => void refetch()} />

      <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Tile label="Progress" testId="campaign-progress" value={`${done}/${planned.length}`}>
          {progressDetail(planned)}
        </Tile>
        <Tile label="Failures" value={String(failures)} alarm={failures > 0}>
          {view.stages.map((s) => `${s.name} ${s.failures}/${s.allowedFailures}`).join(" · ")}
        </Tile>
        <Tile label="Time left" testId="campaign-eta" value={view.etaMs === null ? "—" : formatAbout(view.etaMs)}>
          {view.state === "DONE" ? "finished" : `planned ${formatAbout(view.estimatedMs)} in all, at each wave's pace`}
        </Tile>
        <SoakTile view={view} renderedAt={renderedAt} />
      </dl>

      <section className="rounded border border-slate-200 bg-white p-4" aria-labelledby="share-heading">
        <h2 id="share-heading" className="mb-2 text-base font-semibold">
          Runtimes of the selection
        </h2>
        {view.startedAt ? (
          isClient ? (
            <RuntimeShareChart targets={allTargets} targetRuntime={view.targetRuntime} from={chartFrom} to={chartTo} />
          ) : (
            <div className="h-[250px] animate-pulse rounded bg-slate-100" aria-busy="true" />
          )
        ) : (
          <p className="rounded border border-dashed border-slate-300 p-4 text-sm text-slate-600">
            The chart starts when the campaign does.
          </p>
        )}
      </section>
      <section className="rounded border border-slate-200 bg-white p-4" aria-labelledby="multiples-heading">
        <h2 id="multiples-heading" className="mb-2 text-base font-semibold">
          Restarts and failed checkpoints after each upgrade
        </h2>
        <MetricMultiples campaignId={view.id} finished={finishedRuns} />
      </section>

      {view.stages.map((stage) => (
        <WaveSection key={stage.index} view={view} stage={stage} />
      ))}
      <SkippedSection targets={view.skipped} />
    </div>
  );
}

/** "4 upgraded · 2 failed · 1 in flight · 3 not started" */
function progressDetail(targets: TargetView[]): string {
  const n = (states: string[]) => targets.filter((t) => states.includes(t.state)).length;
  const parts: [number, string][] = [
    [n(["SUCCEEDED", "UNVERIFIED"]), "upgraded"],
    [n(["FAILED", "LATE_FAILED"]), "failed"],
    [n(["STARTED"]), "in flight"],
    [n(["PENDING"]), "waiting"],
    [n(["CANCELLED", "SKIPPED"]), "not started"],
  ];
  return parts
    .filter(([count]) => count > 0)
    .map(([count, what]) => `${count} ${what}`)
    .join(" · ");
}

function CampaignHeader({ view, mayExport }: { view: CampaignView; mayExport: boolean }) {
  return (
    <header>
      <Link href="/campaigns" className="text-sm text-sky-700 hover:underline">
        ← Campaigns
      </Link>
      <div className="mt-1 flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">{view.name}</h1>
        <CampaignStateBadge state={view.state} outcome={view.outcome} />
      </div>
      <p className="text-sm text-slate-600">
        to {formatRuntime(view.targetRuntime)} · created by {view.createdBy} at <LocalTime iso={view.createdAt} />
        {view.approvedBy ? ` · approved by ${view.approvedBy}` : view.needsApproval ? " · needs an approval" : ""}
        {view.startedAt ? (
          <>
            {" "}
            · started <LocalTime iso={view.startedAt} />
          </>
        ) : null}
        {view.finishedAt ? (
          <>
            {" "}
            · finished <LocalTime iso={view.finishedAt} />
          </>
        ) : null}
      </p>
      <p className="mt-1 flex flex-wrap gap-4 text-sm">
        <Link href={`/campaigns/${view.id}/report`} className="text-sky-700 hover:underline">
          Report
        </Link>
        <Link href={`/upgrades?campaign=${encodeURIComponent(view.id)}`} className="text-sky-700 hover:underline">
          Its runs in the upgrade history
        </Link>
        {mayExport ? (
          <a href={`/campaigns/${view.id}/report/export`} download className="text-sky-700 hover:underline">
            Download CSV
          </a>
        ) : null}
      </p>
    </header>
  );
}

function Banners({ view }: { view: CampaignView }) {
  return (
    <div className="space-y-2">
      {view.stoppedReason ? (
        <p
          className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm font-medium text-red-900"
          data-testid="campaign-stopped"
        >
          {view.state === "DONE" ? "Stopped" : "Stopping"}: {view.stoppedReason}
        </p>
      ) : null}
      {view.waitingFor ? (
        <p
          className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm font-medium text-amber-900"
          data-testid="campaign-waiting"
          role="status"
        >
          Waiting: {view.waitingFor}
        </p>
      ) : null}
      {view.state === "AWAITING_APPROVAL" ? (
        <p className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Some applications would need an approval on their own: an approver other than {view.createdBy} approves the
          campaign once, and it starts.
        </p>
      ) : null}
      {view.state === "DONE" && view.outcome === "COMPLETED" ? (
        <p className="rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm font-medium text-emerald-900">
          Completed: every wave ran and soaked within its error budget.
        </p>
      ) : null}
    </div>
  );
}

function Tile({
  label,
  value,
  children,
  testId,
  alarm,
}: {
  label: string;
  value: string;
  children?: React.ReactNode;
  testId?: string;
  alarm?: boolean;
}) {
  return (
    <div className="rounded border border-slate-200 bg-white p-3">
      <dt className="text-xs tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className={`text-2xl font-semibold ${alarm ? "text-red-700" : ""}`} data-testid={testId}>
        {value}
      </dd>
      {children ? <dd className="text-xs text-slate-500">{children}</dd> : null}
    </div>
  );
}

function SoakTile({ view, renderedAt }: { view: CampaignView; renderedAt: number }) {
  const now = useNow(renderedAt);
  const soaking = view.stagePhase === "SOAKING" && view.state !== "DONE" && view.soakUntil;
  const left = soaking ? Date.parse(view.soakUntil!) - now : 0;
  const stage = view.stages[view.stage];
  return (
    <Tile
      label="Soak"
      testId="campaign-soak"
      value={soaking ? (left > 0 ? formatCountdown(left) : "ending") : view.stagePhase === "GATED" ? "gated" : "—"}
    >
      {soaking
        ? `wave ${view.stage + 1} (${stage?.name}) is re-checked while it soaks`
        : view.stagePhase === "GATED"
          ? "an approver releases the next wave"
          : "no wave is soaking"}
    </Tile>
  );
}

function waveStatus(view: CampaignView, stage: StageView): string {
  if (stage.index < view.stage) return "done";
  if (stage.index > view.stage) return view.state === "DONE" ? "not run" : "not started";
  if (view.state === "DONE") return stage.record?.endedAt ? "done" : "stopped";
  if (view.state === "DRAFT" || view.state === "AWAITING_APPROVAL") return "not started";
  return { RUNNING: "under way", SOAKING: "soaking", GATED: "soaked, waiting for a release" }[view.stagePhase] ?? "";
}

function WaveSection({ view, stage }: { view: CampaignView; stage: StageView }) {
  const status = waveStatus(view, stage);
  const isCurrent = stage.index === view.stage && view.state !== "DONE";
  const overBudget = stage.failures > stage.allowedFailures;
  return (
    <section
      aria-labelledby={`wave-${stage.index}`}
      className={`rounded border bg-white ${isCurrent ? "border-sky-300" : "border-slate-200"}`}
      data-testid="campaign-wave"
      data-wave={stage.name}
    >
      <header className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-200 px-4 py-2">
        <h2 id={`wave-${stage.index}`} className="text-base font-semibold">
          Wave {stage.index + 1} · {stage.name} <span className="text-sm font-normal text-slate-600">({status})</span>
        </h2>
        <p className="text-xs text-slate-600">
          {stage.concurrency} at a time ·{" "}
          <span className={overBudget ? "font-semibold text-red-700" : ""} data-testid="wave-budget">
            {stage.failures} of {stage.allowedFailures} allowed failure{stage.allowedFailures === 1 ? "" : "s"}
          </span>{" "}
          · soak {stage.soakMinutes} min{stage.gate ? " · then an approver releases the next wave" : ""}
          {stage.record?.releasedBy ? ` · released by ${stage.record.releasedBy}` : ""}
        </p>
      </header>
      <div className="px-4 py-2">
        <ul className="mb-2 flex flex-wrap gap-2 text-xs" aria-label={`Wave ${stage.index + 1} counts`}>
          {targetStates
            .filter((s) => stage.counts[s])
            .map((s) => (
              <li key={s} className="rounded bg-slate-100 px-2 py-0.5" data-count-state={s}>
                {targetStateLabels[s]}: <strong>{stage.counts[s]}</strong>
              </li>
            ))}
          {stage.targets.length === 0 ? <li className="text-slate-600">No application in this wave.</li> : null}
        </ul>
        {stage.targets.length ? <TargetTable targets={stage.targets} wave={stage.name} /> : null}
      </div>
    </section>
  );
}

function TargetTable({ targets, wave }: { targets: TargetView[]; wave: string }) {
  return (
    <ScrollBox label={`Applications in wave ${wave}`}>
      <table className="w-full text-left text-sm">
        <thead className="text-xs text-slate-600">
          <tr>
            <th className="py-1.5 pr-3 font-medium">Application</th>
            <th className="py-1.5 pr-3 font-medium">Risk</th>
            <th className="py-1.5 pr-3 font-medium">State</th>
            <th className="py-1.5 pr-3 font-medium">Run</th>
            <th className="py-1.5 pr-3 font-medium">Note</th>
          </tr>
        </thead>
        <tbody>
          {targets.map((t) => (
            <tr
              key={`${t.account}/${t.region}/${t.appName}`}
              className="border-t border-slate-100 align-top"
              data-testid="campaign-target"
              data-app={t.appName}
              data-state={t.state}
            >
              <td className="py-1.5 pr-3">
                <Link
                  href={appPath({ account: t.account, region: t.region, name: t.appName })}
                  className="font-medium text-sky-700 hover:underline"
                >
                  {t.appName}
                </Link>
                <span className="block text-xs text-slate-500">
                  {t.region} · {formatRuntime(t.fromRuntime)}
                </span>
              </td>
              <td className="py-1.5 pr-3">
                <RiskBadge level={t.riskLevel || "unknown"} score={t.riskScore} />
              </td>
              <td className="py-1.5 pr-3">
                <TargetStateBadge state={t.state} />
                {t.runState === "NEEDS_DECISION" ? (
                  <span className="ml-1 text-xs font-semibold text-red-800" data-testid="target-step">
                    waits for a decision
                  </span>
                ) : t.step ? (
                  <span className="ml-1 text-xs text-slate-600" data-testid="target-step">
                    {t.step}
                  </span>
                ) : null}
              </td>
              <td className="py-1.5 pr-3">
                {t.runId ? (
                  <Link href={`/upgrades/${t.runId}`} className="text-sky-700 hover:underline">
                    {t.outcome ? t.outcome.toLowerCase().replaceAll("_", " ") : "open run"}
                  </Link>
                ) : (
                  <span className="text-slate-500">—</span>
                )}
              </td>
              <td className="max-w-md py-1.5 pr-3 text-xs break-words text-slate-700">
                {t.note && t.note !== t.outcome ? t.note : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}

function SkippedSection({ targets }: { targets: TargetView[] }) {
  if (targets.length === 0) return null;
  return (
    <section className="rounded border border-slate-200 bg-white" aria-labelledby="skipped-heading">
      <details>
        <summary className="cursor-pointer px-4 py-2">
          <h2 id="skipped-heading" className="inline text-base font-semibold">
            Skipped ({targets.length})
          </h2>
          <span className="ml-2 text-sm text-slate-600">selected, but not upgraded by this campaign</span>
        </summary>
        <table className="w-full text-left text-sm" data-testid="campaign-skipped">
          <tbody>
            {targets.map((t) => (
              <tr key={`${t.account}/${t.region}/${t.appName}`} className="border-t border-slate-100 align-top">
                <td className="px-4 py-1.5">
                  <span className="font-medium">{t.appName}</span>
                  <span className="block text-xs text-slate-500">
                    {t.region} · {formatRuntime(t.fromRuntime)}
                  </span>
                </td>
                <td className="px-4 py-1.5">{t.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
