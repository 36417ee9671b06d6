import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { auditOps, type AuditWrite } from "@/lib/audit/audit";
import { Refused } from "@/lib/actions/action";
import { globalControlId } from "./gate";
import type { FreezeOverrideInput, OverrideIdInput, StopTheLineInput, WindowIdInput } from "./inputs";
import { selectorFromJson, type FreezeWindowInput } from "./windows";

// The change controls' writes. Each writes its change and its audit row in one transaction; the ones that depend
// on what the actor saw (the switch's position, a window or override still there) are conditional updates, so two
// admins racing cannot both win and the loser is told to reload.

const maxWindows = 200;

/** A conditional write lost a race (P2025: the row was not as read; P2002: someone created it first). */
async function orRefuse<T>(write: () => Promise<T>, message: string): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "P2025" || code === "P2002") throw new Refused(message);
    throw error;
  }
}

/** Stop the line (no new upgrade starts anywhere; rollbacks are never held), or let it run again. */
export async function setStopTheLine(
  actor: Actor,
  input: StopTheLineInput,
  audit?: AuditWrite,
  now = new Date(),
): Promise<{ stopped: boolean }> {
  if (input.stopped && (input.reason ?? "").trim().length < 3)
    throw new Refused("Say why the line stops.", { reason: ["Say why the line stops (at least 3 characters)"] }, 400);
  const row = await db.changeControl.findUnique({ where: { id: globalControlId } });
  const current = row?.stopped ?? false;
  if (current === input.stopped)
    throw new Refused(
      current
        ? `Stop-the-line is already on (by ${row?.changedBy ?? "unknown"}: ${row?.reason ?? ""}); reload to see it.`
        : "Stop-the-line is already off; reload to see it.",
    );
  const data = { stopped: input.stopped, reason: input.reason ?? null, changedBy: actor.id, changedAt: now };
  const write = row
    ? db.changeControl.update({ where: { id: globalControlId, stopped: current }, data })
    : db.changeControl.create({ data: { id: globalControlId, ...data } });
  await orRefuse(
    () =>
      db.$transaction([
        write,
        ...auditOps(audit, {
          target: "stop-the-line",
          before: { stopped: current, reason: row?.reason ?? null },
          after: { stopped: input.stopped, reason: input.reason ?? null },
        }),
      ]),
    "Someone else switched stop-the-line first; reload to see it.",
  );
  return { stopped: input.stopped };
}

export async function createFreezeWindow(
  actor: Actor,
  input: FreezeWindowInput,
  audit?: AuditWrite,
): Promise<{ id: string }> {
  if ((await db.freezeWindow.count()) >= maxWindows)
    throw new Refused(`The calendar holds at most ${maxWindows} windows; delete one that no longer matters first.`);
  // The id is chosen here so the audit row, written in the same transaction, can name the window.
  const id = randomUUID();
  const window = {
    name: input.name,
    kind: input.kind,
    cron: input.cron,
    durationMinutes: input.durationMinutes,
    timeZone: input.timeZone,
    selector: input.selector,
  };
  await db.$transaction([
    db.freezeWindow.create({ data: { id, ...window, selector: JSON.stringify(input.selector), createdBy: actor.id } }),
    ...auditOps(audit, { target: `freeze-window:${id}`, after: window }),
  ]);
  return { id };
}

export async function deleteFreezeWindow(
  _actor: Actor,
  input: WindowIdInput,
  audit?: AuditWrite,
): Promise<{ id: string }> {
  const row = await db.freezeWindow.findUnique({ where: { id: input.id } });
  if (!row) throw new Refused("This window was already deleted; reload to see the calendar.");
  await orRefuse(
    () =>
      db.$transaction([
        db.freezeWindow.delete({ where: { id: row.id } }),
        ...auditOps(audit, {
          target: `freeze-window:${row.id}`,
          before: {
            name: row.name,
            kind: row.kind,
            cron: row.cron,
            durationMinutes: row.durationMinutes,
            timeZone: row.timeZone,
            selector: selectorFromJson(row.selector),
            createdBy: row.createdBy,
          },
        }),
      ]),
    "This window was already deleted; reload to see the calendar.",
  );
  return { id: row.id };
}

/**
 * An emergency override: the freeze calendar holds nothing until `until` (at most 24 h). Stop-the-line still
 * does. One at a time, so the audit trail says plainly who lifted the calendar, for which ticket, until when.
 */
export async function createFreezeOverride(
  actor: Actor,
  input: FreezeOverrideInput,
  audit?: AuditWrite,
  now = new Date(),
): Promise<{ id: string; until: Date }> {
  const active = await db.freezeOverride.findFirst({ where: { until: { gt: now } }, orderBy: { until: "desc" } });
  if (active)
    throw new Refused(
      `An override is already active until ${active.until.toISOString()} (by ${active.by}, ticket ${active.ticket}); end it first to start another.`,
    );
  const id = randomUUID();
  const until = new Date(now.getTime() + Math.round(input.hours * 3600) * 1000);
  await db.$transaction([
    db.freezeOverride.create({
      data: { id, reason: input.reason, ticket: input.ticket, by: actor.id, createdAt: now, until },
    }),
    ...auditOps(audit, {
      target: `freeze-override:${id}`,
      after: { reason: input.reason, ticket: input.ticket, until: until.toISOString() },
    }),
  ]);
  return { id, until };
}

/** Ends an override now: the calendar holds again at once. */
export async function endFreezeOverride(
  _actor: Actor,
  input: OverrideIdInput,
  audit?: AuditWrite,
  now = new Date(),
): Promise<{ id: string }> {
  const row = await db.freezeOverride.findUnique({ where: { id: input.id } });
  if (!row) throw new Refused("Unknown override.", undefined, 400);
  if (row.until <= now) throw new Refused("This override has already ended; reload to see it.");
  await orRefuse(
    () =>
      db.$transaction([
        db.freezeOverride.update({ where: { id: row.id, until: row.until }, data: { until: now } }),
        ...auditOps(audit, {
          target: `freeze-override:${row.id}`,
          before: { until: row.until.toISOString(), ticket: row.ticket },
          after: { until: now.toISOString() },
        }),
      ]),
    "This override changed meanwhile; reload to see it.",
  );
  return { id: row.id };
}
