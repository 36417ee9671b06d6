import { KinesisAnalyticsV2Client } from "@aws-sdk/client-kinesis-analytics-v2";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";

// One client per service, region and retry budget, from the default credential chain. AWS_ENDPOINT_URL
// (read by the SDK itself) points them at the emulator in demo and tests; nothing here knows.
export interface ClientOptions {
  maxAttempts?: number;
}

type ClientClass<C> = new (config: { region: string; retryMode: string; maxAttempts: number }) => C;

function clientCache<C>(Client: ClientClass<C>) {
  const clients = new Map<string, C>();
  return (region: string, options: ClientOptions = {}): C => {
    const maxAttempts = options.maxAttempts ?? 5;
    const key = `${region}:${maxAttempts}`;
    let client = clients.get(key);
    if (!client) {
      client = new Client({ region, retryMode: "adaptive", maxAttempts });
      clients.set(key, client);
    }
    return client;
  };
}

export const msfClient = clientCache(KinesisAnalyticsV2Client);
export const cloudWatchClient = clientCache(CloudWatchClient);
