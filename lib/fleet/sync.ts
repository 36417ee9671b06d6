import type { ApplicationSummary } from "@aws-sdk/client-kinesis-analytics-v2";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { Actor } from "@/lib/auth/actor";
import { auditOps, type AuditWrite } from "@/lib/audit/audit";
import { describeAwsError } from "@/lib/aws/errors";
import { mapWithConcurrency } from "@/lib/concurrency";
import { listRegionApplications } from "./list-applications";
import { readApplication, type ApplicationRead } from "./read-application";
import { fetchLogEvidence } from "@/lib/logs/log-evidence";
import { fetchRecentInstability, type Instability } from "./recent-instability";
import { saveRegion, type AppOutcome } from "./save-region";
import { planReads, syncKindDue, type StoredApp, type SyncKind } from "./sync-plan";
import { recordOutsideUpgrades } from "@/lib/history/outside";

const heartbeatMs = 2_000;
/** A RUNNING sync whose heartbeat is older than this was interrupted (its process died). */
export const interruptedAfterMs = 60_000;

/**
 * Records the intent to sync; the worker runs it. Returns the already queued or running sync if any. `full` reads
 * every application; otherwise the worker decides when it claims it (full when one is due, else incremental).
 */
export async function requestSync(
  actor: Actor,
  audit?: AuditWrite,
  options: { full?: boolean } = {},
): Promise<{ id: string; alreadyActive: boolean }> {
  const active = await oldestActiveSync();
  if (active) return { id: active.id, alreadyActive: true };
  const [created] = await db.$transaction([
    db.inventorySync.create({
      data: { status: "QUEUED", triggeredBy: actor.id, kind: options.full ? "full" : "auto" },
    }),
    ...auditOps(audit, { target: "fleet" }),
  ]);
  // No transaction held across the check: when two requests both got here, the older sync stays, the newer withdraws.
  const kept = await oldestActiveSync();
  if (kept && kept.id !== created.id) {
    await db.inventorySync.deleteMany({ where: { id: created.id, status: "QUEUED" } });
    return { id: kept.id, alreadyActive: true };
  }
  return { id: created.id, alreadyActive: false };
}

function oldestActiveSync() {
  return db.inventorySync.findFirst({
    where: { status: { in: ["QUEUED", "RUNNING"] } },
    orderBy: [{ startedAt: "asc" }, { id: "asc" }],
  });
}

/** Claims the oldest queued sync (only one instance wins the claim) and runs it to the end. */
export async function runQueuedSync(now = () => new Date()): Promise<string | null> {
  await db.inventorySync.updateMany({
    where: { status: "RUNNING", heartbeatAt: { lt: new Date(now().getTime() - interruptedAfterMs) } },
    data: {
      status: "FAILED",
      finishedAt: now(),
      regionErrors: JSON.stringify([{ region: "*", message: "interrupted: the process running it stopped" }]),
    },
  });
  const queued = await db.inventorySync.findFirst({ where: { status: "QUEUED" }, orderBy: { startedAt: "asc" } });
  if (!queued) return null;
  const claim = await db.inventorySync.updateMany({
    where: { id: queued.id, status: "QUEUED" },
    data: { status: "RUNNING", startedAt: now(), heartbeatAt: now() },
  });
  if (claim.count === 0) return null;
  const kind = queued.kind === "full" ? "full" : await kindDue(now());
  await db.inventorySync.update({ where: { id: queued.id }, data: { kind } });
  await runSync(queued.id, env().MSF_REGIONS, kind);
  return queued.id;
}

/** Full when the last full sync that read its regions is a period old (or there is none); else incremental. */
async function kindDue(now: Date): Promise<SyncKind> {
  const lastFull = await db.inventorySync.findFirst({
    where: { kind: "full", status: { in: ["SUCCEEDED", "PARTIAL"] } },
    orderBy: { startedAt: "desc" },
    select: { startedAt: true },
  });
  return syncKindDue(lastFull?.startedAt ?? null, now, env().FULL_SYNC_MINUTES * 60_000);
}

type Progress = { total: number; described: number; failed: number; kept: number };

