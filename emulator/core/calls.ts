import type { CallCount } from "./control-types";

interface Key {
  accountId: string;
  service: CallCount["service"];
  region: string;
  operation: string;
  app?: string;
  sessionName?: string;
}
type Tally = Record<Exclude<CallOutcome, "ok">, number>;
interface Entry extends Key, Tally {
  count: number;
}

export type CallOutcome = "ok" | "throttled" | "failed" | "lost" | "hung";
const OUTCOMES = ["throttled", "failed", "lost", "hung"] as const;
const zero = (): Tally => ({ throttled: 0, failed: 0, lost: 0, hung: 0 });

export class CallRecorder {
  private counts = new Map<string, Entry>();

  record(key: Key, outcome: CallOutcome = "ok"): void {
    const id = JSON.stringify([
      key.accountId,
      key.service,
      key.region,
      key.operation,
      key.app ?? null,
      key.sessionName ?? null,
    ]);
    const entry = this.counts.get(id) ?? { ...key, count: 0, ...zero() };
    entry.count++;
    if (outcome !== "ok") entry[outcome]++;
    this.counts.set(id, entry);
  }

  /** Counts merged over accounts unless one is asked for. */
  list(accountId?: string): CallCount[] {
    const merged = new Map<string, Entry>();
    for (const entry of this.counts.values()) {
      if (accountId !== undefined && entry.accountId !== accountId) continue;
      const id = JSON.stringify([
        entry.service,
        entry.region,
        entry.operation,
        entry.app ?? null,
        entry.sessionName ?? null,
      ]);
      const existing = merged.get(id);
      if (existing) {
        existing.count += entry.count;
        for (const outcome of OUTCOMES) existing[outcome] += entry[outcome];
      } else merged.set(id, { ...entry });
    }
    return [...merged.values()].map((e) => ({
      service: e.service,
      region: e.region,
      operation: e.operation,
      ...(e.app !== undefined ? { app: e.app } : {}),
      ...(e.sessionName !== undefined ? { sessionName: e.sessionName } : {}),
      count: e.count,
      ...Object.fromEntries(OUTCOMES.filter((o) => e[o] > 0).map((o) => [o, e[o]])),
    }));
  }

  reset(): void {
    this.counts.clear();
  }
}
