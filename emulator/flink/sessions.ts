// Dashboard sessions handed out by CreateApplicationPresignedUrl: the authToken, the app it opens and its clock.
// Kept per Store (not in the Store) so the MSF state stays free of them; a reset re-seeds the apps, which
// invalidates every token because a session remembers the app object it was issued for.
import { randomBytes } from "node:crypto";
import type { Store } from "../core/store";
import type { EmuDurations } from "../core/types";
import type { MsfApp } from "../msf/model";

/** AWS: the URL must be used within 3 minutes; the session length is the caller's choice. */
const REAL_FIRST_USE_MS = 180_000;

export interface DashboardSession {
  token: string;
  accountId: string;
  region: string;
  appName: string;
  app: MsfApp;
  createdAt: number;
  firstUseDeadline: number;
  sessionMs: number;
  firstUsedAt?: number;
}

const sessionsByStore = new WeakMap<Store, Map<string, DashboardSession>>();

function sessionsOf(store: Store): Map<string, DashboardSession> {
  let sessions = sessionsByStore.get(store);
  if (!sessions) {
    sessions = new Map();
    sessionsByStore.set(store, sessions);
  }
  return sessions;
}

/** Session lengths scale with the first-use window, so one duration override shortens both for tests. */
export function sessionMsFor(seconds: number, durations: EmuDurations): number {
  return Math.round(seconds * 1000 * (durations.presignedUrlFirstUseMs / REAL_FIRST_USE_MS));
}

export function openSession(
  store: Store,
  app: MsfApp,
  now: number,
  sessionSeconds: number,
  durations: EmuDurations,
): DashboardSession {
  const session: DashboardSession = {
    token: randomBytes(32).toString("base64url"),
    accountId: app.accountId,
    region: app.region,
    appName: app.name,
    app,
    createdAt: now,
    firstUseDeadline: now + durations.presignedUrlFirstUseMs,
    sessionMs: sessionMsFor(sessionSeconds, durations),
  };
  sessionsOf(store).set(session.token, session);
  return session;
}

export type SessionCheck = { ok: true; session: DashboardSession } | { ok: false; reason: string };

/** Validates a token for one app at `now`; the first successful check starts the session clock. */
export function checkSession(
  store: Store,
  token: string | null,
  target: { accountId: string; region: string; appName: string },
  now: number,
): SessionCheck {
  const session = token ? sessionsOf(store).get(token) : undefined;
  if (!session) return { ok: false, reason: "unknown or missing authToken" };
  const sameApp =
    session.accountId === target.accountId && session.region === target.region && session.appName === target.appName;
  if (!sameApp) return { ok: false, reason: "authToken belongs to another application" };
  if (store.app(target.accountId, target.region, target.appName, now) !== session.app) {
    return { ok: false, reason: "the application was re-created or deleted" };
  }
  if (session.firstUsedAt === undefined) {
    if (now >= session.firstUseDeadline) return { ok: false, reason: "URL not used within 3 minutes of creation" };
    session.firstUsedAt = now;
  }
  if (now >= session.firstUsedAt + session.sessionMs) return { ok: false, reason: "session expired" };
  return { ok: true, session };
}
