import { userFor } from "@/lib/auth/current-user";
import { campaignView } from "@/lib/campaigns/queries";
import { mapWithConcurrency } from "@/lib/concurrency";
import { failureResponse } from "@/lib/http/failure";
import { runChartData } from "@/lib/metrics/run-chart";
import type { CampaignMetrics, CampaignMetricsApp } from "@/components/campaigns/metric-multiples-data";

export const dynamic = "force-dynamic";

/** How many applications the small multiples show: the most recently finished ones. */
const maxApps = 24;
const signals = new Set(["restarts", "failedCheckpoints"]);

/**
 * Restarts and failed checkpoints of the campaign's most recently finished applications, each from the window
 * stored with its run (the run page's route reads the same; a run whose window was not stored is read live).
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const allowed = await userFor(request, "read");
  if (!allowed.ok) return allowed.response;
  try {
    const view = await campaignView((await params).id);
    if (!view) return Response.json({ error: "not found" }, { status: 404 });
    const finished = view.stages
      .flatMap((s) => s.targets.map((t) => ({ ...t, stageName: s.name })))
      .filter((t) => t.runId && t.finishedAt)
      .sort((a, b) => b.finishedAt!.localeCompare(a.finishedAt!))
      .slice(0, maxApps);
    const apps = await mapWithConcurrency(finished, 4, async (t): Promise<CampaignMetricsApp> => {
      const data = await runChartData(t.runId!);
      return {
        region: t.region,
        appName: t.appName,
        runId: t.runId!,
        stage: t.stage,
        stageName: t.stageName,
        state: t.state,
        finishedAt: t.finishedAt!,
        source: data?.source ?? null,
        period: data?.period ?? null,
        range: data?.range ?? null,
        window: data?.window ?? null,
        series: (data?.series ?? []).filter((s) => signals.has(s.signal)),
        problems: data?.problems ?? [],
      };
    });
    const body: CampaignMetrics = { apps, total: view.stages.reduce((n, s) => n + s.targets.length, 0) };
    return Response.json(body);
  } catch (error) {
    return failureResponse("campaign metrics", error);
  }
}
