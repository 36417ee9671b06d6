import { notFound } from "next/navigation";
import { getRunView, listRunEvents } from "@/lib/upgrades/queries";
import { RunHeader, RunLive } from "@/components/upgrade/run-live";
import { requireUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/roles";
import { inScope } from "@/lib/auth/scope";
import { teamOf } from "@/lib/fleet/queries";
import { runKey } from "@/lib/upgrades/run-types";
import { RunChartsPanel } from "@/components/charts/run-charts";
import { runChartData } from "@/lib/metrics/run-chart";
import { packRunChartData } from "@/lib/metrics/packed-chart-data";

export const dynamic = "force-dynamic";

export default async function UpgradeRunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/upgrades/${id}`);
  const run = await getRunView(id);
  if (!run) notFound();
  const events = await listRunEvents(run.id, {});
  const stored = run.state === "DONE" ? await runChartData(run.id, { storedOnly: true }) : null;
  const mayAct = inScope(user.teams, await teamOf(runKey(run)));
  return (
    <article className="space-y-5">
      <RunHeader run={run} />
      <RunLive
        initial={run}
        initialEvents={events}
        charts={
          <RunChartsPanel runId={run.id} isLive={run.state !== "DONE"} stored={stored && packRunChartData(stored)} />
        }
        may={{
          rollback: mayAct && can(user.roles, "rollback.request"),
          control: mayAct && can(user.roles, "run.control"),
          approval: { decide: mayAct && can(user.roles, "approval.decide"), userId: user.email },
        }}
      />
    </article>
  );
}
