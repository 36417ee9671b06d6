import { db } from "@/lib/db";
import type { PlanApp } from "./plan";

/** Every application of the inventory as the planner sees it. */
export async function loadPlanApps(): Promise<PlanApp[]> {
  const rows = await db.fleetApp.findMany({
    select: {
      account: true,
      region: true,
      name: true,
      runtime: true,
      status: true,
      versionId: true,
      tags: true,
      riskLevel: true,
      riskScore: true,
      risk: true,
      codeLocation: true,
    },
    orderBy: [{ account: "asc" }, { region: "asc" }, { name: "asc" }],
  });
  return rows.map((r) => ({
    account: r.account,
    region: r.region,
    name: r.name,
    runtime: r.runtime,
    status: r.status,
    versionId: r.versionId,
    tags: JSON.parse(r.tags) as Record<string, string>,
    riskLevel: r.riskLevel,
    riskScore: r.riskScore,
    riskSummary: (JSON.parse(r.risk) as { summary?: string } | null)?.summary ?? null,
    codeKey: r.codeLocation?.split("/").slice(3).join("/") || null,
  }));
}
