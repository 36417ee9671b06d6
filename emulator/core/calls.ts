import type { CallCount } from "./control-types";

interface Key {
  accountId: string;
  service: CallCount["service"];
  region: string;
  operation: string;
  app?: string;
}
interface Entry extends Key {
  count: number;
  throttled: number;
  failed: number;
}

export type CallOutcome = "ok" | "throttled" | "failed";

export class CallRecorder {
  private counts = new Map<string, Entry>();

  record(key: Key, outcome: CallOutcome = "ok"): void {
    const id = JSON.stringify([key.accountId, key.service, key.region, key.operation, key.app ?? null]);
    const entry = this.counts.get(id) ?? { ...key, count: 0, throttled: 0, failed: 0 };
    entry.count++;
    if (outcome === "throttled") entry.throttled++;
    if (outcome === "failed") entry.failed++;
    this.counts.set(id, entry);
  }

  /** Counts merged over accounts unless one is asked for. */
  list(accountId?: string): CallCount[] {
    const merged = new Map<string, Entry>();
    for (const entry of this.counts.values()) {
      if (accountId !== undefined && entry.accountId !== accountId) continue;
      const id = JSON.stringify([entry.service, entry.region, entry.operation, entry.app ?? null]);
      const existing = merged.get(id);
      if (existing) {
        existing.count += entry.count;
        existing.throttled += entry.throttled;
        existing.failed += entry.failed;
      } else merged.set(id, { ...entry });
    }
    return [...merged.values()].map((e) => ({
      service: e.service,
      region: e.region,
      operation: e.operation,
      ...(e.app !== undefined ? { app: e.app } : {}),
      count: e.count,
      ...(e.throttled > 0 ? { throttled: e.throttled } : {}),
      ...(e.failed > 0 ? { failed: e.failed } : {}),
    }));
  }

  reset(): void {
    this.counts.clear();
  }
}
