import { appUrl } from "./oidc";

/** HttpOnly, SameSite=Lax, and Secure wherever the dashboard is served over https (every real deployment). */
export function cookieOptions(maxAgeSeconds: number, path = "/") {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: new URL(appUrl()).protocol === "https:",
    path,
    maxAge: maxAgeSeconds,
  };
}

export const signInCookie = "msf_signin";
