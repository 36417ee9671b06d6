// Shared helpers for the STS / Organizations / multi-account tests (not a test file itself).
import { AssumeRoleCommand, type STSClient } from "@aws-sdk/client-sts";
import { ListApplicationsCommand } from "@aws-sdk/client-kinesis-analytics-v2";
import { msfClient } from "./harness";

export interface SessionCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export const PLATFORM = "123456789012";
export const PAYMENTS_PROD = "210987654321";
export const ANALYTICS_DEV = "345678901234";
export const EXTERNAL_ID = "msf-demo-external";
export const FLEET_REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2"];

export const roleArn = (accountId: string, roleName = "MsfFleetDashboard") =>
  `arn:aws:iam::${accountId}:role/${roleName}`;

export const denied = (roleArnValue: string, caller = `arn:aws:iam::${PLATFORM}:user/demo`) =>
  `User: ${caller} is not authorized to perform: sts:AssumeRole on resource: ${roleArnValue}`;

export interface Assumed {
  credentials: SessionCredentials;
  expiration: Date;
  arn: string;
  assumedRoleId: string;
}

/** AssumeRole of the dashboard role in `accountId`; the credentials go straight to clients' `credentials`. */
export async function assume(
  sts: STSClient,
  accountId: string,
  options: { sessionName?: string; externalId?: string; durationSeconds?: number } = {},
): Promise<Assumed> {
  const out = await sts.send(
    new AssumeRoleCommand({
      RoleArn: roleArn(accountId),
      RoleSessionName: options.sessionName ?? "dashboard-test",
      ExternalId: options.externalId ?? (accountId === ANALYTICS_DEV ? EXTERNAL_ID : undefined),
      DurationSeconds: options.durationSeconds,
    }),
  );
  const c = out.Credentials!;
  return {
    credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! },
    expiration: c.Expiration!,
    arn: out.AssumedRoleUser!.Arn!,
    assumedRoleId: out.AssumedRoleUser!.AssumedRoleId!,
  };
}

/** Every application (ARN by region/name) the credentials see over the fleet regions. */
export async function fleetOf(
  url: string,
  credentials?: SessionCredentials,
): Promise<{ region: string; name: string; arn: string; runtime: string }[]> {
  const apps = [];
  for (const region of FLEET_REGIONS) {
    const client = msfClient(url, region, credentials ? { credentials } : {});
    const out = await client.send(new ListApplicationsCommand({}));
    for (const s of out.ApplicationSummaries ?? []) {
      apps.push({ region, name: s.ApplicationName!, arn: s.ApplicationARN!, runtime: s.RuntimeEnvironment! });
    }
  }
  return apps;
}
