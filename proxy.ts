import { NextResponse } from "next/server";
import { env } from "@/lib/env";
import { securityHeaders } from "@/lib/security-headers";

// Headers only: who may see what is decided by each page and route handler, on the server (lib/auth).
export function proxy() {
  const response = NextResponse.next();
  const issuer = env().OIDC_ISSUER;
  const headers = securityHeaders({
    idpOrigin: issuer ? new URL(issuer).origin : null,
    production: env().NODE_ENV === "production",
  });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = { matcher: "/((?!_next/static|_next/image).*)" };
