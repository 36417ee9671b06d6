// oidc-provider 9 ships no types and @types/oidc-provider is not installed: this declares only what idp/ uses.
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  export type ClaimsUse = "id_token" | "userinfo";

  export interface AccountClaims {
    sub: string;
    [claim: string]: unknown;
  }

  export interface Account {
    accountId: string;
    claims(use: ClaimsUse, scope: string, claims: unknown, rejected: string[]): Promise<AccountClaims>;
  }

  export interface OidcContext {
    oidc: {
      session?: { accountId?: string };
      client?: { clientId: string; clientName?: string };
    };
    type: string;
    status: number;
    body: unknown;
    set(field: string, value: string): void;
  }

  export interface ErrorOut {
    error: string;
    error_description?: string;
    [key: string]: unknown;
  }

  export interface AdapterPayload {
    grantId?: string;
    uid?: string;
    userCode?: string;
    consumed?: number;
    [key: string]: unknown;
  }

  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  export interface ClientMetadata {
    client_id: string;
    client_secret?: string;
    redirect_uris: string[];
    post_logout_redirect_uris?: string[];
    grant_types?: string[];
    response_types?: string[];
    token_endpoint_auth_method?: string;
  }

  type Ttl = number | ((ctx: unknown, token: unknown, client: unknown) => number);
  type Toggle = { enabled: boolean };

  export interface Configuration {
    adapter?: (model: string) => Adapter;
    clients?: ClientMetadata[];
    clientAuthMethods?: string[];
    clientBasedCORS?: (ctx: OidcContext, origin: string, client: unknown) => boolean;
    claims?: Record<string, string[] | null>;
    conformIdTokenClaims?: boolean;
    cookies?: {
      keys?: string[];
      names?: { session?: string; interaction?: string; resume?: string };
      long?: { httpOnly?: boolean; sameSite?: "lax" | "strict" | "none"; secure?: boolean };
      short?: { httpOnly?: boolean; sameSite?: "lax" | "strict" | "none"; secure?: boolean };
    };
    features?: {
      devInteractions?: Toggle;
      resourceIndicators?: Toggle;
      userinfo?: Toggle;
      revocation?: Toggle;
      rpInitiatedLogout?: Toggle & {
        logoutSource?: (ctx: OidcContext, form: string) => Promise<void>;
        postLogoutSuccessSource?: (ctx: OidcContext) => Promise<void>;
      };
    };
    findAccount?: (ctx: OidcContext, sub: string, token?: unknown) => Promise<Account | undefined>;
    interactions?: { url?: (ctx: OidcContext, interaction: Interaction) => Promise<string> };
    jwks?: { keys: object[] };
    pkce?: { required?: (ctx: OidcContext, client: unknown) => boolean };
    renderError?: (ctx: OidcContext, out: ErrorOut, error: Error) => Promise<void>;
    responseTypes?: string[];
    scopes?: string[];
    ttl?: Partial<
      Record<
        "AccessToken" | "AuthorizationCode" | "IdToken" | "Interaction" | "RefreshToken" | "Session" | "Grant",
        Ttl
      >
    >;
  }

  export interface PromptDetails {
    missingOIDCScope?: string[];
    missingOIDCClaims?: string[];
    missingResourceScopes?: Record<string, string[]>;
  }

  export interface Interaction {
    uid: string;
    prompt: { name: string; reasons: string[]; details: PromptDetails };
    params: { client_id: string; [param: string]: unknown };
    session?: { accountId: string; uid: string };
    grantId?: string;
  }

  export interface InteractionResults {
    login?: { accountId: string };
    consent?: { grantId?: string };
    error?: string;
    error_description?: string;
  }

  export class Grant {
    constructor(properties: { accountId: string; clientId: string });
    static find(id: string): Promise<Grant | undefined>;
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    addResourceScope(resource: string, scope: string): void;
    save(): Promise<string>;
  }

  export class Provider {
    constructor(issuer: string, configuration?: Configuration);
    readonly issuer: string;
    readonly Grant: typeof Grant;
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: InteractionResults,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }

  export const errors: {
    SessionNotFound: new (...args: never[]) => Error;
  };

  export default Provider;
}
