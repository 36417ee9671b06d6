// The local IdP over real HTTP, driven by openid-client as the dashboard drives it; the browser part (redirects,
// cookies, the sign-in form) is done by hand with fetch.
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import * as client from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIdp, type RunningIdp } from "./server";
import { Browser } from "./test-browser";

const app = "http://127.0.0.1:3999";
const dashboard = {
  client_id: "msf-dashboard",
  client_secret: "test-secret",
  redirect_uris: [`${app}/auth/callback`],
  post_logout_redirect_uris: [`${app}/login`],
};
const redirect_uri = `${app}/auth/callback`;

function discover(idp: RunningIdp, auth?: client.ClientAuth, secret = dashboard.client_secret) {
  return client.discovery(new URL(idp.issuer), dashboard.client_id, secret, auth, {
    execute: [client.allowInsecureRequests],
  });
}

async function authorizationRequest(config: client.Configuration, extra: Record<string, string> = {}) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri,
    scope: "openid profile email groups",
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
    ...extra,
  });
  return { url, checks: { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce } };
}

/** GET /auth → the sign-in page → post `account` → the redirects back to the app. */
async function signIn(idp: RunningIdp, config: client.Configuration, browser: Browser, account: string) {
  const request = await authorizationRequest(config);
  const auth = await browser.get(request.url);
  expect(auth.status).toBe(303);
  const interaction = new URL(auth.headers.get("location")!, idp.url);
  expect(interaction.pathname).toMatch(/^\/interaction\/[\w-]+$/);
  const page = await browser.get(interaction);
  expect(page.status).toBe(200);
  const html = await page.text();
  const posted = await browser.post(interaction, { account });
  expect(posted.status).toBe(303);
  const { url: callback } = await browser.follow(posted, interaction.href, idp.url);
  return { callback, checks: request.checks, html };
}

const decode = (html: string) => html.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
const buttons = (html: string) => [...html.matchAll(/<button[^>]*>([^<]*)<\/button>/g)].map((m) => decode(m[1]!));

