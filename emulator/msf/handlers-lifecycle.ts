import { EmuError } from "../core/types";
import { finishOperation, setStatus, startOperation } from "./app-state";
import { assertVersion, requireApp, resourceInUse, type MsfHandler } from "./context";
import { unsupportedFor } from "./handlers-snapshots";
import { currentConfig, findVersion, currentVersion, type MsfApp } from "./model";
import { renderDetail } from "./render";
import { stateIncompatibility } from "./runtimes";
import { latestReadySnapshot, takeAutoSnapshot } from "./snapshots";
import { beginRollback } from "./transitions";
import { readAppName, readSnapshotName } from "./validate";

const RESTORE_TYPES = [
  "SKIP_RESTORE_FROM_SNAPSHOT",
  "RESTORE_FROM_LATEST_SNAPSHOT",
  "RESTORE_FROM_CUSTOM_SNAPSHOT",
] as const;
const FORCE_STOPPABLE = new Set(["STARTING", "UPDATING", "STOPPING", "AUTOSCALING", "RUNNING"]);
const ROLLBACKABLE = new Set(["UPDATING", "AUTOSCALING", "RUNNING"]);

export const startApplication: MsfHandler = (input, ctx) => {
  const name = readAppName(input);
  const run = input.obj("RunConfiguration");
  const restore = run?.obj("ApplicationRestoreConfiguration");
  const restoreType = restore?.oneOf("ApplicationRestoreType", RESTORE_TYPES, true);
  const snapshotName = restore ? readSnapshotName(restore) : undefined;
  run?.obj("FlinkRunConfiguration")?.bool("AllowNonRestoredState");
  run?.list("SqlRunConfigurations");
  const app = requireApp(ctx, name);
  if (app.status !== "READY") throw resourceInUse(app, "StartApplication");
  assertStartCompatible(
    app,
    restoreType ?? currentConfig(app).restoreType,
    snapshotName ?? currentConfig(app).restoreSnapshotName,
  );
  const op = startOperation(app, "StartApplication", ctx.now);
  app.currentParallelism = undefined;
  setStatus(app, ctx.now, "STARTING", "idle");
  app.pending = { kind: "start", endsAt: ctx.now + ctx.durations.startMs, operationId: op.id };
  return { OperationId: op.id };
};

/** Checks run at start only against the chosen snapshot's Flink version (runtime changed while READY). */
function assertStartCompatible(app: MsfApp, restoreType: string, snapshotName: string | undefined): void {
  if (restoreType === "SKIP_RESTORE_FROM_SNAPSHOT" || !app.snapshots.length) return;
  let snapshot = latestReadySnapshot(app);
  if (restoreType === "RESTORE_FROM_CUSTOM_SNAPSHOT") {
    snapshot = app.snapshots.find((s) => s.name === snapshotName && s.status === "READY");
    if (!snapshot) {
      throw new EmuError(
        "InvalidArgumentException",
        `Snapshot ${snapshotName ?? "(none)"} does not exist or is not READY.`,
      );
    }
  }
  const reason = snapshot && stateIncompatibility(snapshot.runtime, app.runtime);
  if (reason) throw new EmuError("InvalidApplicationConfigurationException", reason);
}

export const stopApplication: MsfHandler = (input, ctx) => {
  const name = readAppName(input);
  const force = input.bool("Force") ?? false;
  const app = requireApp(ctx, name);
  if (force ? !FORCE_STOPPABLE.has(app.status) : app.status !== "RUNNING") throw resourceInUse(app, "StopApplication");
  cancelPending(app, ctx.now);
  if (!force && currentConfig(app).snapshotsEnabled) takeAutoSnapshot(app, ctx.now, ctx.durations.snapshotMs, "stop");
  const op = startOperation(app, "StopApplication", ctx.now);
  setStatus(app, ctx.now, force ? "FORCE_STOPPING" : "STOPPING", "idle");
  app.pending = { kind: "stop", endsAt: ctx.now + ctx.durations.stopMs, operationId: op.id };
  return { OperationId: op.id };
};

export const rollbackApplication: MsfHandler = (input, ctx) => {
  const name = readAppName(input);
  const versionId = input.int("CurrentApplicationVersionId", { required: true, min: 1, max: 999_999_999 });
  const app = requireApp(ctx, name);
  unsupportedFor(app, "RollbackApplication", { studio: true });
  assertVersion(app, versionId, undefined);
  if (!ROLLBACKABLE.has(app.status)) throw resourceInUse(app, "RollbackApplication");
  if (!app.snapshots.some((s) => s.status === "READY")) {
    throw new EmuError(
      "UnsupportedOperationException",
      `Application ${app.name} has no snapshots; the rollback request is rejected.`,
    );
  }
  const target = currentVersion(app).updatedFrom;
  if (target === undefined || !findVersion(app, target)) {
    throw new EmuError(
      "UnsupportedOperationException",
      `Application ${app.name} has no previous version to roll back to.`,
    );
  }
  cancelPending(app, ctx.now);
  const op = startOperation(app, "RollbackApplication", ctx.now);
  beginRollback(app, ctx.now, ctx.durations, op.id);
  return { ApplicationDetail: renderDetail(app), OperationId: op.id };
};

/** A superseded transition: its operation (if it has one yet) is CANCELLED. */
function cancelPending(app: MsfApp, at: number): void {
  const operationId = app.pending?.operationId;
  if (operationId) finishOperation(app, operationId, at, "CANCELLED");
  app.pending = undefined;
}
