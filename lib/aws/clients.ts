import { KinesisAnalyticsV2Client } from "@aws-sdk/client-kinesis-analytics-v2";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { env } from "@/lib/env";

// One client per service, region and retry budget, from the default credential chain. AWS_ENDPOINT_URL
// (read by the SDK itself) points them at the emulator in demo and tests; nothing here knows.
export interface ClientOptions {
  maxAttempts?: number;
}

interface ClientConfig {
  region: string;
  retryMode: string;
  maxAttempts: number;
  requestHandler: { connectionTimeout: number; requestTimeout: number; throwOnRequestTimeout: boolean };
}

type ClientClass<C> = new (config: ClientConfig) => C;

function clientCache<C>(Client: ClientClass<C>) {
  const clients = new Map<string, C>();
  return (region: string, options: ClientOptions = {}): C => {
    const maxAttempts = options.maxAttempts ?? 5;
    const key = `${region}:${maxAttempts}`;
    let client = clients.get(key);
    if (!client) {
      client = new Client({
        region,
        retryMode: "adaptive",
        maxAttempts,
        // Without throwOnRequestTimeout the SDK only logs a breached request timeout and keeps waiting.
        requestHandler: {
          connectionTimeout: env().AWS_CONNECT_TIMEOUT_MS,
          requestTimeout: env().AWS_REQUEST_TIMEOUT_MS,
          throwOnRequestTimeout: true,
        },
      });
      clients.set(key, client);
    }
    return client;
  };
}

export const msfClient = clientCache(KinesisAnalyticsV2Client);
export const cloudWatchClient = clientCache(CloudWatchClient);
export const logsClient = clientCache(CloudWatchLogsClient);

/**
 * For mutations (UpdateApplication, RollbackApplication, CreateApplicationSnapshot): no SDK retries. A retry
 * after a lost response would meet a moved version; the caller reconciles from AWS and resends only when the
 * first call provably did not land.
 */
export function msfMutationClient(region: string): KinesisAnalyticsV2Client {
  return msfClient(region, { maxAttempts: 1 });
}
