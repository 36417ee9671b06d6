import { db } from "@/lib/db";
import { runKey } from "@/lib/upgrades/run-types";
import { teamOf } from "@/lib/fleet/queries";
import type { AppKey } from "@/lib/aws/accounts";

// Team scoping: a user whose groups name teams acts only on applications tagged with one of them. A user with no
// team groups is not scoped. Reads are never scoped: the whole fleet stays visible to everyone signed in.

export type AppRef = AppKey;

/** The application a run acts on; null for an unknown run (the verb then refuses on its own). */
export async function appOfRun(runId: string): Promise<AppRef | null> {
  const run = await db.upgradeRun.findUnique({
    where: { id: runId },
    select: { account: true, region: true, appName: true },
  });
  return run ? runKey(run) : null;
}

/** Why this user may not act on the application; null when they may. */
export async function outOfScope(teams: readonly string[], app: AppRef | null): Promise<string | null> {
  if (teams.length === 0 || app === null) return null;
  const team = await teamOf(app);
  if (inScope(teams, team)) return null;
  return `${app.name} belongs to ${team ? `team ${team}` : "no team"}; you act for ${teams.join(", ")} only.`;
}

/** Whether this user may act on the application, for hiding controls on pages (the action checks again). */
export function inScope(teams: readonly string[], appTeam: string | null): boolean {
  return teams.length === 0 || (appTeam !== null && teams.includes(appTeam));
}
