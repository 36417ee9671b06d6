// A local OpenID provider for the demo and the tests: oidc-provider (an OpenID-certified implementation) with the
// seeded users of users.ts and a one-click sign-in page. The dashboard talks to it exactly as to Okta or Entra ID.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from "jose";
import Provider, {
  errors,
  type Account,
  type ClientMetadata,
  type Configuration,
  type OidcContext,
} from "oidc-provider";
import { createMemoryAdapter } from "./memory-adapter";
import { messagePage, pageSecurityHeaders, signInPage, signOutPage } from "./pages";
import { findSeededUser, seededUsers, type SeededUser } from "./users";

export interface IdpClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
  post_logout_redirect_uris: string[];
}

export interface IdpOptions {
  port?: number;
  host?: string;
  /** An origin (no path); defaults to http://<host>:<port>, the listening address. */
  issuer?: string;
  clients: IdpClient[];
  /** false: `groups` only at the userinfo endpoint, never in the ID token (Okta's default, Entra past its limit). */
  groupsInIdToken?: boolean;
}

export interface RunningIdp {
  url: string;
  issuer: string;
  close(): Promise<void>;
}

const minutes = 60;
const hours = 60 * minutes;

export async function createIdp(opts: IdpOptions): Promise<RunningIdp> {
  const host = opts.host ?? "127.0.0.1";
  let handle: (req: IncomingMessage, res: ServerResponse) => Promise<void> = async (_req, res) => {
    res.writeHead(503).end();
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error("idp: unexpected error", err);
      if (!res.headersSent) sendPage(res, 500, messagePage("Something went wrong", "The identity provider failed."));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const reachable = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  const url = `http://${reachable.includes(":") ? `[${reachable}]` : reachable}:${port}`;
  const issuer = opts.issuer ?? url;

  try {
    const provider = new Provider(issuer, await configuration(opts));
    const oidc = provider.callback();
    handle = (req, res) => {
      const uid = /^\/interaction\/([\w-]+)(?:\?|$)/.exec(req.url ?? "")?.[1];
      return uid === undefined ? oidc(req, res) : interaction(provider, req, res, uid);
    };
  } catch (err) {
    server.close();
    throw err;
  }

  return {
    url,
    issuer,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function configuration(opts: IdpOptions): Promise<Configuration> {
  const groupsInIdToken = opts.groupsInIdToken ?? true;
  const clients: ClientMetadata[] = opts.clients.map((client) => ({
    ...client,
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    token_endpoint_auth_method: "client_secret_basic",
  }));
  return {
    adapter: createMemoryAdapter(),
    clients,
    // A client registered for client_secret_basic may also send its secret in the body (client_secret_post), which
    // is openid-client's default.
    clientAuthMethods: ["client_secret_basic", "client_secret_post"],
    // Only the dashboard's server calls the token and userinfo endpoints; no browser origin needs CORS there.
    clientBasedCORS: () => false,
    scopes: ["openid", "profile", "email", "groups", "offline_access"],
    claims: { openid: ["sub"], profile: ["name"], email: ["email", "email_verified"], groups: ["groups"] },
    // By default, when an access token is issued the ID token carries only `sub` and the scope claims are left to
    // userinfo. Real IdPs put them in the ID token; `groups` is then held back in claims() when groupsInIdToken is
    // false.
    conformIdTokenClaims: false,
    findAccount: async (_ctx, sub) => {
      const user = findSeededUser(sub);
      return user && account(user, groupsInIdToken);
    },
    responseTypes: ["code"],
    pkce: { required: () => true },
    cookies: {
      keys: [randomBytes(32).toString("base64url")],
      // Cookies ignore ports: on 127.0.0.1 these share a jar with the dashboard's, so give them unmistakable names.
      names: { session: "idp_session", interaction: "idp_interaction", resume: "idp_interaction_resume" },
    },
    jwks: { keys: [await signingKey()] },
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: { enabled: false },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          const accountId = ctx.oidc.session?.accountId;
          renderPage(ctx, signOutPage(form, accountId ? findSeededUser(accountId)?.name : undefined));
        },
        postLogoutSuccessSource: async (ctx) => {
          renderPage(ctx, messagePage("Signed out", "You are signed out of the local demo identity provider."));
        },
      },
    },
    interactions: { url: async (_ctx, interaction) => `/interaction/${interaction.uid}` },
    renderError: async (ctx, out) => {
      renderPage(ctx, messagePage("Sign-in failed", `${out.error}: ${out.error_description ?? ""}`));
    },
    ttl: {
      AccessToken: 10 * minutes,
      IdToken: 10 * minutes,
      AuthorizationCode: 1 * minutes,
      Interaction: 1 * hours,
      Session: 12 * hours,
      Grant: 12 * hours,
      RefreshToken: 12 * hours,
    },
  };
}

