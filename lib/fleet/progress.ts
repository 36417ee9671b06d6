// Fleet progress: the share of applications on each runtime over time, one point per finished sync.
import { db } from "@/lib/db";
import { compareRuntimes } from "@/lib/risk";

export interface SyncCounts {
  finishedAt: Date;
  /** JSON { [runtime]: count }, as stored on InventorySync */
  runtimeCounts: string;
}

export interface ProgressPoint {
  /** epoch ms of the sync's end */
  t: number;
  total: number;
  counts: Record<string, number>;
  /** share in percent (0–100) per runtime; runtimes absent from this sync are 0 */
  shares: Record<string, number>;
}

export interface FleetProgress {
  /** oldest runtime first, so a stacked chart reads bottom (old) to top (new) */
  runtimes: string[];
  points: ProgressPoint[];
}

function parseCounts(json: string): Record<string, number> {
  try {
    const parsed = JSON.parse(json) as unknown;
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed).filter((e): e is [string, number] => typeof e[1] === "number" && e[1] > 0),
    );
  } catch {
    return {};
  }
}

/**
 * One point per sync, thinned to at most `maxPoints` by keeping the last sync of each equal slice of time
 * (a sync every 5 minutes is 288 points a day). Syncs that saw no application are skipped.
 */
export function runtimeShares(syncs: readonly SyncCounts[], maxPoints = 200): FleetProgress {
  const usable = syncs
    .map((s) => ({ t: s.finishedAt.getTime(), counts: parseCounts(s.runtimeCounts) }))
    .filter((s) => Object.keys(s.counts).length > 0)
    .sort((a, b) => a.t - b.t);
  const thinned = thin(usable, maxPoints);
  const runtimes = [...new Set(thinned.flatMap((s) => Object.keys(s.counts)))].sort(compareRuntimes);
  const points = thinned.map(({ t, counts }) => {
    const total = Object.values(counts).reduce((n, c) => n + c, 0);
    const shares = Object.fromEntries(runtimes.map((r) => [r, ((counts[r] ?? 0) / total) * 100]));
    return { t, total, counts, shares };
  });
  return { runtimes, points };
}

function thin<T extends { t: number }>(sorted: readonly T[], maxPoints: number): T[] {
  if (sorted.length <= maxPoints) return [...sorted];
  const first = sorted[0]!.t;
  const span = sorted[sorted.length - 1]!.t - first || 1;
  const bySlice = new Map<number, T>();
  for (const s of sorted) bySlice.set(Math.min(maxPoints - 1, Math.floor(((s.t - first) / span) * maxPoints)), s);
  return [...bySlice.values()];
}

/**
 * From successful syncs only: a PARTIAL sync misses a region, and its shares would show a jump that
 * is not progress.
 */
export async function loadFleetProgress(since?: Date): Promise<FleetProgress> {
  const syncs = await db.inventorySync.findMany({
    where: { status: "SUCCEEDED", finishedAt: since ? { gte: since } : { not: null } },
    orderBy: { finishedAt: "asc" },
    select: { finishedAt: true, runtimeCounts: true },
  });
  return runtimeShares(
    syncs.flatMap((s) => (s.finishedAt ? [{ finishedAt: s.finishedAt, runtimeCounts: s.runtimeCounts }] : [])),
  );
}
