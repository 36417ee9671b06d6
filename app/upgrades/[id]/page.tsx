import { notFound } from "next/navigation";
import { getRunView } from "@/lib/upgrades/queries";
import { RunHeader, RunLive } from "@/components/upgrade/run-live";
import { RunChartsPanel } from "@/components/charts/run-charts";

export const dynamic = "force-dynamic";

export default async function UpgradeRunPage({ params }: { params: Promise<{ id: string }> }) {
  const run = await getRunView((await params).id);
  if (!run) notFound();
  return (
    <article className="space-y-5">
      <RunHeader run={run} />
      <RunLive initial={run} charts={<RunChartsPanel runId={run.id} isLive={run.state !== "DONE"} />} />
    </article>
  );
}
