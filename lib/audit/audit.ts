import { db } from "@/lib/db";

// The audit row of a write is created by the verb inside the same transaction as the write itself, so a change
// without its row (or a row for a change that failed) cannot exist. The app only ever inserts into this table.

export interface AuditEntry {
  /** When a verb's change is not the one asked for (an approval that voids a stale request); the spec's by default. */
  action?: string;
  target?: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditWho {
  actor: string;
  roles: readonly string[];
  action: string;
  requestId: string;
}

export type AuditWrite = (entry: AuditEntry) => ReturnType<typeof db.auditEvent.create>;

export function auditWriter(who: AuditWho): AuditWrite {
  return (entry) =>
    db.auditEvent.create({
      data: {
        actor: who.actor,
        roles: JSON.stringify(who.roles),
        action: entry.action ?? who.action,
        requestId: who.requestId,
        target: entry.target ?? null,
        before: entry.before === undefined ? null : JSON.stringify(entry.before),
        after: entry.after === undefined ? null : JSON.stringify(entry.after),
      },
    });
}

/** The audit write to batch with a verb's own writes; none when the dashboard itself acts (schedules). */
export function auditOps(audit: AuditWrite | undefined, entry: AuditEntry) {
  return audit ? [audit(entry)] : [];
}
