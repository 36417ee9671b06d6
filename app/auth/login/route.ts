import { NextResponse } from "next/server";
import { cookieOptions, signInCookie } from "@/lib/auth/cookies";
import { beginSignIn } from "@/lib/auth/oidc";

export const dynamic = "force-dynamic";

/** Starts the OpenID Connect sign-in: PKCE, state and nonce kept in a 10-minute HttpOnly cookie. */
export async function GET(request: Request) {
  try {
    const { url, pending } = await beginSignIn(new URL(request.url).searchParams.get("returnTo") ?? "/");
    const response = NextResponse.redirect(url, 302);
    response.cookies.set(signInCookie, JSON.stringify(pending), cookieOptions(600, "/auth"));
    return response;
  } catch (error) {
    console.error("sign-in could not start", error);
    return NextResponse.redirect(new URL("/login?error=idp", request.url), 303);
  }
}
