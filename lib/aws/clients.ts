import { KinesisAnalyticsV2Client } from "@aws-sdk/client-kinesis-analytics-v2";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";

// One client per service and region, from the default credential chain. AWS_ENDPOINT_URL
// (read by the SDK itself) points them at the emulator in demo and tests; nothing here knows.
const msfClients = new Map<string, KinesisAnalyticsV2Client>();
const cloudWatchClients = new Map<string, CloudWatchClient>();

export interface ClientOptions {
  maxAttempts?: number;
}

export function msfClient(region: string, options: ClientOptions = {}): KinesisAnalyticsV2Client {
  const key = `${region}:${options.maxAttempts ?? "default"}`;
  let client = msfClients.get(key);
  if (!client) {
    client = new KinesisAnalyticsV2Client({ region, retryMode: "adaptive", maxAttempts: options.maxAttempts ?? 5 });
    msfClients.set(key, client);
  }
  return client;
}

export function cloudWatchClient(region: string, options: ClientOptions = {}): CloudWatchClient {
  const key = `${region}:${options.maxAttempts ?? "default"}`;
  let client = cloudWatchClients.get(key);
  if (!client) {
    client = new CloudWatchClient({ region, retryMode: "adaptive", maxAttempts: options.maxAttempts ?? 5 });
    cloudWatchClients.set(key, client);
  }
  return client;
}
