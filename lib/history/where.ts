import type { Prisma } from "@/generated/prisma/client";
import { dateBounds, type HistoryFilters } from "./filters";
import type { AppKey } from "@/lib/aws/accounts";

export type AppRef = AppKey;

/**
 * The SQL filter for a history view. Runs do not carry the team: `teamApps` are the applications
 * the inventory tags with one of the chosen teams (undefined when no team is chosen).
 */
export function historyWhere(f: HistoryFilters, teamApps?: readonly AppRef[]): Prisma.UpgradeRunWhereInput {
  const and: Prisma.UpgradeRunWhereInput[] = [];
  if (f.outcome.length) {
    const stored = f.outcome.filter((o) => o !== "IN_PROGRESS");
    const or: Prisma.UpgradeRunWhereInput[] = [];
    if (stored.length) or.push({ outcome: { in: stored } });
    if (f.outcome.includes("IN_PROGRESS")) or.push({ outcome: null });
    and.push({ OR: or });
  }
  if (f.runtime.length) and.push({ OR: [{ fromRuntime: { in: f.runtime } }, { toRuntime: { in: f.runtime } }] });
  if (f.account.length) and.push({ account: { in: f.account } });
  if (f.region.length) and.push({ region: { in: f.region } });
  if (f.who.length) and.push({ initiatedBy: { in: f.who } });
  if (f.campaign.length) and.push({ campaignId: { in: f.campaign } });
  if (f.source) and.push(f.source === "outside" ? { kind: "OUTSIDE" } : { kind: { not: "OUTSIDE" } });
  const created = dateBounds(f);
  if (created.gte || created.lt) and.push({ createdAt: created });
  if (teamApps) {
    // No application of these teams: a condition nothing satisfies, rather than silently ignoring the filter.
    and.push(
      teamApps.length
        ? { OR: teamApps.map((a) => ({ account: a.account, region: a.region, appName: a.name })) }
        : { id: { in: [] } },
    );
  }
  return { AND: and };
}
