import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { can, type Permission } from "./roles";
import { readSession, sessionCookie, type SignedInUser } from "./session";

// Every page and route handler asks here, on the server, on every request: no client state is trusted.

export async function currentUser(): Promise<SignedInUser | null> {
  return readSession((await cookies()).get(sessionCookie)?.value);
}

/** For pages: the signed-in user, or a redirect to the sign-in page that comes back here. */
export async function requireUser(returnTo = "/"): Promise<SignedInUser> {
  const user = await currentUser();
  if (!user) redirect(`/login?returnTo=${encodeURIComponent(returnTo)}`);
  if (!can(user.roles, "read")) redirect("/login?error=norole");
  return user;
}

/** For route handlers (read from the request itself, so a handler needs no Next request scope): the user, or the refusal. */
export async function userFor(
  request: Request,
  permission: Permission,
): Promise<{ ok: true; user: SignedInUser } | { ok: false; response: Response }> {
  const user = await readSession(sessionTokenOf(request.headers.get("cookie")));
  if (!user) return { ok: false, response: Response.json({ error: "Sign in first." }, { status: 401 }) };
  if (!can(user.roles, permission))
    return {
      ok: false,
      response: Response.json({ error: `Your roles (${user.roles.join(", ")}) do not allow this.` }, { status: 403 }),
    };
  return { ok: true, user };
}

export function sessionTokenOf(cookieHeader: string | null): string | undefined {
  for (const part of (cookieHeader ?? "").split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === sessionCookie) return decodeURIComponent(value.join("="));
  }
  return undefined;
}