function account(user: SeededUser, groupsInIdToken: boolean): Account {
  return {
    accountId: user.id,
    // oidc-provider keeps only the claims of the granted scopes.
    claims: async (use) => ({
      sub: user.id,
      email: user.email,
      email_verified: true,
      name: user.name,
      ...(use === "userinfo" || groupsInIdToken ? { groups: [...user.groups] } : {}),
    }),
  };
}

async function signingKey(): Promise<object> {
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, alg: "RS256", use: "sig", kid: await calculateJwkThumbprint(jwk) };
}

/** GET shows the sign-in page (or grants consent at once); POST signs the chosen seeded user in. */
async function interaction(provider: Provider, req: IncomingMessage, res: ServerResponse, uid: string): Promise<void> {
  let details;
  try {
    details = await provider.interactionDetails(req, res);
  } catch (err) {
    if (!(err instanceof errors.SessionNotFound)) throw err;
    return sendPage(res, 400, expiredPage());
  }
  if (details.uid !== uid) return sendPage(res, 400, expiredPage());
  const { prompt } = details;

  if (req.method === "GET" && prompt.name === "login") return sendPage(res, 200, signInPage(uid, seededUsers));

  if (req.method === "GET" && prompt.name === "consent" && details.session) {
    // Every client here is registered by the operator, so consent is implied: grant what was asked, as the
    // oidc-provider example does after its consent screen.
    const grant =
      (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ??
      new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
    if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(" "));
    if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
    const grantId = await grant.save();
    return provider.interactionFinished(req, res, { consent: details.grantId ? {} : { grantId } });
  }

  if (req.method === "POST" && prompt.name === "login") {
    const body = await readBody(req);
    if (body === undefined) return sendPage(res, 413, messagePage("Too large", "The sign-in form is too large."));
    const account = new URLSearchParams(body).get("account") ?? "";
    const user = findSeededUser(account);
    if (!user) return sendPage(res, 400, messagePage("Unknown user", `There is no seeded user "${account}".`));
    return provider.interactionFinished(
      req,
      res,
      { login: { accountId: user.id } },
      { mergeWithLastSubmission: false },
    );
  }

  sendPage(res, req.method === "GET" || req.method === "POST" ? 400 : 405, expiredPage());
}

const expiredPage = () =>
  messagePage("Sign-in expired", "This sign-in attempt is over or was never started here. Go back to the dashboard.");

/** The form body, or undefined past a few kilobytes (the form has one field). */
async function readBody(req: IncomingMessage): Promise<string | undefined> {
  let body = "";
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > 4096) return undefined;
  }
  return body;
}

function sendPage(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { ...pageSecurityHeaders, "content-type": "text/html; charset=utf-8" });
  res.end(html);
}

function renderPage(ctx: OidcContext, html: string): void {
  for (const [name, value] of Object.entries(pageSecurityHeaders)) ctx.set(name, value);
  ctx.type = "html";
  ctx.body = html;
}
