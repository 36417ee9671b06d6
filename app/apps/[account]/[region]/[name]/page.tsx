import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { assessTargets, getApplicationView } from "@/lib/fleet/application-view";
import { activeRunFor, recentRunsFor } from "@/lib/upgrades/queries";
import { defaultPolicyInput } from "@/lib/upgrades/defaults";
import { currentRestoreSettings, snapshotChoicesOf } from "@/lib/upgrades/restore-settings";
import { UpgradeLauncher } from "@/components/upgrade/upgrade-launcher";
import { RollbackForm } from "@/components/upgrade/rollback-form";
import { formatAge, formatRuntime } from "@/lib/format";
import { RiskBreakdown } from "@/components/app/risk-breakdown";
import { ConfigurationPanel } from "@/components/app/configuration-panel";
import { LiveVersionsTable, OperationsTable, SnapshotsTable } from "@/components/app/history-tables";
import { StatusBadge } from "@/components/ui/badge";
import { AppCharts } from "@/components/charts/app-charts";
import { AlarmCheck } from "@/components/alarms/alarm-check";
import { LogsPanel } from "@/components/logs/logs-panel";
import { requireUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/roles";
import { targetRuntime } from "@/lib/fleet/queries";
import { inScope } from "@/lib/auth/scope";
import { CodeScanPanel, TargetBuild } from "@/components/app/code-scan-panel";
import { s3LocationOf, targetCodeLocation } from "@/lib/fleet/code-scan";
import { s3Url } from "@/lib/compat/s3-source";
import { approvalReasons, approvalRule } from "@/lib/approvals/policy";
import { accountLabel } from "@/lib/aws/accounts";

export const dynamic = "force-dynamic";

export default async function ApplicationPage({
  params,
}: {
  params: Promise<{ account: string; region: string; name: string }>;
}) {
  const { account, region, name: rawName } = await params;
  const user = await requireUser(`/apps/${account}/${region}/${rawName}`);
  const name = decodeURIComponent(rawName);
  const key = { account, region, name };
  const view = await getApplicationView(key);
  if (!view) notFound();
  const [activeRun, runs] = await Promise.all([activeRunFor(key), recentRunsFor(key)]);
  const codeScan = view.code;
  const detail = view.detail;
  const status = detail?.ApplicationStatus ?? "UNKNOWN";
  const s3 =
    detail?.ApplicationConfigurationDescription?.ApplicationCodeConfigurationDescription?.CodeContentDescription
      ?.S3ApplicationCodeLocationDescription;
  const currentCode =
    s3?.FileKey && s3.BucketARN ? `${s3.BucketARN.replace(/^arn:aws:s3:::/, "s3://")}/${s3.FileKey}` : null;
  const currentLocation = currentCode ? s3LocationOf(currentCode, key) : null;

  return (
    <article className="space-y-6">
      <header>
        <Link href="/" className="text-sm text-sky-700 hover:underline">
          ← Fleet
        </Link>
        <h1 className="mt-1 flex flex-wrap items-center gap-3 text-xl font-semibold">
          {view.name}
          {view.detail ? <StatusBadge status={view.detail.ApplicationStatus ?? "UNKNOWN"} /> : null}
        </h1>
        <p className="text-sm text-slate-600">
          <span data-testid="app-account">{accountLabel(account)}</span> · {region} ·{" "}
          {view.detail ? formatRuntime(view.detail.RuntimeEnvironment ?? "") : "unknown runtime"} · as of the sync{" "}
          {formatAge(view.syncedAt)}
        </p>
        {view.error ? (
          <p role="alert" className="mt-2 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            The last sync could not describe this application ({view.error}); the data below is older.
          </p>
        ) : null}
      </header>
      <Section title="Upgrade">
        {activeRun ? (
          <p className="text-sm">
            {activeRun.state === "AWAITING_APPROVAL"
              ? "An upgrade waits for a second person's approval."
              : `An upgrade is in progress (${activeRun.step}).`}{" "}
            <Link href={`/upgrades/${activeRun.id}`} className="font-medium text-sky-700 hover:underline">
              Follow it →
            </Link>
          </p>
        ) : detail && can(user.roles, "upgrade.start") && !inScope(user.teams, view.tags.team ?? null) ? (
          <p className="text-sm text-slate-600" data-testid="out-of-scope">
            {name} belongs to {view.tags.team ? `team ${view.tags.team}` : "no team"}; you act for{" "}
            {user.teams.join(", ")} only.
          </p>
        ) : detail && can(user.roles, "upgrade.start") ? (
          <div className="space-y-3">
            <UpgradeLauncher
              app={{
                account,
                region,
                name,
                runtime: detail.RuntimeEnvironment ?? "",
                status,
                versionId: Number(detail.ApplicationVersionId ?? 0),
                codeKey: s3?.FileKey ?? null,
                rollbackEnabled:
                  detail.ApplicationConfigurationDescription?.ApplicationSystemRollbackConfigurationDescription
                    ?.RollbackEnabled ?? false,
                snapshotsEnabled:
                  detail.ApplicationConfigurationDescription?.ApplicationSnapshotConfigurationDescription
                    ?.SnapshotsEnabled ?? false,
                restore: currentRestoreSettings(detail),
                snapshots: snapshotChoicesOf(view.snapshots),
              }}
              targets={assessTargets(view).map((t) => ({
                ...t,
                approval: approvalReasons(view.tags, t.risk, approvalRule()),
              }))}
              policy={defaultPolicyInput()}
            />
            {["RUNNING", "UPDATING", "AUTOSCALING"].includes(status) && can(user.roles, "rollback.request") ? (
              <RollbackForm target={key} label="Roll back to the previous version" />
            ) : null}
          </div>
        ) : detail ? (
          <p className="text-sm text-slate-600" data-testid="no-upgrade-role">
            Your roles ({user.roles.join(", ")}) do not include upgrades or rollbacks; an engineer starts them.
          </p>
        ) : null}
        {runs.length ? (
          <ul className="mt-3 space-y-1 text-sm" aria-label="Recent upgrades">
            {runs.map((r) => (
              <li key={r.id}>
                <Link href={`/upgrades/${r.id}`} className="text-sky-700 hover:underline">
                  {r.kind === "ROLLBACK"
                    ? "Rollback"
                    : `${formatRuntime(r.fromRuntime)} → ${formatRuntime(r.toRuntime)}`}
                </Link>{" "}
                · {formatAge(r.createdAt)} · {r.outcome ?? r.state.toLowerCase()}
                {r.verdict ? ` · ${r.verdict}` : ""}
              </li>
            ))}
          </ul>
        ) : null}
      </Section>
      <Section title={`Upgrade risk to ${formatRuntime(view.risk?.target ?? "FLINK-2_2")}`}>
        <RiskBreakdown risk={view.risk} />
      </Section>
      <Section title="Metrics">
        <AppCharts app={key} />
      </Section>
      <Section title={`CloudWatch alarms that stop working on ${formatRuntime(targetRuntime)}`}>
        <AlarmCheck
          app={key}
          actingFor={user.email}
          runtime={detail?.RuntimeEnvironment ?? ""}
          target={targetRuntime}
          mayFix={can(user.roles, "upgrade.start") && inScope(user.teams, view.tags.team ?? null)}
        />
      </Section>
      <Section title={`Code: what must change before ${formatRuntime(targetRuntime)}`}>
        <CodeScanPanel scan={codeScan} location={currentCode} />
        {currentLocation && view.targetCodeStatus ? (
          <TargetBuild
            location={s3Url(targetCodeLocation(currentLocation, name))}
            status={view.targetCodeStatus}
            scan={view.targetCode}
          />
        ) : null}
      </Section>
      <Section title="Logs">
        {detail ? (
          <LogsPanel scope={{ account, region, actingFor: user.email }} detail={detail} />
        ) : (
          <p className="text-sm">Not described yet.</p>
        )}
      </Section>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Section title="Configuration">
          {view.detail ? (
            <ConfigurationPanel detail={view.detail} tags={view.tags} />
          ) : (
            <p className="text-sm">Not described yet.</p>
          )}
        </Section>
        <Section title="Snapshots">
          <SnapshotsTable snapshots={view.snapshots} />
        </Section>
        <Section title="Recent operations">
          <OperationsTable operations={view.operations} failed={view.failedOperations} />
        </Section>
        <Section title="Application versions (live)">
          {/* The one live AWS read: it streams in, so the rest of the page does not wait for it. */}
          <Suspense
            fallback={
              <p aria-busy="true" className="text-sm text-slate-600">
                Reading the versions from AWS…
              </p>
            }
          >
            <LiveVersionsTable scope={{ account, region, actingFor: user.email }} name={name} />
          </Suspense>
        </Section>
      </div>
    </article>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="rounded border border-slate-200 bg-white p-4">
      <h2 className="mb-3 text-base font-semibold">{title}</h2>
      {children}
    </section>
  );
}
