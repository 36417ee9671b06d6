import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIdp, type RunningIdp } from "@/idp/server";
import { Browser } from "@/idp/test-browser";

// The dashboard's side of sign-in against the real local OpenID provider: discovery, code + PKCE, groups → roles,
// the userinfo fallback, and refusals. Each IdP variant gets its own module instance (the discovery is cached).
const appUrl = "http://127.0.0.1:3999";
const idps: RunningIdp[] = [];

async function startIdp(groupsInIdToken: boolean) {
  const idp = await createIdp({
    groupsInIdToken,
    clients: [
      {
        client_id: "msf-dashboard",
        client_secret: "s3cret",
        redirect_uris: [`${appUrl}/auth/callback`],
        post_logout_redirect_uris: [`${appUrl}/login`],
      },
    ],
  });
  idps.push(idp);
  return idp;
}

async function oidcWith(idp: RunningIdp) {
  const { vi } = await import("vitest");
  vi.resetModules();
  Object.assign(process.env, {
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: "msf-dashboard",
    OIDC_CLIENT_SECRET: "s3cret",
    APP_URL: appUrl,
    ROLE_MAP: "msf-engineers:engineer,msf-approvers:approver,msf-viewers:viewer",
  });
  return import("./oidc");
}

/** The browser's part: the IdP's sign-in page, one click, back to the dashboard's callback URL. */
async function callbackFor(idp: RunningIdp, start: URL, account: string): Promise<URL> {
  const browser = new Browser();
  const auth = await browser.get(start);
  const interaction = new URL(auth.headers.get("location")!, idp.url);
  await browser.get(interaction);
  const posted = await browser.post(interaction, { account });
  const { url } = await browser.follow(posted, interaction.href, idp.url);
  expect(url.origin).toBe(appUrl);
  return url;
}

afterAll(async () => {
  for (const idp of idps) await idp.close();
});

describe("signing in with OpenID Connect", () => {
  let idp: RunningIdp;
  let oidc: typeof import("./oidc");
  beforeAll(async () => {
    idp = await startIdp(true);
    oidc = await oidcWith(idp);
  });

  it("asks for a code with PKCE S256, state and nonce, and returns only to a path on this site", async () => {
    const { url, pending } = await oidc.beginSignIn("https://evil.example/steal");
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("redirect_uri")).toBe(`${appUrl}/auth/callback`);
    expect(url.searchParams.get("state")).toBe(pending.state);
    expect(pending.returnTo).toBe("/");
    expect((await oidc.beginSignIn("/apps/x")).pending.returnTo).toBe("/apps/x");
    expect((await oidc.beginSignIn("//evil.example")).pending.returnTo).toBe("/");
  });

  it("maps the groups claim to roles and teams", async () => {
    const { url, pending } = await oidc.beginSignIn("/");
    const identity = await oidc.finishSignIn(await callbackFor(idp, url, "engineer2"), pending);
    expect(identity).toMatchObject({ email: "engineer2@example.com", roles: ["engineer", "approver"] });
    const payments = await oidc.beginSignIn("/");
    const pat = await oidc.finishSignIn(await callbackFor(idp, payments.url, "payments-engineer"), payments.pending);
    expect(pat).toMatchObject({ roles: ["engineer"], teams: ["payments"] });
  });

  it("refuses someone whose groups grant no role, and a callback whose state was tampered with", async () => {
    const manager = await oidc.beginSignIn("/");
    await expect(
      oidc.finishSignIn(await callbackFor(idp, manager.url, "manager"), manager.pending),
    ).rejects.toBeInstanceOf(oidc.SignInRefused);
    const tampered = await oidc.beginSignIn("/");
    const callback = await callbackFor(idp, tampered.url, "engineer");
    const refused = await oidc.finishSignIn(callback, { ...tampered.pending, state: "forged" }).catch((e: Error) => e);
    expect(JSON.stringify({ message: (refused as Error).message, cause: String((refused as Error).cause) })).toMatch(
      /state/,
    );
  });
});

describe("an IdP that leaves groups out of the ID token", () => {
  it("reads them from userinfo", async () => {
    const idp = await startIdp(false);
    const oidc = await oidcWith(idp);
    const { url, pending } = await oidc.beginSignIn("/");
    const identity = await oidc.finishSignIn(await callbackFor(idp, url, "viewer"), pending);
    expect(identity).toMatchObject({
      roles: ["viewer"],
      teams: ["payments"],
      groups: ["msf-viewers", "team-payments"],
    });
  });
});
