// Lazy state machine: pending transitions complete when an app is read at or after their end time, so
// nothing depends on timers and the state at `now` is always exact.
import type { EmuDurations } from "../core/types";
import { addVersion, finishOperation, setStatus, startOperation } from "./app-state";
import { advanceDisturbance, scheduleDisturbance } from "./disturbances";
import { currentVersion, findVersion, type MsfApp, type Pending } from "./model";

export function advanceApp(app: MsfApp, now: number, durations: EmuDurations): void {
  for (let guard = 0; guard < 16; guard++) {
    const pending = app.pending;
    if (!pending || pending.endsAt > now) break;
    app.pending = undefined;
    completePending(app, pending, durations);
  }
  for (const snapshot of app.snapshots) {
    if (snapshot.status !== "CREATING" || snapshot.readyAt > now) continue;
    snapshot.status = "READY";
    if (snapshot.operationId) finishOperation(app, snapshot.operationId, snapshot.readyAt, "SUCCESSFUL");
  }
}

function completePending(app: MsfApp, pending: Pending, durations: EmuDurations): void {
  const at = pending.endsAt;
  switch (pending.kind) {
    case "start":
      setStatus(app, at, "RUNNING", "healthy", true);
      finishOperation(app, pending.operationId, at, "SUCCESSFUL");
      return;
    case "stop":
      setStatus(app, at, "READY", "idle");
      finishOperation(app, pending.operationId, at, "SUCCESSFUL");
      return;
    case "rollback":
      if (pending.fails) {
        setStatus(app, at, "READY", "idle");
        finishOperation(app, pending.operationId, at, "FAILED", {
          errorString:
            "Rollback failed: the job could not be restored from the last successful snapshot. " +
            "The application was stopped.",
        });
      } else {
        setStatus(app, at, "RUNNING", "healthy", true);
        finishOperation(app, pending.operationId, at, "SUCCESSFUL");
      }
      return;
    case "update":
      completeUpdate(app, pending, durations);
      return;
    case "behaviour":
      setStatus(app, at, app.status, pending.behaviour);
      return;
    case "disturbance":
      advanceDisturbance(app, pending, durations);
  }
}

function completeUpdate(app: MsfApp, pending: Extract<Pending, { kind: "update" }>, durations: EmuDurations): void {
  const at = pending.endsAt;
  if (pending.outcome === "stuck") return;
  if (pending.outcome !== "fail") {
    const { outcome } = pending;
    const twist = outcome === "late-failure" || outcome === "maintenance" || outcome === "autoscaling";
    setStatus(app, at, "RUNNING", twist ? "healthy" : outcome, true);
    finishOperation(app, pending.operationId, at, "SUCCESSFUL");
    if (outcome === "late-failure") {
      const endsAt = at + durations.lateFailureOnsetMs;
      app.pending = { kind: "behaviour", endsAt, behaviour: "failing-checkpoints" };
    } else if (outcome === "maintenance" || outcome === "autoscaling") {
      scheduleDisturbance(app, at, outcome, durations);
    }
    return;
  }
  const errorString =
    `Job failed to start on ${app.runtime}: java.lang.NoSuchMethodError: ` +
    "'void org.apache.flink.streaming.api.environment.StreamExecutionEnvironment.addSource(...)' " +
    "(application code is not binary compatible with the selected runtime)";
  if (!currentVersion(app).config.rollbackEnabled) {
    setStatus(app, at, "READY", "idle");
    finishOperation(app, pending.operationId, at, "FAILED", { errorString });
    return;
  }
  const rollback = startOperation(app, "RollbackApplication", at);
  finishOperation(app, pending.operationId, at, "FAILED", { errorString, rollbackOperationId: rollback.id });
  beginRollback(app, at, durations, rollback.id, pending.previousVersionId);
}

/**
 * Reverts to `targetVersionId` (default: the version the current one was updated from) as a new version
 * whose configuration equals the target's (EMU-REC for the undocumented numbering).
 */
export function beginRollback(
  app: MsfApp,
  at: number,
  durations: EmuDurations,
  operationId: string,
  targetVersionId?: number,
): void {
  const current = currentVersion(app);
  const target = findVersion(app, targetVersionId ?? current.updatedFrom ?? -1);
  if (!target) throw new Error(`no version to roll back to for ${app.name}`);
  current.status = "ROLLED_BACK";
  addVersion(app, target.config, at, {
    updatedFrom: target.updatedFrom,
    rolledBackFrom: current.versionId,
    rolledBackTo: target.versionId,
  });
  const operation = app.operations.find((op) => op.id === operationId);
  if (operation) Object.assign(operation, { versionFrom: current.versionId, versionTo: app.versionId });
  setStatus(app, at, "ROLLING_BACK", "idle");
  app.pending = {
    kind: "rollback",
    endsAt: at + durations.rollbackMs,
    operationId,
    fails: app.scenario === "rollback-fails",
  };
}
