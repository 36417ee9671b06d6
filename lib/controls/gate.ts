import { db } from "@/lib/db";
import { freezeVerdict, windowFromRow, type AppFacts, type FreezeVerdict } from "./windows";

// Whether a new upgrade may start on an application now: stop-the-line, then an active emergency override (which
// lifts the freeze calendar only), then the calendar. Called by the worker for every run about to mutate (several
// times a second), so it reads the three tiny tables on each call instead of caching: a switch takes effect at
// once. Rollbacks never ask.

export const globalControlId = "global";

export interface GateApp extends AppFacts {
  name: string;
}

export interface LineStop {
  by: string;
  reason: string;
  at: Date;
}

/** Who stopped the line, why and when; null while it runs. */
export async function lineStopped(): Promise<LineStop | null> {
  const row = await db.changeControl.findUnique({ where: { id: globalControlId } });
  if (!row?.stopped) return null;
  return { by: row.changedBy ?? "unknown", reason: row.reason ?? "", at: row.changedAt ?? new Date(0) };
}

/** The override in force at `now`, if any (the one that lasts longest). */
export async function activeOverride(now = new Date()) {
  return db.freezeOverride.findFirst({ where: { until: { gt: now } }, orderBy: { until: "desc" } });
}

export async function changeGate(app: GateApp, now = new Date()): Promise<FreezeVerdict> {
  const stop = await lineStopped();
  if (stop) return { open: false, reason: `Stop-the-line is on (by ${stop.by}: ${stop.reason})`, opensAt: null };
  const [override, rows] = await Promise.all([activeOverride(now), db.freezeWindow.findMany()]);
  if (override || rows.length === 0) return { open: true };
  return freezeVerdict(rows.map(windowFromRow), app, now);
}
