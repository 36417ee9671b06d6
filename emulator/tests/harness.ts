// Test harness: starts an emulator on a random port at "test" speed and gives typed access to the control API
// plus real SDK clients pointed at it. Tests never mock the SDK.
import { KinesisAnalyticsV2Client, type KinesisAnalyticsV2ClientConfig } from "@aws-sdk/client-kinesis-analytics-v2";
import { CloudWatchClient, type CloudWatchClientConfig } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient, type CloudWatchLogsClientConfig } from "@aws-sdk/client-cloudwatch-logs";
import { S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";
import { STSClient, type STSClientConfig } from "@aws-sdk/client-sts";
import { OrganizationsClient, type OrganizationsClientConfig } from "@aws-sdk/client-organizations";
import { createEmulator, type EmulatorOptions } from "../server";
import type { CallCount, FaultSpec, StateView } from "../core/control-types";
import type { EmuSettings, Scenario } from "../core/types";

export type Call = CallCount;

export interface EmulatorControl {
  reset(): Promise<void>;
  setScenario(region: string, name: string, scenario: Scenario): Promise<void>;
  /** The app's log stream exists (true) or was never created (false); answers the new value. */
  setLogStream(region: string, name: string, logStream: boolean): Promise<boolean>;
  deleteApp(region: string, name: string): Promise<void>;
  setFaults(fault: FaultSpec): Promise<void>;
  clearFaults(): Promise<void>;
  faults(): Promise<FaultSpec[]>;
  setSettings(settings: EmuSettings): Promise<EmuSettings>;
  calls(): Promise<Call[]>;
  resetCalls(): Promise<void>;
  state(): Promise<StateView>;
  /** Full internal state of one app (incl. timeline), or undefined when it does not exist. */
  app(region: string, name: string): Promise<Record<string, unknown> | undefined>;
  /** Creates or replaces an emulated IAM role (POST /_emulator/roles). */
  setRole(role: { accountId: string; roleName: string; externalId?: string | null; assumable: boolean }): Promise<void>;
  /** Expires every issued STS session (of one account) now; answers how many were live. */
  expireSessions(accountId?: string): Promise<number>;
  /** Enables or disables an opt-in region for one account. */
  setRegionEnabled(accountId: string, region: string, enabled: boolean): Promise<void>;
}

export interface StartedEmulator {
  url: string;
  port: number;
  close(): Promise<void>;
  control: EmulatorControl;
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<StartedEmulator> {
  const emulator = await createEmulator({ port: 0, host: "127.0.0.1", speed: "test", ...opts });
  return {
    url: emulator.url,
    port: emulator.port,
    close: () => emulator.close(),
    control: createControl(emulator.url),
  };
}

export function createControl(url: string, account?: string): EmulatorControl {
  const suffix = account ? `?account=${encodeURIComponent(account)}` : "";
  const call = async (method: string, path: string, body?: unknown): Promise<Response> => {
    const res = await fetch(`${url}/_emulator/${path}${suffix}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return res;
  };
  const expectOk = async (res: Response): Promise<unknown> => {
    const text = await res.text();
    if (!res.ok) throw new Error(`control API ${res.status}: ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  const appPath = (region: string, name: string) => `apps/${encodeURIComponent(region)}/${encodeURIComponent(name)}`;
  return {
    reset: async () => void (await expectOk(await call("POST", "reset"))),
    setScenario: async (region, name, scenario) =>
      void (await expectOk(await call("POST", `${appPath(region, name)}/scenario`, { scenario }))),
    setLogStream: async (region, name, logStream) =>
      ((await expectOk(await call("POST", `${appPath(region, name)}/logs`, { logStream }))) as { logStream: boolean })
        .logStream,
    deleteApp: async (region, name) => void (await expectOk(await call("POST", `${appPath(region, name)}/delete`))),
    setFaults: async (fault) => void (await expectOk(await call("POST", "faults", fault))),
    clearFaults: async () => void (await expectOk(await call("DELETE", "faults"))),
    faults: async () => ((await expectOk(await call("GET", "faults"))) as { faults: FaultSpec[] }).faults,
    setSettings: async (settings) => (await expectOk(await call("POST", "settings", settings))) as EmuSettings,
    calls: async () => ((await expectOk(await call("GET", "calls"))) as { calls: Call[] }).calls,
    resetCalls: async () => void (await expectOk(await call("POST", "calls/reset"))),
    state: async () => (await expectOk(await call("GET", "state"))) as StateView,
    setRole: async (role) => void (await expectOk(await call("POST", "roles", role))),
    expireSessions: async (accountId) =>
      ((await expectOk(await call("POST", "sts/expire", accountId ? { accountId } : {}))) as { expired: number })
        .expired,
    setRegionEnabled: async (accountId, region, enabled) =>
      void (await expectOk(await call("POST", "regions", { accountId, region, enabled }))),
    app: async (region, name) => {
      const res = await call("GET", appPath(region, name));
      if (res.status === 404) return undefined;
      return (await expectOk(res)) as Record<string, unknown>;
    },
  };
}

const dummyCredentials = { accessKeyId: "test", secretAccessKey: "test" };

export function msfClient(url: string, region: string, extra: Partial<KinesisAnalyticsV2ClientConfig> = {}) {
  return new KinesisAnalyticsV2Client({ region, endpoint: url, credentials: dummyCredentials, ...extra });
}

export function logsClient(url: string, region: string, extra: Partial<CloudWatchLogsClientConfig> = {}) {
  return new CloudWatchLogsClient({ region, endpoint: url, credentials: dummyCredentials, ...extra });
}

export function cloudWatchClient(url: string, region: string, extra: Partial<CloudWatchClientConfig> = {}) {
  return new CloudWatchClient({ region, endpoint: url, credentials: dummyCredentials, ...extra });
}

/** Path-style S3 on the emulator's endpoint (what the dashboard configures). */
export function s3Client(url: string, region: string, extra: Partial<S3ClientConfig> = {}) {
  return new S3Client({ region, endpoint: url, forcePathStyle: true, credentials: dummyCredentials, ...extra });
}

export function stsClient(url: string, region: string, extra: Partial<STSClientConfig> = {}) {
  return new STSClient({ region, endpoint: url, credentials: dummyCredentials, ...extra });
}

/** Organizations is global: real endpoints sign for us-east-1 whatever the client's region. */
export function organizationsClient(url: string, extra: Partial<OrganizationsClientConfig> = {}) {
  return new OrganizationsClient({ region: "us-east-1", endpoint: url, credentials: dummyCredentials, ...extra });
}
