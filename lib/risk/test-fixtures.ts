// Builders shared by the risk tests: a healthy, boring application that produces no factor when
// upgraded from FLINK-1_19 to FLINK-1_20, so each test adds exactly the fact it is about.
import type { AppFacts } from "./facts";

export const NOW = new Date("2026-05-01T12:00:00Z");
export const DAY_MS = 24 * 60 * 60 * 1000;

export function daysAgo(days: number): Date {
  return new Date(NOW.getTime() - days * DAY_MS);
}

export function cleanFacts(overrides: Partial<AppFacts> = {}): AppFacts {
  return {
    name: "orders-enricher",
    region: "us-east-1",
    runtime: "FLINK-1_19",
    status: "RUNNING",
    applicationMode: "STREAMING",
    snapshotsEnabled: true,
    rollbackEnabled: true,
    restore: {
      applicationRestoreType: "RESTORE_FROM_LATEST_SNAPSHOT",
      snapshotName: null,
      allowNonRestoredState: false,
    },
    newestSnapshot: { name: "pre-upgrade", createdAt: daysAgo(1), runtime: "FLINK-1_19" },
    isPython: false,
    kinesisSource: false,
    usesEfo: false,
    tags: { team: "payments" },
    parallelism: 4,
    kpus: 5,
    metrics24h: { restarts: 0, failedCheckpoints: 0, lastCheckpointSizeBytes: 50 * 1024 ** 2 },
    logs: { logStream: "present", kryoTypes: [] },
    ...overrides,
  };
}

export const CLEAN_TARGET = "FLINK-1_20";
