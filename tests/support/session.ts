// A real session row for tests that call route handlers directly: the same table and cookie a sign-in produces.
import type { Role } from "@/lib/auth/roles";
import type { SignedInUser } from "@/lib/auth/session";

export async function sessionCookieFor(roles: Role[], email = `${roles.join("-") || "nobody"}@example.com`) {
  const { createSession, sessionCookie } = await import("@/lib/auth/session");
  const { auditWriter } = await import("@/lib/audit/audit");
  const audit = auditWriter({ actor: email, roles, action: "signed-in", requestId: "test" });
  const { token } = await createSession(
    { subject: email, email, name: email, roles, teams: [] },
    { hours: 1, audit, groups: [] },
  );
  return `${sessionCookie}=${token}`;
}

/** A signed-in person as `runAction` receives them, for calling the write path in-process. */
export function signedIn(email: string, roles: Role[], teams: string[] = []): SignedInUser {
  return { sessionId: "s", subject: email, email, name: email, roles, teams };
}
