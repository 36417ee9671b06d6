// STS sessions the emulator issued: a request signed with one of their ASIA keys acts in the session's account
// until Expiration (emulator clock). Forgotten on reset, after which the keys are unknown.
import { newSecretAccessKey, newSessionAccessKeyId, newSessionToken } from "./credentials";

export interface StsSession {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  accountId: string;
  roleName: string;
  /** AROA… unique id of the role. */
  roleId: string;
  sessionName: string;
  issuedAt: number;
  expiresAt: number;
}

export type SessionGrant = Pick<StsSession, "accountId" | "roleName" | "roleId" | "sessionName">;

export class SessionRegistry {
  private sessions = new Map<string, StsSession>();

  issue(grant: SessionGrant, now: number, durationSeconds: number): StsSession {
    const session: StsSession = {
      ...grant,
      accessKeyId: newSessionAccessKeyId(),
      secretAccessKey: newSecretAccessKey(),
      sessionToken: newSessionToken(),
      issuedAt: now,
      expiresAt: now + durationSeconds * 1000,
    };
    this.sessions.set(session.accessKeyId, session);
    return session;
  }

  get(accessKeyId: string): StsSession | undefined {
    return this.sessions.get(accessKeyId);
  }

  /** Ends every live session (of one account) now; answers how many were live. */
  expire(now: number, accountId?: string): number {
    let count = 0;
    for (const session of this.sessions.values()) {
      if (accountId !== undefined && session.accountId !== accountId) continue;
      if (session.expiresAt > now) count++;
      session.expiresAt = Math.min(session.expiresAt, now);
    }
    return count;
  }

  list(): StsSession[] {
    return [...this.sessions.values()];
  }

  reset(): void {
    this.sessions.clear();
  }
}
