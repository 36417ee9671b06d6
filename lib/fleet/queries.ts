import type { Prisma } from "@/generated/prisma/client";
import { containsText, db } from "@/lib/db";
import { accountNames, type AccountRegion, type AppKey } from "@/lib/aws/accounts";
import type { FleetFilters } from "./filters";

export const targetRuntime = "FLINK-2_2";

function whereFor(f: FleetFilters): Prisma.FleetAppWhereInput {
  const and: Prisma.FleetAppWhereInput[] = [];
  if (f.q) and.push({ OR: [{ name: containsText(f.q) }, { team: containsText(f.q) }, { tags: containsText(f.q) }] });
  if (f.runtime.length) and.push({ runtime: { in: f.runtime } });
  if (f.risk.length) and.push({ riskLevel: { in: f.risk } });
  if (f.account.length) and.push({ account: { in: f.account } });
  if (f.region.length) and.push({ region: { in: f.region } });
  if (f.status.length) and.push({ status: { in: f.status } });
  if (f.code.length) {
    const scanned = f.code.filter((c) => c !== "unscanned");
    and.push({
      OR: [
        ...(scanned.length ? [{ codeStatus: { in: scanned } }] : []),
        ...(f.code.includes("unscanned") ? [{ codeStatus: null }] : []),
      ],
    });
  }
  for (const tag of f.tag) {
    const [key, ...rest] = tag.split("=");
    const value = rest.join("=");
    and.push({
      tags: { contains: value ? JSON.stringify({ [key!]: value }).slice(1, -1) : `${JSON.stringify(key)}:` },
    });
  }
  return { AND: and };
}

export interface FleetRow {
  account: string;
  /** the account's display name (its id when it has none) */
  accountName: string;
  region: string;
  name: string;
  runtime: string;
  status: string;
  riskLevel: string;
  riskScore: number;
  riskSummary: string | null;
  /** what the code scan found; null: not scanned yet */
  codeStatus: string | null;
  rollbackEnabled: boolean;
  snapshotsEnabled: boolean;
  newestSnapshotAt: Date | null;
  team: string | null;
  env: string | null;
  error: string | null;
}

/** One page of the fleet table, filtered and sorted in the database. */
export async function queryFleet(f: FleetFilters): Promise<{ rows: FleetRow[]; total: number }> {
  const where = whereFor(f);
  const [total, apps] = await Promise.all([
    db.fleetApp.count({ where }),
    db.fleetApp.findMany({
      where,
      orderBy: [{ [f.sort]: f.dir }, { name: "asc" }],
      skip: (f.page - 1) * f.pageSize,
      take: f.pageSize,
      select: {
        account: true,
        region: true,
        name: true,
        runtime: true,
        status: true,
        riskLevel: true,
        riskScore: true,
        risk: true,
        codeStatus: true,
        rollbackEnabled: true,
        snapshotsEnabled: true,
        newestSnapshotAt: true,
        team: true,
        env: true,
        error: true,
      },
    }),
  ]);
  const names = accountNames();
  const rows = apps.map(({ risk, ...row }) => ({
    ...row,
    accountName: names.get(row.account) ?? row.account,
    riskSummary: (JSON.parse(risk) as { summary?: string } | null)?.summary ?? null,
  }));
  return { rows, total };
}

export interface FleetSummary {
  total: number;
  byRuntime: { runtime: string; count: number }[];
  byRisk: Record<string, number>;
  onTarget: number;
  /** account ids with applications, and their display names */
  accounts: { id: string; name: string }[];
  regions: string[];
  statuses: string[];
}

