import { z } from "zod";
import { containsText, db } from "@/lib/db";
import { csvField } from "@/lib/history/csv";

// The audit trail as managers and admins read it: filters in the URL, newest first, paged by id, and a CSV of the
// same selection. Read-only: the app never updates or deletes an audit row.

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);

export const AuditFilters = z.object({
  actor: z.string().trim().max(200).optional().catch(undefined),
  action: z.string().trim().max(100).optional().catch(undefined),
  from: day,
  to: day,
  before: z.coerce.number().int().positive().optional().catch(undefined),
});
export type AuditFilters = z.infer<typeof AuditFilters>;

export function parseAuditFilters(params: Record<string, string | string[] | undefined>): AuditFilters {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
  return AuditFilters.parse(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, one(v)])));
}

function whereOf(f: AuditFilters) {
  return {
    ...(f.actor ? { actor: containsText(f.actor) } : {}),
    ...(f.action ? { action: f.action } : {}),
    ...(f.from || f.to
      ? {
          at: {
            ...(f.from ? { gte: new Date(`${f.from}T00:00:00Z`) } : {}),
            ...(f.to ? { lt: new Date(new Date(`${f.to}T00:00:00Z`).getTime() + 86_400_000) } : {}),
          },
        }
      : {}),
  };
}

export const auditPageSize = 100;

export async function auditPage(f: AuditFilters) {
  const rows = await db.auditEvent.findMany({
    where: { ...whereOf(f), ...(f.before ? { id: { lt: f.before } } : {}) },
    orderBy: { id: "desc" },
    take: auditPageSize + 1,
  });
  return {
    rows: rows.slice(0, auditPageSize),
    olderFrom: rows.length > auditPageSize ? rows[auditPageSize - 1]!.id : null,
  };
}

export async function auditActions(): Promise<string[]> {
  const rows = await db.auditEvent.findMany({
    distinct: ["action"],
    select: { action: true },
    orderBy: { action: "asc" },
  });
  return rows.map((r) => r.action);
}

const headers = ["id", "at_utc", "actor", "roles", "action", "target", "before", "after", "request_id"];

export async function auditCsv(f: AuditFilters): Promise<string> {
  const rows = await db.auditEvent.findMany({ where: whereOf(f), orderBy: { id: "desc" }, take: 100_000 });
  const lines = rows.map((r) =>
    [
      r.id,
      r.at.toISOString(),
      r.actor,
      (JSON.parse(r.roles) as string[]).join(" "),
      r.action,
      r.target,
      r.before,
      r.after,
      r.requestId,
    ]
      .map(csvField)
      .join(","),
  );
  return `${[headers.join(","), ...lines].join("\r\n")}\r\n`;
}
