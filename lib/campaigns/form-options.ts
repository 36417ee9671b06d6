import { db } from "@/lib/db";
import { compareRuntimes, FLINK_RUNTIMES } from "@/lib/risk/runtimes";

// What the campaign form offers to choose from: the inventory's regions, runtimes and tag keys.

export interface CampaignFormOptions {
  regions: string[];
  runtimes: string[];
  tagKeys: string[];
  /** Flink runtimes a campaign can move to, newest first. */
  targetRuntimes: string[];
}

export async function campaignFormOptions(): Promise<CampaignFormOptions> {
  const [regions, runtimes, tagRows] = await Promise.all([
    db.fleetApp.findMany({ distinct: ["region"], select: { region: true }, orderBy: { region: "asc" } }),
    db.fleetApp.findMany({ distinct: ["runtime"], select: { runtime: true } }),
    db.fleetApp.findMany({ distinct: ["tags"], select: { tags: true } }),
  ]);
  const tagKeys = new Set<string>();
  for (const row of tagRows) {
    try {
      for (const key of Object.keys(JSON.parse(row.tags) as Record<string, string>)) tagKeys.add(key);
    } catch {
      // A row whose tags cannot be read offers no keys.
    }
  }
  return {
    regions: regions.map((r) => r.region),
    runtimes: runtimes.map((r) => r.runtime).sort(compareRuntimes),
    tagKeys: [...tagKeys].sort(),
    targetRuntimes: FLINK_RUNTIMES.filter((r) => compareRuntimes(r, "FLINK-1_15") >= 0).reverse(),
  };
}
