import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import type { AuditWrite } from "@/lib/audit/audit";
import type { Role } from "./roles";

// Sessions live in the database; the browser holds only a random token (HttpOnly cookie), the table only its hash,
// so a leaked table signs nobody in.

export const sessionCookie = "msf_session";

export interface SignedInUser {
  sessionId: string;
  subject: string;
  email: string;
  name: string;
  roles: Role[];
  teams: string[];
}

const hashOf = (token: string) => createHash("sha256").update(token).digest("base64url");

/** Opens a session with its audit row in one transaction: a sign-in is a write like any other. */
export async function createSession(
  user: Omit<SignedInUser, "sessionId">,
  options: { hours: number; idToken?: string; audit: AuditWrite; groups: readonly string[] },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + options.hours * 3600_000);
  const target = `user:${user.email}`;
  await db.$transaction([
    db.session.create({
      data: {
        id: hashOf(token),
        subject: user.subject,
        email: user.email,
        name: user.name,
        roles: JSON.stringify(user.roles),
        teams: JSON.stringify(user.teams),
        idToken: options.idToken ?? null,
        expiresAt,
      },
    }),
    options.audit({ target, after: { roles: user.roles, teams: user.teams, groups: options.groups } }),
  ]);
  return { token, expiresAt };
}

/** The user a session token belongs to; null for a missing, tampered, or expired one. */
export async function readSession(token: string | undefined): Promise<SignedInUser | null> {
  if (!token || token.length > 100) return null;
  const row = await db.session.findUnique({ where: { id: hashOf(token) } });
  if (!row || row.expiresAt.getTime() <= Date.now()) return null;
  return {
    sessionId: row.id,
    subject: row.subject,
    email: row.email,
    name: row.name,
    roles: JSON.parse(row.roles) as Role[],
    teams: JSON.parse(row.teams) as string[],
  };
}

/** Ends a session with its audit row; answers its ID token for the IdP's logout. */
export async function endSession(user: SignedInUser, audit: AuditWrite): Promise<{ idToken: string | null }> {
  const row = await db.session.findUnique({ where: { id: user.sessionId } });
  await db.$transaction([
    db.session.deleteMany({ where: { id: user.sessionId } }),
    audit({ target: `user:${user.email}` }),
  ]);
  return { idToken: row?.idToken ?? null };
}
