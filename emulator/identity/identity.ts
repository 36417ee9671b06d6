// Who a signed request acts as: long-term keys act as user `demo` of their account (the access key id when it is
// 12 digits, else 123456789012); an ASIA key the emulator issued acts as its STS session. Also the opt-in regions
// switched off per account.
import type { Caller } from "../http/auth";
import { uniqueIdOf, isSessionKey } from "./credentials";
import { RoleRegistry } from "./roles";
import { SessionRegistry, type StsSession } from "./sessions";

export const DEMO_USER_NAME = "demo";

export interface Identity {
  accountId: string;
  /** arn:aws:iam::<account>:user/demo or arn:aws:sts::<account>:assumed-role/<role>/<session> */
  arn: string;
  /** AIDA… for the user, AROA…:<session> for a session (GetCallerIdentity's UserId). */
  userId: string;
  session?: StsSession;
}

/**
 * Why credentials are refused: `unknown-key` (an ASIA key never issued or forgotten on reset), `bad-token` (issued
 * key, missing or other session token), `expired`, `region-disabled` (the account has not enabled the region).
 */
export type CredentialProblem = "unknown-key" | "bad-token" | "expired" | "region-disabled";

export type Resolution =
  { ok: true; identity: Identity } | { ok: false; problem: CredentialProblem; accountId: string; sessionName?: string };

export const userArnOf = (accountId: string) => `arn:aws:iam::${accountId}:user/${DEMO_USER_NAME}`;

export function sessionArnOf(session: Pick<StsSession, "accountId" | "roleName" | "sessionName">): string {
  return `arn:aws:sts::${session.accountId}:assumed-role/${session.roleName}/${session.sessionName}`;
}

export class IdentityService {
  readonly roles = new RoleRegistry();
  readonly sessions = new SessionRegistry();
  private disabled = new Set<string>();

  /** Default roles, no sessions, every region enabled. */
  reset(): void {
    this.roles.reset();
    this.sessions.reset();
    this.disabled.clear();
  }

  setRegionEnabled(accountId: string, region: string, enabled: boolean): void {
    if (enabled) this.disabled.delete(`${accountId}/${region}`);
    else this.disabled.add(`${accountId}/${region}`);
  }

  disabledRegions(): { accountId: string; region: string }[] {
    return [...this.disabled].map((key) => {
      const [accountId = "", region = ""] = key.split("/");
      return { accountId, region };
    });
  }

  /** `regional: false` for global services (Organizations), which no region switch affects. */
  resolve(caller: Caller, securityToken: string | undefined, now: number, regional = true): Resolution {
    const identity = this.identityOf(caller, securityToken, now);
    if (!identity.ok) return identity;
    const { accountId, session } = identity.identity;
    if (regional && this.disabled.has(`${accountId}/${caller.region}`)) {
      return { ok: false, problem: "region-disabled", accountId, sessionName: session?.sessionName };
    }
    return identity;
  }

  private identityOf(caller: Caller, securityToken: string | undefined, now: number): Resolution {
    if (!isSessionKey(caller.accessKeyId)) {
      const arn = userArnOf(caller.accountId);
      return { ok: true, identity: { accountId: caller.accountId, arn, userId: uniqueIdOf("AIDA", arn) } };
    }
    const session = this.sessions.get(caller.accessKeyId);
    if (!session) return { ok: false, problem: "unknown-key", accountId: "unknown" };
    const { accountId, sessionName } = session;
    if (securityToken !== session.sessionToken) return { ok: false, problem: "bad-token", accountId, sessionName };
    if (now >= session.expiresAt) return { ok: false, problem: "expired", accountId, sessionName };
    return {
      ok: true,
      identity: { accountId, arn: sessionArnOf(session), userId: `${session.roleId}:${sessionName}`, session },
    };
  }
}
