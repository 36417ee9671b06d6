import type {
  ApplicationDetail,
  ApplicationRestoreType,
  RunConfigurationUpdate,
  SnapshotDetails,
} from "@aws-sdk/client-kinesis-analytics-v2";
import { restoreOf } from "@/lib/risk/facts";
import type { RunOptions } from "./run-types";

export type RestoreSettings = NonNullable<RunOptions["restore"]>;
export type RestoreType = RestoreSettings["applicationRestoreType"];

export const RESTORE_TYPES = [
  "RESTORE_FROM_LATEST_SNAPSHOT",
  "RESTORE_FROM_CUSTOM_SNAPSHOT",
  "SKIP_RESTORE_FROM_SNAPSHOT",
] as const satisfies readonly ApplicationRestoreType[];

/** The SDK's names, for the wizard's choices. */
export const RESTORE_TYPE_LABELS: Record<RestoreType, string> = {
  RESTORE_FROM_LATEST_SNAPSHOT: "Latest snapshot (the one MSF takes at the update)",
  RESTORE_FROM_CUSTOM_SNAPSHOT: "A named snapshot",
  SKIP_RESTORE_FROM_SNAPSHOT: "No snapshot: start without state",
};

function isRestoreType(value: string): value is RestoreType {
  return (RESTORE_TYPES as readonly string[]).includes(value);
}

/** What DescribeApplication says the next (re)start will do; MSF's defaults when it says nothing. */
export function currentRestoreSettings(detail: ApplicationDetail | null | undefined): RestoreSettings {
  const current = restoreOf(detail);
  const type = isRestoreType(current.applicationRestoreType)
    ? current.applicationRestoreType
    : "RESTORE_FROM_LATEST_SNAPSHOT";
  return {
    applicationRestoreType: type,
    ...(type === "RESTORE_FROM_CUSTOM_SNAPSHOT" && current.snapshotName ? { snapshotName: current.snapshotName } : {}),
    allowNonRestoredState: current.allowNonRestoredState,
  };
}

/**
 * Why a custom snapshot cannot be restored, judged against the snapshots of the last sync; null when it
 * can, or when the sync listed none (then AWS is the judge).
 */
export function snapshotChoiceProblem(snapshotName: string, snapshots: readonly SnapshotDetails[]): string | null {
  if (snapshots.length === 0) return null;
  const found = snapshots.find((s) => s.SnapshotName === snapshotName);
  if (!found)
    return `${snapshotName} is not one of this application's ${snapshots.length} snapshots; pick one from the list or sync again.`;
  if (found.SnapshotStatus !== "READY")
    return `${snapshotName} is ${found.SnapshotStatus ?? "in an unknown status"}; only a READY snapshot can be restored.`;
  return null;
}

export interface SnapshotChoice {
  name: string;
  status: string;
  /** ISO time; null when the API did not say. */
  createdAt: string | null;
}

/** The snapshots the wizard offers, in the given order, as plain data for the browser. */
export function snapshotChoicesOf(snapshots: readonly SnapshotDetails[]): SnapshotChoice[] {
  return snapshots.flatMap((s) =>
    s.SnapshotName
      ? [
          {
            name: s.SnapshotName,
            status: s.SnapshotStatus ?? "UNKNOWN",
            createdAt: s.SnapshotCreationTimestamp ? new Date(s.SnapshotCreationTimestamp).toISOString() : null,
          },
        ]
      : [],
  );
}

/** The UpdateApplication piece that carries the engineer's restore choice; undefined for runs without one. */
export function runConfigurationUpdateOf(options: Pick<RunOptions, "restore">): RunConfigurationUpdate | undefined {
  const restore = options.restore;
  if (!restore) return undefined;
  const isCustom = restore.applicationRestoreType === "RESTORE_FROM_CUSTOM_SNAPSHOT";
  return {
    ApplicationRestoreConfiguration: {
      ApplicationRestoreType: restore.applicationRestoreType,
      ...(isCustom && restore.snapshotName ? { SnapshotName: restore.snapshotName } : {}),
    },
    FlinkRunConfiguration: { AllowNonRestoredState: restore.allowNonRestoredState },
  };
}

/** One line for the preflight, the approval and the run page: what the next start restores. */
export function describeRestore(restore: {
  applicationRestoreType: RestoreType;
  snapshotName?: string | null;
  allowNonRestoredState: boolean;
}): string {
  const custom = restore.applicationRestoreType === "RESTORE_FROM_CUSTOM_SNAPSHOT" ? ` ${restore.snapshotName}` : "";
  return `${restore.applicationRestoreType}${custom}, AllowNonRestoredState=${restore.allowNonRestoredState}`;
}
