import type { MsfApp, SnapshotRecord } from "./model";

export const MAX_SNAPSHOTS = 1000;

export function latestReadySnapshot(app: MsfApp): SnapshotRecord | undefined {
  return app.snapshots.filter((s) => s.status === "READY").sort((a, b) => b.createdAt - a.createdAt)[0];
}

/** Service-created snapshot before an update, a stop or a rescale (counts toward the quota, never refused). */
export function takeAutoSnapshot(
  app: MsfApp,
  at: number,
  snapshotMs: number,
  reason: "update" | "stop" | "scale",
): SnapshotRecord {
  let name = `${reason}-${Math.floor(at / 1000)}`;
  for (let i = 2; app.snapshots.some((s) => s.name === name); i++) name = `${reason}-${Math.floor(at / 1000)}-${i}`;
  const snapshot: SnapshotRecord = {
    name,
    status: "CREATING",
    versionId: app.versionId,
    runtime: app.runtime,
    createdAt: at,
    readyAt: at + snapshotMs,
  };
  app.snapshots.push(snapshot);
  return snapshot;
}

/** Newest first. */
export function snapshotsNewestFirst(app: MsfApp): SnapshotRecord[] {
  return [...app.snapshots].sort((a, b) => b.createdAt - a.createdAt || (a.name < b.name ? 1 : -1));
}
