import { compareRuntimes } from "@/lib/risk/runtimes";

// The selection's runtimes over the campaign, from its targets alone: an application counts on the target runtime
// from the moment its run ended with the new runtime kept, and on the runtime it came from before that (or for good,
// when its run failed, was rolled back, cancelled, or it was skipped). Pure, so the page derives it on every poll.

export interface ShareTarget {
  fromRuntime: string;
  /** PENDING | STARTED | SUCCEEDED | FAILED | LATE_FAILED | UNVERIFIED | CANCELLED | SKIPPED */
  state: string;
  finishedAt: string | null;
}

export interface SharePoint {
  t: number;
  /** applications per runtime at `t`; every runtime of `runtimes` is present */
  counts: Record<string, number>;
}

export interface RuntimeShare {
  /** oldest first, the target last */
  runtimes: string[];
  points: SharePoint[];
  total: number;
}

/**
 * States whose run left the application on the target. A late failure was upgraded first: its rollback, if the
 * policy asked for one, is a run of its own outside the campaign's targets, so it stays counted as upgraded.
 */
const keptStates = new Set(["SUCCEEDED", "UNVERIFIED", "LATE_FAILED"]);

/** When the application moved to the target, or null when it has not (yet). */
export function upgradedAt(target: ShareTarget): number | null {
  if (!keptStates.has(target.state) || !target.finishedAt) return null;
  const t = Date.parse(target.finishedAt);
  return Number.isNaN(t) ? null : t;
}

/** One point at `from`, one at each upgrade in (from, to], one at `to`: a step series (draw it "stepAfter"). */
export function runtimeShare(
  targets: readonly ShareTarget[],
  targetRuntime: string,
  window: { from: number; to: number },
): RuntimeShare {
  const from = Math.min(window.from, window.to);
  const to = Math.max(window.from, window.to);
  const runtimes = [...new Set(targets.map((t) => t.fromRuntime).filter((r) => r !== targetRuntime))].sort(
    compareRuntimes,
  );
  runtimes.push(targetRuntime);
  const moves = targets.map((t) => ({ from: t.fromRuntime, at: upgradedAt(t) }));
  const times = new Set<number>([from, to]);
  for (const m of moves) if (m.at !== null && m.at > from && m.at <= to) times.add(m.at);
  const points = [...times]
    .sort((a, b) => a - b)
    .map((t): SharePoint => {
      const counts: Record<string, number> = Object.fromEntries(runtimes.map((r) => [r, 0]));
      for (const m of moves) {
        const runtime = m.at !== null && m.at <= t ? targetRuntime : m.from;
        counts[runtime] = (counts[runtime] ?? 0) + 1;
      }
      return { t, counts };
    });
  return { runtimes, points, total: targets.length };
}
