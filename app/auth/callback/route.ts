import { randomUUID } from "node:crypto";
import { cookies } from "next/headers";
import { NextResponse } from "next/server";
import { auditWriter } from "@/lib/audit/audit";
import { cookieOptions, signInCookie } from "@/lib/auth/cookies";
import { appUrl, finishSignIn, SignInRefused, type PendingSignIn } from "@/lib/auth/oidc";
import { createSession, sessionCookie } from "@/lib/auth/session";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

/** The IdP sends the browser back here: exchange the code, map groups to roles, open a session. */
export async function GET(request: Request) {
  const jar = await cookies();
  const raw = jar.get(signInCookie)?.value;
  const back = (error: string) => {
    const response = NextResponse.redirect(new URL(`/login?error=${error}`, appUrl()), 303);
    response.cookies.delete({ name: signInCookie, path: "/auth" });
    return response;
  };
  if (!raw) return back("expired");
  let pending: PendingSignIn;
  try {
    pending = JSON.parse(raw) as PendingSignIn;
  } catch {
    return back("expired");
  }
  try {
    const identity = await finishSignIn(new URL(request.url), pending);
    const { roles, teams, email, name, subject, groups, idToken } = identity;
    const audit = auditWriter({ actor: email, roles, action: "signed-in", requestId: randomUUID() });
    const { token } = await createSession(
      { subject, email, name, roles, teams },
      { hours: env().SESSION_HOURS, idToken, audit, groups },
    );
    const response = NextResponse.redirect(new URL(pending.returnTo, appUrl()), 303);
    response.cookies.delete({ name: signInCookie, path: "/auth" });
    response.cookies.set(sessionCookie, token, cookieOptions(env().SESSION_HOURS * 3600));
    return response;
  } catch (error) {
    if (error instanceof SignInRefused) {
      console.warn(`sign-in refused: ${error.message}`);
      return back("norole");
    }
    console.error("sign-in failed", error);
    return back("failed");
  }
}
