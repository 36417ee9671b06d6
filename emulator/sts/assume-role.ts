// AssumeRole: validation, then the role's trust policy (role exists, trusts the default caller, ExternalId), then
// MaxSessionDuration; a new session in the role's account.
import { EmuError } from "../core/types";
import type { Identity, IdentityService } from "../identity/identity";
import { sessionArnOf, userArnOf } from "../identity/identity";
import { uniqueIdOf } from "../identity/credentials";
import { ROLE_MAX_SESSION_SECONDS } from "../identity/roles";
import { DEFAULT_ACCOUNT_ID } from "../seed/spec";
import { Violations } from "./validate";
import { element, stsDate, validationError } from "./wire";

export interface StsContext {
  caller: Identity;
  identity: IdentityService;
  now: number;
}

const DEFAULT_DURATION_SECONDS = 3600;
const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/([\w+=,.@-]{1,64})$/;
// Only this principal is named in the emulated trust policies.
const TRUSTED_PRINCIPAL = userArnOf(DEFAULT_ACCOUNT_ID);

export function assumeRole(params: URLSearchParams, ctx: StsContext): string {
  const value = (name: string) => params.get(name) ?? undefined;
  const roleArn = value("RoleArn");
  const sessionName = value("RoleSessionName");
  const externalId = value("ExternalId");
  const duration = value("DurationSeconds");

  const violations = new Violations();
  violations.required(roleArn, "roleArn");
  violations.length(roleArn, "roleArn", 20, 2048);
  violations.required(sessionName, "roleSessionName");
  violations.length(sessionName, "roleSessionName", 2, 64);
  violations.pattern(sessionName, "roleSessionName", /^[\w+=,.@-]*$/, "[\\w+=,.@-]*");
  violations.range(duration, "durationSeconds", 900, 43200);
  violations.length(externalId, "externalId", 2, 1224);
  violations.pattern(externalId, "externalId", /^[\w+=,.@:/-]*$/, "[\\w+=,.@:\\/-]*");
  violations.throwIfAny();

  // Not an ARN at all: ValidationError; any ARN that names no emulated role (paths included): AccessDenied.
  if (!roleArn!.startsWith("arn:")) throw validationError("Request ARN is invalid");
  const [, accountId = "", roleName = ""] = ROLE_ARN.exec(roleArn!) ?? [];
  const role = accountId ? ctx.identity.roles.get(accountId, roleName) : undefined;
  const trusted =
    role !== undefined &&
    role.assumable &&
    ctx.caller.arn === TRUSTED_PRINCIPAL &&
    (role.externalId === null || role.externalId === externalId);
  if (!trusted) {
    throw new EmuError(
      "AccessDenied",
      `User: ${ctx.caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
      403,
      "AccessDenied",
    );
  }
  const seconds = duration === undefined ? DEFAULT_DURATION_SECONDS : Number(duration);
  if (seconds > ROLE_MAX_SESSION_SECONDS) {
    throw validationError("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
  }

  const roleId = uniqueIdOf("AROA", roleArn!);
  const session = ctx.identity.sessions.issue(
    { accountId, roleName, roleId, sessionName: sessionName! },
    ctx.now,
    seconds,
  );
  return (
    `<AssumedRoleUser>${element("AssumedRoleId", `${roleId}:${session.sessionName}`)}` +
    `${element("Arn", sessionArnOf(session))}</AssumedRoleUser>` +
    `<Credentials>${element("AccessKeyId", session.accessKeyId)}` +
    `${element("SecretAccessKey", session.secretAccessKey)}${element("SessionToken", session.sessionToken)}` +
    `${element("Expiration", stsDate(session.expiresAt))}</Credentials>`
  );
}

export function getCallerIdentity(ctx: StsContext): string {
  const { caller } = ctx;
  return element("UserId", caller.userId) + element("Account", caller.accountId) + element("Arn", caller.arn);
}
