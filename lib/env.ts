import { z } from "zod";

// The only reader of process.env in the app. The AWS SDK reads its own variables
// (AWS_REGION, AWS_ENDPOINT_URL, credentials) through the default chain; we only display the endpoint.
const regionList = z
  .string()
  .transform((s) =>
    s
      .split(",")
      .map((r) => r.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "not an AWS region name")).min(1));

const accountSchema = z.object({
  id: z.string().regex(/^\d{12}$/, "an account id is 12 digits"),
  /** Shown beside the id; defaults to the id. */
  name: z.string().min(1).max(64).optional(),
  /** A role name in that account, or a role ARN; absent: the default chain's own credentials (its own account). */
  role: z
    .string()
    .regex(/^(arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\/-]{1,512}|[\w+=,.@-]{1,64})$/, "a role name or a role ARN")
    .optional(),
  externalId: z.string().min(2).max(1224).optional(),
  /** The account's regions; defaults to MSF_REGIONS. */
  regions: z
    .array(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "not an AWS region name"))
    .min(1)
    .optional(),
});

export type AccountSetting = z.infer<typeof accountSchema>;

const accountList = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({
        code: "custom",
        message: "MSF_ACCOUNTS is not JSON: a list of { id, name?, role?, externalId?, regions? }",
      });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .array(accountSchema)
      .refine((list) => new Set(list.map((a) => a.id)).size === list.length, "an account is listed twice"),
  );

const EnvSchema = z.object({
  DATABASE_URL: z.string().default("file:./data/msf.db"),
  MSF_REGIONS: regionList.default(["us-east-1"]),
  AWS_ENDPOINT_URL: z.string().url().optional(),
  /** The accounts to read (JSON, see AccountSetting); empty: the default credential chain's own account. */
  MSF_ACCOUNTS: accountList.default([]),
  /** Also discover the organization's ACTIVE accounts (Organizations ListAccounts), each through this role name. */
  MSF_ORG_ROLE: z
    .string()
    .regex(/^[\w+=,.@-]{1,64}$/, "a role name")
    .optional(),
  /** The ExternalId discovered accounts' roles require, if any. */
  MSF_ORG_EXTERNAL_ID: z.string().min(2).max(1224).optional(),
  /** The OpenID provider every user signs in with (Okta, Entra ID, Google, Keycloak, Cognito, or the local demo IdP). */
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().default("msf-dashboard"),
  OIDC_CLIENT_SECRET: z.string().optional(),
  /** Space-separated; add "groups" for IdPs that put groups behind a scope. */
  OIDC_SCOPES: z.string().default("openid profile email groups"),
  /** Where browsers reach the dashboard: the OIDC redirect URI is APP_URL/auth/callback. */
  APP_URL: z.string().url().optional(),
  /** IdP group → role, e.g. "platform-admins:admin,flink-engineers:engineer". One group may grant several roles. */
  ROLE_MAP: z
    .string()
    .default("msf-viewers:viewer,msf-engineers:engineer,msf-approvers:approver,msf-managers:manager,msf-admins:admin"),
  SESSION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(8),
  /** The port `next start` listens on; the default APP_URL uses it. */
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** The tag (key=value) that marks a production application: its upgrades need a second person's approval. Empty: none. */
  APPROVAL_TAG: z
    .string()
    .regex(/^$|^[^=]+=.+$/, "key=value, or empty")
    .default("env=prod"),
  /** Upgrades at this risk level or above need an approval too; `off`: risk alone never does. */
  APPROVAL_RISK: z.enum(["medium", "high", "off"]).default("high"),
  /** An unanswered approval request lapses after this many hours. */
  APPROVAL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 14)
    .default(24),
  SYNC_INTERVAL_SECONDS: z.coerce.number().int().min(10).default(300),
  /** A sync reads every application this long after the last full one; in between it reads only what changed. */
  FULL_SYNC_MINUTES: z.coerce.number().positive().default(60),
  /** An unchanged application is read again (snapshots, operations, tags) once its last read is this old. */
  DETAIL_REFRESH_MINUTES: z.coerce.number().positive().default(30),
  /** The sync records runtime changes made outside the dashboard from MSF operations this recent (the last 10). */
  OUTSIDE_LOOKBACK_DAYS: z.coerce.number().positive().default(30),
  /** Where an application's build for the target runtime is, beside its current code ({name}: the application). */
  TARGET_CODE_PATTERN: z
    .string()
    .regex(/\{name\}/, "must contain {name}")
    .default("{name}-flink-2.2.jar"),
  /** Concurrent application reads per region; the SDK's adaptive retry absorbs throttling. */
  SYNC_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(4),
  /** Scales the upgrade timings and the default health policy: 1 for real AWS, smaller against a fast emulator. */
  UPGRADE_TIME_SCALE: z.coerce.number().positive().max(1).default(1),
  /** Every AWS call gives up after these, so one hung call never stalls a run (or the others) for long. */
  AWS_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(3_000),
  AWS_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  /** `off`: the web server starts no worker; a separate `npm run worker` is the only writer of runs and syncs. */
  WORKER: z.enum(["on", "off"]).default("on"),
  /** Events of runs that ended longer ago, and inventory syncs older than this, are pruned. */
  RETENTION_DAYS: z.coerce.number().int().min(1).default(400),
  /** Read the Flink job's own view (presigned dashboard URL) during observation; off: CloudWatch judges alone. */
  JOB_VIEW: z.enum(["on", "off"]).default("on"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

export function env(): Env {
  cached ??= EnvSchema.parse(process.env);
  return cached;
}

/** Tests that change process.env mid-file read it again. */
export function resetEnvForTests(): void {
  cached = undefined;
}

/** Demo mode is configuration: an endpoint override means we talk to the emulator, not AWS. */
export function isEmulated(): boolean {
  return env().AWS_ENDPOINT_URL !== undefined;
}
