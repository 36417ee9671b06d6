// Which applications a sync reads: ListApplications already carries each application's version id and status, so
// an incremental refresh reads (DescribeApplication, tags, snapshots, operations) only what changed, what is new,
// what failed last time, and what has not been read for the refresh period (manual snapshots, tag edits and
// operations show no signal in the list). A full sync reads everything.
import type { ApplicationSummary } from "@aws-sdk/client-kinesis-analytics-v2";

export type SyncKind = "full" | "incremental";

/** What the inventory holds of an application, for the decision. */
export interface StoredApp {
  versionId: number;
  status: string;
  /** The runtime of that version (the outside-history check reads it from here rather than asking AWS again). */
  runtime: string;
  /** When it was last read whole; null: never (a placeholder after a failed read). */
  readAt: Date | null;
  error: string | null;
}

export type ReadReason = "full" | "new" | "version" | "status" | "failed-before" | "refresh-due";

export interface SyncPlan {
  read: { summary: ApplicationSummary; reason: ReadReason }[];
  kept: ApplicationSummary[];
}

/** Due for a full sync when none has succeeded, or the last one started a period ago. */
export function syncKindDue(lastFullStartedAt: Date | null, now: Date, fullEveryMs: number): SyncKind {
  return !lastFullStartedAt || now.getTime() - lastFullStartedAt.getTime() >= fullEveryMs ? "full" : "incremental";
}

export function planReads(
  listed: readonly ApplicationSummary[],
  stored: ReadonlyMap<string, StoredApp>,
  kind: SyncKind,
  now: Date,
  refreshMs: number,
): SyncPlan {
  const plan: SyncPlan = { read: [], kept: [] };
  for (const summary of listed) {
    const reason = readReason(summary, stored.get(summary.ApplicationName!), kind, now, refreshMs);
    if (reason) plan.read.push({ summary, reason });
    else plan.kept.push(summary);
  }
  return plan;
}

function readReason(
  summary: ApplicationSummary,
  app: StoredApp | undefined,
  kind: SyncKind,
  now: Date,
  refreshMs: number,
): ReadReason | null {
  if (kind === "full") return "full";
  if (!app) return "new";
  if (app.error || !app.readAt) return "failed-before";
  if (Number(summary.ApplicationVersionId ?? 0) !== app.versionId) return "version";
  if ((summary.ApplicationStatus ?? "UNKNOWN") !== app.status) return "status";
  if (now.getTime() - app.readAt.getTime() >= refreshMs) return "refresh-due";
  return null;
}
