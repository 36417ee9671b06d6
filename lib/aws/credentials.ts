import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { defaultProvider } from "@aws-sdk/credential-provider-node";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@aws-sdk/types";
import { env } from "@/lib/env";
import { accountById, type AwsScope } from "./accounts";
import { describeAwsError } from "./errors";

/** Sessions are renewed this long before they expire, so no call is signed with credentials about to lapse. */
export const REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000;
const SESSION_SECONDS = 3600;

const defaultChain = defaultProvider();
interface Session {
  credentials: Promise<AwsCredentialIdentity>;
  askedAt: number;
}
const sessions = new Map<string, Session>();

/** The role session name names who the dashboard acts for: it shows in CloudTrail beside every call. */
export function sessionNameFor(actingFor: string | undefined): string {
  const who = (actingFor ?? "sync").replace(/[^\w+=,.@-]/g, "-");
  return `msf-dashboard-${who}`.slice(0, 64);
}

let sts: STSClient | undefined;
function stsClient(): STSClient {
  sts ??= new STSClient({
    region: env().MSF_REGIONS[0]!,
    credentials: defaultChain,
    requestHandler: {
      connectionTimeout: env().AWS_CONNECT_TIMEOUT_MS,
      requestTimeout: env().AWS_REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
    },
  });
  return sts;
}

async function assume(accountId: string, sessionName: string): Promise<AwsCredentialIdentity> {
  const account = await accountById(accountId);
  if (!account) throw new AccountNotConfiguredError(accountId);
  if (!account.roleArn) return defaultChain();
  const { Credentials } = await stsClient().send(
    new AssumeRoleCommand({
      RoleArn: account.roleArn,
      RoleSessionName: sessionName,
      DurationSeconds: SESSION_SECONDS,
      ...(account.externalId ? { ExternalId: account.externalId } : {}),
    }),
  );
  return {
    accessKeyId: Credentials!.AccessKeyId!,
    secretAccessKey: Credentials!.SecretAccessKey!,
    sessionToken: Credentials!.SessionToken!,
    expiration: Credentials!.Expiration!,
  };
}

export class AccountNotConfiguredError extends Error {
  override name = "AccountNotConfigured";
  constructor(accountId: string) {
    super(`Account ${accountId} is not in MSF_ACCOUNTS (or the organization) any more.`);
  }
}

function fresh(credentials: AwsCredentialIdentity, now: number): boolean {
  return !credentials.expiration || credentials.expiration.getTime() - REFRESH_BEFORE_EXPIRY_MS > now;
}

/**
 * Credentials for one account and one person: AssumeRole from the default chain, shared by every client of that
 * pair, renewed before expiry. A failed AssumeRole is not cached: the next call tries again.
 */
export function credentialsFor(scope: Pick<AwsScope, "account" | "actingFor">): AwsCredentialIdentityProvider {
  const key = `${scope.account}/${sessionNameFor(scope.actingFor)}`;
  return async () => {
    const cached = sessions.get(key);
    if (cached) {
      const credentials = await cached.credentials.catch(() => undefined);
      if (credentials && fresh(credentials, Date.now())) return credentials;
      if (sessions.get(key) === cached) sessions.delete(key);
    }
    const pending: Session = {
      credentials: assume(scope.account, sessionNameFor(scope.actingFor)),
      askedAt: Date.now(),
    };
    sessions.set(key, pending);
    pending.credentials.catch(() => {
      if (sessions.get(key) === pending) sessions.delete(key);
    });
    return pending.credentials;
  };
}

/** AWS said a session expired (or was revoked) before its time: the account's sessions are assumed again. */
export function forgetSessions(account?: string, askedBefore = Infinity): void {
  for (const [key, session] of sessions)
    if ((account === undefined || key.startsWith(`${account}/`)) && session.askedAt < askedBefore) sessions.delete(key);
}

/**
 * Runs an AWS read, and once more when AWS said the session expired under it (the session was dropped by then, so
 * the second attempt assumes the role again). Reads only: a mutation is never sent twice on our side (ADR 5).
 */
export async function retryIfExpired<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (describeAwsError(error).kind !== "expired") throw error;
    return read();
  }
}
