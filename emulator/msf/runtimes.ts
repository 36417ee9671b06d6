// Runtime catalogue and the basic compatibility check MSF runs on stateful version changes (msf-api.md §6.4).
import type { RuntimeEnvironment } from "../core/types";

export const RUNTIMES: readonly RuntimeEnvironment[] = [
  "SQL-1_0",
  "FLINK-1_6",
  "FLINK-1_8",
  "ZEPPELIN-FLINK-1_0",
  "FLINK-1_11",
  "FLINK-1_13",
  "ZEPPELIN-FLINK-2_0",
  "FLINK-1_15",
  "ZEPPELIN-FLINK-3_0",
  "FLINK-1_18",
  "FLINK-1_19",
  "FLINK-1_20",
  "FLINK-2_2",
  "FLINK-2_3",
];

export function isKnownRuntime(value: string): boolean {
  return RUNTIMES.includes(value);
}

export function isFlinkRuntime(runtime: RuntimeEnvironment): boolean {
  return /^FLINK-\d+_\d+$/.test(runtime);
}

/** [major, minor] of a FLINK-x_y runtime, undefined for SQL/Zeppelin. */
export function flinkVersion(runtime: RuntimeEnvironment): [number, number] | undefined {
  const match = /^FLINK-(\d+)_(\d+)$/.exec(runtime);
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2])];
}

export function compareFlink(a: RuntimeEnvironment, b: RuntimeEnvironment): number {
  const va = flinkVersion(a) ?? [0, 0];
  const vb = flinkVersion(b) ?? [0, 0];
  return va[0] - vb[0] || va[1] - vb[1];
}

/**
 * Why restoring state taken on `snapshotRuntime` into `targetRuntime` is rejected, or undefined when allowed.
 * Only Flink versions are compared, like the service's "basic compatibility checks".
 */
export function stateIncompatibility(
  snapshotRuntime: RuntimeEnvironment,
  targetRuntime: RuntimeEnvironment,
): string | undefined {
  if (!isFlinkRuntime(snapshotRuntime) || !isFlinkRuntime(targetRuntime)) return undefined;
  if (snapshotRuntime === "FLINK-1_6" && compareFlink(targetRuntime, "FLINK-1_18") >= 0) {
    return (
      `Flink 1.6 state is not compatible with ${targetRuntime}. Upgrade to an intermediate version ` +
      "(FLINK-1_8 to FLINK-1_15) and take a snapshot first."
    );
  }
  if (compareFlink(snapshotRuntime, targetRuntime) > 0) {
    return (
      `Snapshot taken with ${snapshotRuntime} cannot be restored on ${targetRuntime}: ` +
      "a stateful downgrade requires a snapshot taken with a matching or earlier Flink version."
    );
  }
  return undefined;
}
