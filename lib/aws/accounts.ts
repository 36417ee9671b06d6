import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { OrganizationsClient, paginateListAccounts } from "@aws-sdk/client-organizations";
import { env, type AccountSetting } from "@/lib/env";
import { describeAwsError } from "./errors";

/** One AWS account the dashboard reads: where, and how its credentials are had. */
export interface Account {
  id: string;
  name: string;
  /** The role assumed for it; absent: the default credential chain (the dashboard's own account). */
  roleArn?: string;
  externalId?: string;
  regions: string[];
}

/** Where an AWS call goes: every application is keyed by account + region + name. */
export interface AccountRegion {
  account: string;
  region: string;
}

/** A call's place plus who the dashboard acts for: the assumed role's session name says it. */
export interface AwsScope extends AccountRegion {
  actingFor?: string;
}

export interface AccountList {
  accounts: Account[];
  /** What could not be read (Organizations discovery); the listed accounts are still read. */
  errors: string[];
}

const clientSettings = () => ({
  region: env().MSF_REGIONS[0]!,
  requestHandler: {
    connectionTimeout: env().AWS_CONNECT_TIMEOUT_MS,
    requestTimeout: env().AWS_REQUEST_TIMEOUT_MS,
    throwOnRequestTimeout: true,
  },
});

let ownAccount: Promise<string> | undefined;

/** The default chain's own account (STS GetCallerIdentity), once per process: it does not change. */
export function callerAccountId(): Promise<string> {
  ownAccount ??= new STSClient(clientSettings())
    .send(new GetCallerIdentityCommand({}))
    .then((identity) => identity.Account!)
    .catch((error: unknown) => {
      ownAccount = undefined;
      throw error;
    });
  return ownAccount;
}

export function roleArnOf(accountId: string, role: string): string {
  return role.startsWith("arn:") ? role : `arn:aws:iam::${accountId}:role/${role}`;
}

function fromSetting(setting: AccountSetting): Account {
  return {
    id: setting.id,
    name: setting.name ?? setting.id,
    ...(setting.role ? { roleArn: roleArnOf(setting.id, setting.role) } : {}),
    ...(setting.externalId ? { externalId: setting.externalId } : {}),
    regions: setting.regions ?? env().MSF_REGIONS,
  };
}

async function discovered(role: string, known: Set<string>): Promise<Account[]> {
  const found: Account[] = [];
  const client = new OrganizationsClient({ ...clientSettings(), region: "us-east-1" });
  for await (const page of paginateListAccounts({ client }, {})) {
    for (const account of page.Accounts ?? []) {
      if (account.Status !== "ACTIVE" || !account.Id || known.has(account.Id)) continue;
      found.push({
        id: account.Id,
        name: account.Name ?? account.Id,
        roleArn: roleArnOf(account.Id, role),
        ...(env().MSF_ORG_EXTERNAL_ID ? { externalId: env().MSF_ORG_EXTERNAL_ID } : {}),
        regions: env().MSF_REGIONS,
      });
    }
  }
  return found;
}

let lastList: AccountList | undefined;

/**
 * The accounts to read: MSF_ACCOUNTS, plus the organization's active accounts when MSF_ORG_ROLE is set, or else
 * the default chain's own account. A failed discovery is an error beside the configured accounts, never instead.
 */
export async function listAccounts(): Promise<AccountList> {
  const configured = env().MSF_ACCOUNTS.map(fromSetting);
  const errors: string[] = [];
  let accounts = configured;
  const role = env().MSF_ORG_ROLE;
  if (role) {
    try {
      accounts = [...configured, ...(await discovered(role, new Set(configured.map((a) => a.id))))];
    } catch (error) {
      errors.push(
        `Organizations ListAccounts failed, so only the configured accounts are read: ${describeAwsError(error).message}`,
      );
    }
  }
  if (!accounts.length && !role) {
    accounts = [{ id: await callerAccountId(), name: "default", regions: env().MSF_REGIONS }];
  }
  lastList = { accounts, errors };
  return lastList;
}

/** An account by id, from the last list (listed again when unknown, e.g. in a fresh worker). */
export async function accountById(id: string): Promise<Account | undefined> {
  const known = lastList?.accounts.find((a) => a.id === id);
  return known ?? (await listAccounts()).accounts.find((a) => a.id === id);
}

/** Display names by id for pages and CSVs: the configured ones; anything else shows its id. */
export function accountNames(): Map<string, string> {
  const names = new Map(env().MSF_ACCOUNTS.map((a) => [a.id, a.name ?? a.id]));
  for (const account of lastList?.accounts ?? []) if (!names.has(account.id)) names.set(account.id, account.name);
  return names;
}

/** One application: account + region + name. */
export interface AppKey extends AccountRegion {
  name: string;
}

/** "account/region/name": one application's key in strings (active-run keys, audit targets, logs). */
export function appKeyText(app: AppKey): string {
  return `${app.account}/${app.region}/${app.name}`;
}

/** "payments-prod (210987654321)", or the id alone when it has no other name; "unknown" for runs older than accounts. */
export function accountLabel(id: string): string {
  if (!id) return "unknown account";
  const name = accountNames().get(id);
  return name && name !== id ? `${name} (${id})` : id;
}
