import type { AccountRegion, AppKey } from "@/lib/aws/accounts";
import { whereApp, wherePlace } from "./queries";
import { db } from "@/lib/db";
import type { ScanCache, ScanCacheKey } from "@/lib/compat/cache";
import type { ScanResult } from "@/lib/compat/scan";
import { codeFactOf, type CodeFact } from "@/lib/risk";

/** Results by ETag and scanner version, in the database: a JAR shared by many applications is scanned once. */
export const dbScanCache: ScanCache = {
  async get(key: ScanCacheKey) {
    const row = await db.codeScan.findUnique({ where: { id: `${key.scannerVersion}:${key.etag}` } });
    return row ? (JSON.parse(row.summary) as ScanResult) : undefined;
  },
  async set(key: ScanCacheKey, result: ScanResult) {
    const id = `${key.scannerVersion}:${key.etag}`;
    const data = { etag: key.etag, status: result.status, summary: JSON.stringify(result), scannedAt: new Date() };
    await db.codeScan.upsert({ where: { id }, create: { id, ...data }, update: data });
  },
};

/** The stored scans of an application's current code and of its target build; null when not scanned (or none). */
export async function codeScansOf(
  key: AppKey,
): Promise<{ current: StoredScan | null; target: StoredScan | null; targetStatus: string | null }> {
  const app = await db.fleetApp.findUnique({
    where: whereApp(key),
    select: { codeEtag: true, targetCodeEtag: true, targetCodeStatus: true },
  });
  return {
    current: await scanByEtag(app?.codeEtag),
    target: await scanByEtag(app?.targetCodeEtag),
    targetStatus: app?.targetCodeStatus ?? null,
  };
}

export type StoredScan = ScanResult & { etag: string };

async function scanByEtag(etag: string | null | undefined): Promise<StoredScan | null> {
  if (!etag) return null;
  const row = await db.codeScan.findFirst({ where: { etag }, orderBy: { scannedAt: "desc" } });
  return row ? { ...(JSON.parse(row.summary) as ScanResult), etag: row.etag } : null;
}

/** The code facts of a region's applications, for the sync's risk: the target build's scan, else the current's. */
export async function codeFactsFor(place: AccountRegion): Promise<Map<string, CodeFact | null>> {
  const apps = await db.fleetApp.findMany({
    where: { ...wherePlace(place), codeEtag: { not: null } },
    select: { name: true, codeEtag: true, targetCodeEtag: true },
  });
  const deciding = (a: (typeof apps)[number]) => a.targetCodeEtag ?? a.codeEtag!;
  const scans = await db.codeScan.findMany({
    where: { etag: { in: apps.map(deciding) } },
    orderBy: { scannedAt: "asc" },
  });
  const byEtag = new Map(scans.map((s) => [s.etag, JSON.parse(s.summary) as ScanResult]));
  return new Map(apps.map((a) => [a.name, codeFactOf(byEtag.get(deciding(a)) ?? null)]));
}