export async function fleetSummary(): Promise<FleetSummary> {
  const [byRuntime, byRisk, byRegion, byStatus, byAccount] = await Promise.all([
    db.fleetApp.groupBy({ by: ["runtime"], _count: { _all: true } }),
    db.fleetApp.groupBy({ by: ["riskLevel"], _count: { _all: true } }),
    db.fleetApp.groupBy({ by: ["region"], _count: { _all: true } }),
    db.fleetApp.groupBy({ by: ["status"], _count: { _all: true } }),
    db.fleetApp.groupBy({ by: ["account"], _count: { _all: true } }),
  ]);
  const names = accountNames();
  const runtimes = byRuntime
    .map((r) => ({ runtime: r.runtime, count: r._count._all }))
    .sort((a, b) => a.runtime.localeCompare(b.runtime, "en", { numeric: true }));
  return {
    total: runtimes.reduce((n, r) => n + r.count, 0),
    byRuntime: runtimes,
    byRisk: Object.fromEntries(byRisk.map((r) => [r.riskLevel, r._count._all])),
    onTarget: runtimes.find((r) => r.runtime === targetRuntime)?.count ?? 0,
    accounts: byAccount
      .map((a) => ({ id: a.account, name: names.get(a.account) ?? a.account }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    regions: byRegion.map((r) => r.region).sort(),
    statuses: byStatus.map((r) => r.status).sort(),
  };
}

export interface SyncView {
  id: string;
  status: string;
  startedAt: Date;
  finishedAt: Date | null;
  /** full | incremental */
  kind: string;
  /** Applications read (incremental: what changed, is new or is due). */
  total: number;
  described: number;
  failed: number;
  /** Applications an incremental sync listed unchanged and did not read. */
  kept: number;
  triggeredBy: string;
  /** What could not be read, one line per account and message: its regions listed ("*": all, or no account). */
  regionErrors: { account: string; regions: string[]; message: string }[];
}

/** A role that cannot be assumed fails every region of its account with one message: said once. */
function groupedErrors(errors: { account?: string; region: string; message: string }[]): SyncView["regionErrors"] {
  const names = accountNames();
  const groups = new Map<string, SyncView["regionErrors"][number]>();
  for (const e of errors) {
    const account = !e.account || e.account === "*" ? "" : `${names.get(e.account) ?? e.account} (${e.account})`;
    const key = `${account}\n${e.message}`;
    const group = groups.get(key) ?? { account, regions: [], message: e.message };
    if (e.region !== "*") group.regions.push(e.region);
    groups.set(key, group);
  }
  return [...groups.values()];
}

function toSyncView(s: { regionErrors: string } & Omit<SyncView, "regionErrors">): SyncView {
  const { id, status, startedAt, finishedAt, kind, total, described, failed, kept, triggeredBy } = s;
  return {
    id,
    status,
    startedAt,
    finishedAt,
    kind,
    total,
    described,
    failed,
    kept,
    triggeredBy,
    regionErrors: groupedErrors(JSON.parse(s.regionErrors) as { account?: string; region: string; message: string }[]),
  };
}

/** The sync in progress (if any), the last finished one, and when the last full sync finished. */
export async function syncStatus(): Promise<{
  active: SyncView | null;
  lastFinished: SyncView | null;
  lastFullAt: Date | null;
}> {
  const [active, lastFinished, lastFull] = await Promise.all([
    db.inventorySync.findFirst({ where: { status: { in: ["QUEUED", "RUNNING"] } }, orderBy: { startedAt: "desc" } }),
    db.inventorySync.findFirst({ where: { finishedAt: { not: null } }, orderBy: { finishedAt: "desc" } }),
    db.inventorySync.findFirst({
      where: { kind: "full", finishedAt: { not: null }, status: { in: ["SUCCEEDED", "PARTIAL"] } },
      orderBy: { finishedAt: "desc" },
      select: { finishedAt: true },
    }),
  ]);
  return {
    active: active && toSyncView(active),
    lastFinished: lastFinished && toSyncView(lastFinished),
    lastFullAt: lastFull?.finishedAt ?? null,
  };
}

/** Where a stored application is: its unique key. */
export function whereApp(app: AppKey) {
  return { account_region_name: { account: app.account, region: app.region, name: app.name } };
}

/** The stored rows of one account + region. */
export function wherePlace(place: AccountRegion) {
  return { account: place.account, region: place.region };
}

export async function getFleetApp(app: AppKey) {
  return db.fleetApp.findUnique({ where: whereApp(app) });
}

/** The application's team tag as the inventory knows it; null when it has none or is unknown. */
export async function teamOf(app: AppKey): Promise<string | null> {
  const row = await db.fleetApp.findUnique({ where: whereApp(app), select: { team: true } });
  return row?.team ?? null;
}
