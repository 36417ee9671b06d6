import { db } from "@/lib/db";
import { cronInWords } from "./cron-words";
import { activeOverride, globalControlId } from "./gate";
import { nextStart, openInterval, overlaps, windowFromRow, type WindowKind, type WindowSelector } from "./windows";

// What /controls shows, with instants as ISO strings (the page renders them in the reader's own time zone).

export type WindowStatus =
  { state: "open"; until: string } | { state: "closed"; opensAt: string | null } | { state: "broken"; problem: string };

export interface WindowView {
  id: string;
  name: string;
  kind: WindowKind;
  cron: string;
  words: string | null;
  durationMinutes: number;
  timeZone: string;
  selector: WindowSelector;
  createdBy: string;
  createdAt: string;
  status: WindowStatus;
}

export interface OverlapView {
  deny: { id: string; name: string };
  allows: { id: string; name: string; firstAt: string; minutes: number; allowMinutes: number; coversAllow: boolean }[];
}

export interface OverrideView {
  id: string;
  reason: string;
  ticket: string;
  by: string;
  createdAt: string;
  until: string;
}

export interface ControlsView {
  now: string;
  stop: { stopped: boolean; reason: string | null; changedBy: string | null; changedAt: string | null };
  windows: WindowView[];
  overlaps: OverlapView[];
  override: OverrideView | null;
  recentOverrides: OverrideView[];
}

const overrideView = (o: {
  id: string;
  reason: string;
  ticket: string;
  by: string;
  createdAt: Date;
  until: Date;
}): OverrideView => ({ ...o, createdAt: o.createdAt.toISOString(), until: o.until.toISOString() });

export async function controlsView(now = new Date()): Promise<ControlsView> {
  const [control, rows, override, recent] = await Promise.all([
    db.changeControl.findUnique({ where: { id: globalControlId } }),
    db.freezeWindow.findMany({ orderBy: [{ kind: "desc" }, { createdAt: "asc" }] }),
    activeOverride(now),
    db.freezeOverride.findMany({ orderBy: { createdAt: "desc" }, take: 5 }),
  ]);
  const rules = rows.map(windowFromRow);
  const windows = rows.map((row, i): WindowView => {
    const rule = rules[i]!;
    let status: WindowStatus;
    try {
      const open = openInterval(rule, now);
      status = open
        ? { state: "open", until: open.end.toISOString() }
        : { state: "closed", opensAt: nextStart(rule, now)?.toISOString() ?? null };
    } catch (error) {
      status = { state: "broken", problem: error instanceof Error ? error.message : String(error) };
    }
    return {
      id: row.id,
      name: row.name,
      kind: rule.kind,
      cron: row.cron,
      words: cronInWords(row.cron),
      durationMinutes: row.durationMinutes,
      timeZone: row.timeZone,
      selector: rule.selector,
      createdBy: row.createdBy,
      createdAt: row.createdAt.toISOString(),
      status,
    };
  });
  return {
    now: now.toISOString(),
    stop: {
      stopped: control?.stopped ?? false,
      reason: control?.reason ?? null,
      changedBy: control?.changedBy ?? null,
      changedAt: control?.changedAt?.toISOString() ?? null,
    },
    windows,
    overlaps: overlaps(rules, now, 7).map(({ deny, allows }) => ({
      deny: { id: deny.id!, name: deny.name },
      allows: allows.map((a) => ({
        id: a.allow.id!,
        name: a.allow.name,
        firstAt: a.firstAt.toISOString(),
        minutes: a.minutes,
        allowMinutes: a.allowMinutes,
        coversAllow: a.coversAllow,
      })),
    })),
    override: override ? overrideView(override) : null,
    recentOverrides: recent.map(overrideView),
  };
}
