import type { Prisma } from "@/generated/prisma/client";
import { runKey } from "@/lib/upgrades/run-types";
import { db } from "@/lib/db";
import { accountNames, appKeyText } from "@/lib/aws/accounts";
import type { HistoryFilters } from "./filters";
import { historyRunSelect, toHistoryRow, type HistoryRow, type HistoryRunFields } from "./rows";
import { summarizeRuns, type HistorySummary } from "./summary";
import { historyWhere } from "./where";

async function whereFor(f: HistoryFilters): Promise<Prisma.UpgradeRunWhereInput> {
  if (!f.team.length) return historyWhere(f);
  const apps = await db.fleetApp.findMany({
    where: { team: { in: f.team } },
    select: { account: true, region: true, name: true },
  });
  return historyWhere(f, apps);
}

function orderBy(f: HistoryFilters): Prisma.UpgradeRunOrderByWithRelationInput[] {
  return [{ [f.sort]: f.dir }, { createdAt: "desc" }, { id: "asc" }];
}

/** Teams of the applications on these rows, as the inventory knows them now. */
async function teamsOf(
  runs: readonly { account: string; region: string; appName: string }[],
): Promise<Map<string, string | null>> {
  const names = [...new Set(runs.map((r) => r.appName))];
  if (names.length === 0) return new Map();
  const apps = await db.fleetApp.findMany({
    where: { name: { in: names } },
    select: { account: true, region: true, name: true, team: true },
  });
  return new Map(apps.map((a) => [appKeyText(a), a.team]));
}

async function toRows(runs: HistoryRunFields[]): Promise<HistoryRow[]> {
  const teams = await teamsOf(runs);
  const names = accountNames();
  return runs.map((run) => toHistoryRow(run, teams.get(appKeyText(runKey(run))) ?? null, names.get(run.account)));
}

/** One page of the history, filtered, sorted and paginated in the database. */
export async function queryHistory(f: HistoryFilters): Promise<{ rows: HistoryRow[]; total: number }> {
  const where = await whereFor(f);
  const [total, runs] = await Promise.all([
    db.upgradeRun.count({ where }),
    db.upgradeRun.findMany({
      where,
      orderBy: orderBy(f),
      skip: (f.page - 1) * f.pageSize,
      take: f.pageSize,
      select: historyRunSelect,
    }),
  ]);
  return { rows: await toRows(runs), total };
}

/** Every row of the filtered view in the table's order: what the CSV export writes. */
export async function historyRowsForExport(f: HistoryFilters): Promise<HistoryRow[]> {
  const runs = await db.upgradeRun.findMany({
    where: await whereFor(f),
    orderBy: orderBy(f),
    select: historyRunSelect,
  });
  return toRows(runs);
}

/** The manager summary over every run of the filtered view (not only the page shown). */
export async function historySummary(f: HistoryFilters): Promise<HistorySummary> {
  const runs = await db.upgradeRun.findMany({
    where: await whereFor(f),
    select: historyRunSelect,
    orderBy: { createdAt: "asc" },
  });
  return summarizeRuns(runs);
}

export interface HistoryOptions {
  runtimes: string[];
  accounts: { id: string; name: string }[];
  regions: string[];
  teams: string[];
  initiators: string[];
  campaigns: { id: string; name: string }[];
}

/** The values each filter can take, from the runs and the inventory. */
export async function historyOptions(): Promise<HistoryOptions> {
  const [from, to, regions, initiators, teams, campaigns, accounts] = await Promise.all([
    db.upgradeRun.groupBy({ by: ["fromRuntime"] }),
    db.upgradeRun.groupBy({ by: ["toRuntime"] }),
    db.upgradeRun.groupBy({ by: ["region"] }),
    db.upgradeRun.groupBy({ by: ["initiatedBy"] }),
    db.fleetApp.groupBy({ by: ["team"], where: { team: { not: null } } }),
    db.campaign.findMany({ select: { id: true, name: true }, orderBy: { createdAt: "desc" }, take: 100 }),
    db.upgradeRun.groupBy({ by: ["account"] }),
  ]);
  const names = accountNames();
  const runtimes = [...new Set([...from.map((r) => r.fromRuntime), ...to.map((r) => r.toRuntime)])];
  return {
    runtimes: runtimes.sort((a, b) => a.localeCompare(b, "en", { numeric: true })),
    accounts: accounts
      .map((a) => ({ id: a.account, name: a.account ? (names.get(a.account) ?? a.account) : "unknown account" }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    regions: regions.map((r) => r.region).sort(),
    teams: teams.flatMap((t) => (t.team ? [t.team] : [])).sort(),
    initiators: initiators.map((r) => r.initiatedBy).sort(),
    campaigns,
  };
}
