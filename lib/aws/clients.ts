import { KinesisAnalyticsV2Client } from "@aws-sdk/client-kinesis-analytics-v2";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { S3Client } from "@aws-sdk/client-s3";
import type { AwsCredentialIdentityProvider } from "@aws-sdk/types";
import { env } from "@/lib/env";
import type { AwsScope } from "./accounts";
import { credentialsFor, forgetSessions, sessionNameFor } from "./credentials";
import { describeAwsError } from "./errors";

// One client per service, account, region, retry budget and session. Credentials come from the account's assumed
// role (lib/aws/credentials.ts). AWS_ENDPOINT_URL (read by the SDK itself) points them at the emulator in demo and
// tests; nothing here knows, except S3's path-style addressing.
export interface ClientOptions {
  maxAttempts?: number;
}

interface ClientConfig {
  region: string;
  credentials: AwsCredentialIdentityProvider;
  retryMode: string;
  maxAttempts: number;
  requestHandler: { connectionTimeout: number; requestTimeout: number; throwOnRequestTimeout: boolean };
  endpoint?: string;
  forcePathStyle?: boolean;
}

interface SdkClient {
  middlewareStack: {
    add(
      middleware: (next: (args: unknown) => Promise<unknown>) => (args: unknown) => Promise<unknown>,
      options: { step: "initialize"; name: string },
    ): void;
  };
}

type ClientClass<C> = new (config: ClientConfig) => C;

const caches: Map<string, { createdAt: number }>[] = [];

function clientCache<C>(Client: ClientClass<C>, extra: () => Partial<ClientConfig> = () => ({})) {
  const clients = new Map<string, { client: C; createdAt: number }>();
  caches.push(clients);
  return (scope: AwsScope, options: ClientOptions = {}): C => {
    const maxAttempts = options.maxAttempts ?? 5;
    const key = `${scope.account}:${scope.region}:${maxAttempts}:${sessionNameFor(scope.actingFor)}`;
    let client = clients.get(key)?.client;
    if (!client) {
      client = new Client({
        region: scope.region,
        credentials: credentialsFor(scope),
        retryMode: "adaptive",
        maxAttempts,
        // Without throwOnRequestTimeout the SDK only logs a breached request timeout and keeps waiting.
        requestHandler: {
          connectionTimeout: env().AWS_CONNECT_TIMEOUT_MS,
          requestTimeout: env().AWS_REQUEST_TIMEOUT_MS,
          throwOnRequestTimeout: true,
        },
        ...extra(),
      });
      // The SDK keeps a client's credentials until they near expiry; a session AWS calls expired, or no longer
      // recognises, is dropped with every client holding it, so the next call assumes the role again (and a role
      // that is really gone says so there). Only what existed when the failing request was sent is dropped:
      // concurrent failures renew once.
      (client as unknown as SdkClient).middlewareStack.add(
        (next) => async (args) => {
          const sentAt = Date.now();
          try {
            return await next(args);
          } catch (error) {
            if (sessionRefused(error)) forgetAccount(scope.account, sentAt);
            throw error;
          }
        },
        { step: "initialize", name: "forgetExpiredSession" },
      );
      clients.set(key, { client, createdAt: Date.now() });
    }
    return client;
  };
}

const unrecognised = new Set(["UnrecognizedClientException", "InvalidClientTokenId"]);

function sessionRefused(error: unknown): boolean {
  const { kind, code } = describeAwsError(error);
  return kind === "expired" || unrecognised.has(code);
}

function forgetAccount(account: string, before: number): void {
  forgetSessions(account, before);
  for (const clients of caches)
    for (const [key, entry] of clients)
      if (key.startsWith(`${account}:`) && entry.createdAt <= before) clients.delete(key);
}

/** Every session and client dropped: for tests whose emulator was reset (it forgot the sessions it issued). */
export function forgetAllSessions(): void {
  forgetSessions();
  for (const clients of caches) clients.clear();
}

export const msfClient = clientCache(KinesisAnalyticsV2Client);
export const cloudWatchClient = clientCache(CloudWatchClient);
export const logsClient = clientCache(CloudWatchLogsClient);
// S3 needs path-style addressing against an endpoint override (the emulator): bucket.localhost does not resolve.
export const s3Client = clientCache(S3Client, () => {
  const endpoint = env().AWS_ENDPOINT_URL;
  return endpoint ? { endpoint, forcePathStyle: true } : {};
});

/**
 * For mutations (UpdateApplication, RollbackApplication, CreateApplicationSnapshot): no SDK retries. A retry
 * after a lost response would meet a moved version; the caller reconciles from AWS and resends only when the
 * first call provably did not land.
 */
export function msfMutationClient(scope: AwsScope): KinesisAnalyticsV2Client {
  return msfClient(scope, { maxAttempts: 1 });
}
