import * as oidc from "openid-client";
import { env } from "@/lib/env";
import { parseRoleMap, rolesFromGroups, teamsFromGroups, type Role } from "./roles";

// Sign-in with any standard OpenID provider: authorization code with PKCE, state and nonce (openid-client, see
// ADR 7). The groups claim maps to roles; IdPs that leave groups out of the ID token are asked at userinfo.

let discovered: Promise<oidc.Configuration> | undefined;

function configuration(): Promise<oidc.Configuration> {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET } = env();
  if (!OIDC_ISSUER) throw new Error("Sign-in is not configured: set OIDC_ISSUER (see the README, Sign-in).");
  const issuer = new URL(OIDC_ISSUER);
  // Plain http only for an IdP on this machine (the local demo provider); anything else must be https.
  const local = issuer.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(issuer.hostname);
  discovered ??= oidc
    .discovery(
      issuer,
      OIDC_CLIENT_ID,
      OIDC_CLIENT_SECRET,
      undefined,
      local ? { execute: [oidc.allowInsecureRequests] } : {},
    )
    .catch((error) => {
      discovered = undefined;
      throw error;
    });
  return discovered;
}

export function appUrl(): string {
  return env().APP_URL ?? `http://127.0.0.1:${env().PORT}`;
}

const redirectUri = () => `${appUrl()}/auth/callback`;

/** What the browser must bring back to the callback (kept in a short-lived HttpOnly cookie). */
export interface PendingSignIn {
  verifier: string;
  state: string;
  nonce: string;
  returnTo: string;
}

export async function beginSignIn(returnTo: string): Promise<{ url: URL; pending: PendingSignIn }> {
  const config = await configuration();
  const verifier = oidc.randomPKCECodeVerifier();
  const pending = { verifier, state: oidc.randomState(), nonce: oidc.randomNonce(), returnTo: safeReturnTo(returnTo) };
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri(),
    scope: env().OIDC_SCOPES,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state: pending.state,
    nonce: pending.nonce,
  });
  return { url, pending };
}

export interface IdentityFromIdp {
  subject: string;
  email: string;
  name: string;
  roles: Role[];
  teams: string[];
  groups: string[];
  idToken: string;
}

export class SignInRefused extends Error {}

export async function finishSignIn(callback: URL, pending: PendingSignIn): Promise<IdentityFromIdp> {
  const config = await configuration();
  // The IdP redirected to our redirect URI; rebuild it from APP_URL so a proxy's internal host does not matter.
  const current = new URL(`${redirectUri()}${callback.search}`);
  const tokens = await oidc.authorizationCodeGrant(config, current, {
    pkceCodeVerifier: pending.verifier,
    expectedState: pending.state,
    expectedNonce: pending.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims()!;
  const groups = await groupsOf(config, claims, tokens.access_token);
  const roles = rolesFromGroups(groups, parseRoleMap(env().ROLE_MAP));
  const email = typeof claims.email === "string" ? claims.email : claims.sub;
  if (roles.length === 0)
    throw new SignInRefused(
      `${email} signed in, but none of their groups (${groups.join(", ") || "none"}) grants a role here (ROLE_MAP).`,
    );
  return {
    subject: claims.sub,
    email,
    name: typeof claims.name === "string" ? claims.name : email,
    roles,
    teams: teamsFromGroups(groups),
    groups,
    idToken: tokens.id_token!,
  };
}

async function groupsOf(config: oidc.Configuration, claims: oidc.IDToken, accessToken: string): Promise<string[]> {
  if (Array.isArray(claims.groups)) return claims.groups.filter((g): g is string => typeof g === "string");
  // Entra ID's group overage: past its limit the token names a Graph call instead of the groups. We do not call
  // Graph; assign the app roles to fewer groups or use Entra's "groups assigned to the application" filter.
  const names = claims._claim_names as Record<string, string> | undefined;
  if (names?.groups)
    throw new SignInRefused(
      "The identity provider sent too many groups to list in the token (Entra ID group overage): limit the groups the token carries to those assigned to this application.",
    );
  const info = await oidc.fetchUserInfo(config, accessToken, claims.sub);
  return Array.isArray(info.groups) ? info.groups.filter((g): g is string => typeof g === "string") : [];
}

export async function signOutUrl(idToken: string | null): Promise<URL | null> {
  const config = await configuration().catch(() => null);
  if (!config?.serverMetadata().end_session_endpoint) return null;
  return oidc.buildEndSessionUrl(config, {
    post_logout_redirect_uri: `${appUrl()}/login`,
    ...(idToken ? { id_token_hint: idToken } : {}),
  });
}

/** Only a path on this site: never an open redirect. */
export function safeReturnTo(value: string | null | undefined): string {
  return value && value.startsWith("/") && !value.startsWith("//") && !value.includes("\\") ? value : "/";
}
