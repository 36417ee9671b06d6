import type { ApplicationSummary } from "@aws-sdk/client-kinesis-analytics-v2";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { Actor } from "@/lib/auth/actor";
import { auditOps, type AuditWrite } from "@/lib/audit/audit";
import { describeAwsError } from "@/lib/aws/errors";
import { listAccounts, type Account, type AccountRegion } from "@/lib/aws/accounts";
import { credentialsFor, retryIfExpired } from "@/lib/aws/credentials";
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
      regionErrors: JSON.stringify([
        { account: "*", region: "*", message: "interrupted: the process running it stopped" },
      ]),
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
  await runSync(queued.id, kind);
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

/** What could not be read: one region of an account, a whole account ("*": its role), or the account list. */
export interface PlaceError {
  account: string;
  region: string;
  message: string;
}

async function runSync(syncId: string, kind: SyncKind): Promise<void> {
  const progress: Progress = { total: 0, described: 0, failed: 0, kept: 0 };
  const runtimeCounts: Record<string, number> = {};
  const errors: PlaceError[] = [];
  let places = 0;
  const beat = setInterval(() => void flushProgress(syncId, progress), heartbeatMs);
  try {
    const list = await listAccounts().catch((error: unknown) => {
      errors.push({
        account: "*",
        region: "*",
        message: `The accounts could not be listed: ${describeAwsError(error).message}`,
      });
      return { accounts: [] as Account[], errors: [] };
    });
    for (const message of list.errors) errors.push({ account: "*", region: "*", message });
    places = list.accounts.reduce((n, a) => n + a.regions.length, 0) || 1;
    await Promise.all(
      list.accounts.map(async (account) => {
        // One AssumeRole decides the whole account: a role that cannot be assumed is one clear error, not one per region.
        try {
          await credentialsFor({ account: account.id })();
        } catch (error) {
          for (const region of account.regions) {
            errors.push({
              account: account.id,
              region,
              message: `The role ${account.roleArn ?? ""} could not be assumed: ${describeAwsError(error).message}`,
            });
          }
          return;
        }
        await Promise.all(
          account.regions.map(async (region) => {
            const place = { account: account.id, region };
            try {
              await syncPlace(syncId, place, progress, kind, runtimeCounts);
            } catch (error) {
              const message = error instanceof NotSaved ? error.message : describeAwsError(error).message;
              errors.push({ ...place, message });
            }
          }),
        );
      }),
    );
  } finally {
    clearInterval(beat);
  }
  const placeErrors = errors.filter((e) => e.region !== "*").length;
  const status = placeErrors >= places ? "FAILED" : errors.length || progress.failed ? "PARTIAL" : "SUCCEEDED";
  // A database restart that failed regions' saves is usually back within seconds: the end is worth waiting for
  // (else the sync shows RUNNING until the interrupted-sync sweep ends it a minute later).
  await untilWritten(() =>
    db.inventorySync.update({
      where: { id: syncId },
      data: {
        ...progress,
        status,
        finishedAt: new Date(),
        runtimeCounts: JSON.stringify(runtimeCounts),
        regionErrors: JSON.stringify(errors),
      },
    }),
  );
}

async function untilWritten(write: () => Promise<unknown>, waits = [1_000, 2_000, 4_000, 8_000, 15_000]) {
  for (const wait of waits) {
    try {
      return await write();
    } catch {
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
  return write();
}

async function syncPlace(
  syncId: string,
  place: AccountRegion,
  progress: Progress,
  kind: SyncKind,
  runtimeCounts: Record<string, number>,
): Promise<void> {
  const stored = await storedApps(place).catch(notSaved);
  const outcomes = await syncRegion(place, stored, progress, kind);
  for (const o of outcomes) {
    if (o.kind === "deleted") continue;
    const runtime = o.summary.RuntimeEnvironment ?? "unknown";
    runtimeCounts[runtime] = (runtimeCounts[runtime] ?? 0) + 1;
  }
  await saveRegion(syncId, place, outcomes, new Date()).catch(notSaved);
  await recordOutsideUpgrades(
    place,
    outcomes.flatMap((o) => {
      const name = o.summary.ApplicationName!;
      return o.kind === "read" ? [{ name, read: o.read, previous: stored.get(name) }] : [];
    }),
  ).catch((error) => console.error(`outside history of ${place.account}/${place.region} failed`, error));
}

/** The database, not AWS, failed the region: its save is one transaction, so nothing of it was written. */
class NotSaved extends Error {}

function notSaved(error: unknown): never {
  const e = error as { name?: string; code?: string; message?: string };
  const detail = [e.code ?? e.name, e.message?.trim().split("\n")[0]].filter(Boolean).join(": ") || String(error);
  throw new NotSaved(
    `The region's inventory could not be saved (database: ${detail}); its rows are kept as they were.`,
  );
}

async function syncRegion(
  place: AccountRegion,
  stored: ReadonlyMap<string, StoredApp>,
  progress: Progress,
  kind: SyncKind,
): Promise<AppOutcome[]> {
  const { applications } = await retryIfExpired(() => listRegionApplications(place));
  const plan = planReads(applications, stored, kind, new Date(), env().DETAIL_REFRESH_MINUTES * 60_000);
  progress.total += plan.read.length;
  progress.kept += plan.kept.length;
  const reads = await mapWithConcurrency(plan.read, env().SYNC_CONCURRENCY, async ({ summary }) => {
    const outcome = await readOutcome(place, summary);
    if (outcome.kind === "failed") progress.failed++;
    progress.described++;
    return outcome;
  });
  const described = reads.filter((o): o is Extract<AppOutcome, { kind: "read" }> => o.kind === "read");
  const instability = await fetchRecentInstability(
    place,
    described.map((o) => ({ name: o.summary.ApplicationName!, runtime: o.read.detail.RuntimeEnvironment ?? "" })),
  ).catch(() => new Map<string, Instability>());
  const logs = await fetchLogEvidence(
    place,
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

async function storedApps(place: AccountRegion): Promise<Map<string, StoredApp>> {
  const rows = await db.fleetApp.findMany({
    where: { account: place.account, region: place.region },
    select: { name: true, versionId: true, status: true, runtime: true, readAt: true, error: true },
  });
  return new Map(rows.map(({ name, ...app }) => [name, app]));
}

async function readOutcome(place: AccountRegion, summary: ApplicationSummary): Promise<AppOutcome> {
  try {
    const read: ApplicationRead | null = await retryIfExpired(() => readApplication(place, summary));
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
