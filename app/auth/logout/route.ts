import { NextResponse } from "next/server";
import { runAction } from "@/lib/actions/action";
import { signOutSpec } from "@/lib/actions/specs";
import { currentUser } from "@/lib/auth/current-user";
import { appUrl, signOutUrl } from "@/lib/auth/oidc";
import { sessionCookie } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

/** Ends the session here, then at the IdP (RP-initiated logout) when it offers that. */
export async function POST() {
  const outcome = await runAction(signOutSpec, await currentUser(), null);
  const idToken = outcome.ok ? outcome.data.idToken : null;
  const target = (await signOutUrl(idToken)) ?? new URL("/login", appUrl());
  const response = NextResponse.redirect(target, 303);
  response.cookies.delete(sessionCookie);
  return response;
}