async function runSync(syncId: string, regions: string[], kind: SyncKind): Promise<void> {
  const progress: Progress = { total: 0, described: 0, failed: 0, kept: 0 };
  const runtimeCounts: Record<string, number> = {};
  const regionErrors: { region: string; message: string }[] = [];
  const beat = setInterval(() => void flushProgress(syncId, progress), heartbeatMs);
  try {
    await Promise.all(
      regions.map(async (region) => {
        try {
          const stored = await storedApps(region);
          const outcomes = await syncRegion(region, stored, progress, kind);
          for (const o of outcomes) {
            if (o.kind === "deleted") continue;
            const runtime = o.summary.RuntimeEnvironment ?? "unknown";
            runtimeCounts[runtime] = (runtimeCounts[runtime] ?? 0) + 1;
          }
          await saveRegion(syncId, region, outcomes, new Date());
          await recordOutsideUpgrades(
            region,
            outcomes.flatMap((o) => {
              const name = o.summary.ApplicationName!;
              return o.kind === "read" ? [{ name, read: o.read, previous: stored.get(name) }] : [];
            }),
          ).catch((error) => console.error(`outside history of ${region} failed`, error));
        } catch (error) {
          regionErrors.push({ region, message: describeAwsError(error).message });
        }
      }),
    );
  } finally {
    clearInterval(beat);
  }
  const status =
    regionErrors.length === regions.length
      ? "FAILED"
      : regionErrors.length || progress.failed
        ? "PARTIAL"
        : "SUCCEEDED";
  await db.inventorySync.update({
    where: { id: syncId },
    data: {
      ...progress,
      status,
      finishedAt: new Date(),
      runtimeCounts: JSON.stringify(runtimeCounts),
      regionErrors: JSON.stringify(regionErrors),
    },
  });
}

async function syncRegion(
  region: string,
  stored: ReadonlyMap<string, StoredApp>,
  progress: Progress,
  kind: SyncKind,
): Promise<AppOutcome[]> {
  const { applications } = await listRegionApplications(region);
  const plan = planReads(applications, stored, kind, new Date(), env().DETAIL_REFRESH_MINUTES * 60_000);
  progress.total += plan.read.length;
  progress.kept += plan.kept.length;
  const reads = await mapWithConcurrency(plan.read, env().SYNC_CONCURRENCY, async ({ summary }) => {
    const outcome = await readOutcome(region, summary);
    if (outcome.kind === "failed") progress.failed++;
    progress.described++;
    return outcome;
  });
  const described = reads.filter((o): o is Extract<AppOutcome, { kind: "read" }> => o.kind === "read");
  const instability = await fetchRecentInstability(
    region,
    described.map((o) => ({ name: o.summary.ApplicationName!, runtime: o.read.detail.RuntimeEnvironment ?? "" })),
  ).catch(() => new Map<string, Instability>());
  const logs = await fetchLogEvidence(
    region,
    described.map((o) => ({ name: o.summary.ApplicationName!, detail: o.read.detail })),
  );
  return [
    ...reads.map((o) =>
      o.kind === "read"
        ? {
            ...o,
            instability: instability.get(o.summary.ApplicationName!) ?? null,
            logs: logs.get(o.summary.ApplicationName!) ?? null,
          }
        : o,
    ),
    ...plan.kept.map((summary): AppOutcome => ({ kind: "kept", summary })),
  ];
}

async function storedApps(region: string): Promise<Map<string, StoredApp>> {
  const rows = await db.fleetApp.findMany({
    where: { region },
    select: { name: true, versionId: true, status: true, runtime: true, readAt: true, error: true },
  });
  return new Map(rows.map(({ name, ...app }) => [name, app]));
}

async function readOutcome(region: string, summary: ApplicationSummary): Promise<AppOutcome> {
  try {
    const read: ApplicationRead | null = await readApplication(region, summary);
    return read ? { kind: "read", summary, read, instability: null, logs: null } : { kind: "deleted", summary };
  } catch (error) {
    return { kind: "failed", summary, message: describeAwsError(error).message };
  }
}

async function flushProgress(syncId: string, progress: Progress) {
  await db.inventorySync
    .update({ where: { id: syncId }, data: { ...progress, heartbeatAt: new Date() } })
    .catch(() => undefined);
}