describe("local IdP", () => {
  let idp: RunningIdp;
  let config: client.Configuration;

  beforeAll(async () => {
    idp = await createIdp({ port: 0, clients: [dashboard] });
    config = await discover(idp, client.ClientSecretBasic(dashboard.client_secret));
  });
  afterAll(() => idp.close());

  it("publishes a discovery document for code + PKCE with the groups scope", async () => {
    expect(idp.issuer).toBe(idp.url);
    expect(idp.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${idp.url}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Record<string, unknown>;
    expect(doc).toMatchObject({
      issuer: idp.issuer,
      authorization_endpoint: `${idp.issuer}/auth`,
      token_endpoint: `${idp.issuer}/token`,
      userinfo_endpoint: `${idp.issuer}/me`,
      jwks_uri: `${idp.issuer}/jwks`,
      end_session_endpoint: `${idp.issuer}/session/end`,
      response_types_supported: ["code"],
      id_token_signing_alg_values_supported: ["RS256"],
    });
    expect(doc.code_challenge_methods_supported).toContain("S256");
    expect(doc.scopes_supported).toEqual(
      expect.arrayContaining(["openid", "profile", "email", "groups", "offline_access"]),
    );
    expect(doc.claims_supported).toEqual(expect.arrayContaining(["sub", "email", "email_verified", "name", "groups"]));
    expect(doc.grant_types_supported).toEqual(expect.arrayContaining(["authorization_code", "refresh_token"]));
    expect(doc.token_endpoint_auth_methods_supported).toEqual(
      expect.arrayContaining(["client_secret_basic", "client_secret_post"]),
    );
  });

  it("signs the engineer in with one click and issues signed tokens carrying the groups", async () => {
    const browser = new Browser();
    const { callback, checks, html } = await signIn(idp, config, browser, "engineer");

    expect(html).toContain("<main>");
    expect(html).toContain("<h1>Sign in to the MSF fleet dashboard (local demo identity provider)</h1>");
    expect(html.match(/<form method="post"/g)).toHaveLength(1);
    expect(buttons(html)).toEqual([
      "Sign in as Vera Viewer (viewer)",
      "Sign in as Eli Engineer (engineer)",
      "Sign in as Ada Approver (approver)",
      "Sign in as Max Manager (manager)",
      "Sign in as Ana Admin (admin)",
      "Sign in as Erin Engineer (engineer and approver)",
      "Sign in as Pat Payments (engineer, payments team only)",
    ]);

    expect(`${callback.origin}${callback.pathname}`).toBe(redirect_uri);
    expect(callback.searchParams.get("code")).toBeTruthy();
    expect(callback.searchParams.get("state")).toBe(checks.expectedState);
    expect(browser.cookieNames()).toContain("idp_session");
    expect(browser.cookieNames()).not.toContain("_session");

    const tokens = await client.authorizationCodeGrant(config, callback, { ...checks, idTokenExpected: true });
    expect(tokens.expires_in).toBe(600);
    const claims = tokens.claims()!;
    expect(claims).toMatchObject({
      sub: "engineer",
      email: "engineer@example.com",
      email_verified: true,
      name: "Eli Engineer",
      groups: ["msf-engineers", "team-payments", "team-trading"],
    });
    expect(claims.exp - claims.iat).toBe(600);
    const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
    expect(info.groups).toEqual(["msf-engineers", "team-payments", "team-trading"]);

    // Signed with the key generated at start, published (public part only) at /jwks.
    const jwks = (await (await fetch(`${idp.url}/jwks`)).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
    expect(jwks.keys[0]).not.toHaveProperty("d");
    expect(decodeProtectedHeader(tokens.id_token!)).toMatchObject({ alg: "RS256", kid: jwks.keys[0]!.kid });
    const verified = await jwtVerify(tokens.id_token!, createRemoteJWKSet(new URL(`${idp.url}/jwks`)), {
      issuer: idp.issuer,
      audience: dashboard.client_id,
    });
    expect(verified.payload.email).toBe("engineer@example.com");

    // An authorization code works once.
    await expect(client.authorizationCodeGrant(config, callback, checks)).rejects.toMatchObject({
      error: "invalid_grant",
    });
  });

  it("refuses a redirect_uri that is not registered, without redirecting", async () => {
    const { url } = await authorizationRequest(config, { redirect_uri: `${app}/elsewhere` });
    const res = await new Browser().get(url);
    expect(res.status).toBe(400);
    expect(res.headers.get("location")).toBeNull();
    expect(await res.text()).toContain("redirect_uri did not match any of the client&#39;s registered redirect_uris");
  });

  it("refuses an authorization request without a PKCE challenge", async () => {
    const url = client.buildAuthorizationUrl(config, { redirect_uri, scope: "openid", state: "s1" });
    const res = await new Browser().get(url);
    expect(res.status).toBe(303);
    const back = new URL(res.headers.get("location")!);
    expect(`${back.origin}${back.pathname}`).toBe(redirect_uri);
    expect(back.searchParams.get("error")).toBe("invalid_request");
    expect(back.searchParams.get("error_description")).toMatch(/PKCE/);
    expect(back.searchParams.get("code")).toBeNull();
  });

  it("answers 400 to an unknown account, escaped, and to an interaction without its cookie", async () => {
    const browser = new Browser();
    const { url } = await authorizationRequest(config);
    const interaction = new URL((await browser.get(url)).headers.get("location")!, idp.url);

    const res = await browser.post(interaction, { account: "<script>alert(1)</script>" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("&#60;script&#62;alert(1)&#60;/script&#62;");
    expect(html).not.toContain("<script>");

    const stranger = await new Browser().get(interaction);
    expect(stranger.status).toBe(400);
    expect(await stranger.text()).toContain("Sign-in expired");
  });

  it("refuses the token exchange with a wrong client secret", async () => {
    const { callback, checks } = await signIn(idp, config, new Browser(), "viewer");
    const wrong = await discover(idp, client.ClientSecretBasic("not-the-secret"), "not-the-secret");
    await expect(client.authorizationCodeGrant(wrong, callback, checks)).rejects.toMatchObject({
      status: 401,
      cause: [{ scheme: "basic", parameters: { error: "invalid_client" } }],
    });
  });

  it("keeps the IdP session for the next sign-in until RP-initiated logout ends it", async () => {
    const browser = new Browser();
    const first = await signIn(idp, config, browser, "approver");
    const tokens = await client.authorizationCodeGrant(config, first.callback, first.checks);

    // Signed in at the IdP already: straight back to the app, no sign-in page.
    const again = await authorizationRequest(config);
    const { url: silent } = await browser.follow(await browser.get(again.url), again.url.href, idp.url);
    expect(`${silent.origin}${silent.pathname}`).toBe(redirect_uri);
    expect((await client.authorizationCodeGrant(config, silent, again.checks)).claims()!.sub).toBe("approver");

    const end = client.buildEndSessionUrl(config, {
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: `${app}/login`,
      state: "bye",
    });
    const confirm = await browser.get(end);
    expect(confirm.status).toBe(200);
    const page = await confirm.text();
    expect(page).toContain("You are signed in as Ada Approver.");
    expect(buttons(page)).toEqual(["Sign out"]);
    const action = /<form id="op.logoutForm" method="post" action="([^"]+)">/.exec(page)![1]!;
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(page)![1]!;
    const done = await browser.post(new URL(action, idp.url), { xsrf, logout: "yes" });
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe(`${app}/login?state=bye`);

    // The grant went with the session: its access token is dead and the next sign-in asks who you are.
    await expect(client.fetchUserInfo(config, tokens.access_token, "approver")).rejects.toThrow();
    const next = await authorizationRequest(config);
    const res = await browser.get(next.url);
    expect(new URL(res.headers.get("location")!, idp.url).pathname).toMatch(/^\/interaction\//);
  });

  it("issues a refresh token for offline_access with prompt=consent", async () => {
    const browser = new Browser();
    const request = await authorizationRequest(config, {
      scope: "openid email groups offline_access",
      prompt: "consent",
    });
    const interaction = new URL((await browser.get(request.url)).headers.get("location")!, idp.url);
    const posted = await browser.post(interaction, { account: "admin" });
    const { url: callback } = await browser.follow(posted, interaction.href, idp.url);
    const tokens = await client.authorizationCodeGrant(config, callback, request.checks);
    expect(tokens.refresh_token).toBeTruthy();
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.claims()).toMatchObject({ sub: "admin", groups: ["msf-admins"] });
  });
});

describe("local IdP with groups only at userinfo", () => {
  let idp: RunningIdp;

  beforeAll(async () => {
    idp = await createIdp({ clients: [dashboard], groupsInIdToken: false });
  });
  afterAll(() => idp.close());

  it("leaves groups out of the ID token and answers them at userinfo (client_secret_post)", async () => {
    const config = await discover(idp); // a secret and no method: openid-client sends client_secret_post
    const { callback, checks } = await signIn(idp, config, new Browser(), "engineer2");
    const tokens = await client.authorizationCodeGrant(config, callback, checks);
    const claims = tokens.claims()!;
    expect(claims).toMatchObject({ sub: "engineer2", email: "engineer2@example.com", name: "Erin Engineer" });
    expect(claims).not.toHaveProperty("groups");
    const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
    expect(info.groups).toEqual(["msf-engineers", "msf-approvers"]);
  });

  it("signs with its own freshly generated key", async () => {
    const other = await createIdp({ clients: [dashboard] });
    try {
      const kid = async (url: string) =>
        ((await (await fetch(`${url}/jwks`)).json()) as { keys: { kid: string }[] }).keys[0]!.kid;
      expect(await kid(idp.url)).not.toBe(await kid(other.url));
    } finally {
      await other.close();
    }
  });
});
