import { EmuError } from "../core/types";
import { addVersion, instantOperation, runningBehaviour, setStatus, startOperation } from "./app-state";
import { applyConfigUpdate } from "./apply-update";
import { assertVersion, requireApp, resourceInUse, type MsfHandler } from "./context";
import { currentConfig, type AppConfig, type MsfApp, type UpdateOutcome } from "./model";
import { renderDetail } from "./render";
import { stateIncompatibility } from "./runtimes";
import { latestReadySnapshot, takeAutoSnapshot } from "./snapshots";
import { TOKEN_PATTERN, invalidArgument, readAppName } from "./validate";

export const updateApplication: MsfHandler = (input, ctx) => {
  const name = readAppName(input);
  const versionId = input.int("CurrentApplicationVersionId", { min: 1, max: 999_999_999 });
  const token = input.str("ConditionalToken", { min: 1, max: 512, pattern: TOKEN_PATTERN });
  if (versionId === undefined && token === undefined) {
    throw invalidArgument("You must provide the CurrentApplicationVersionId or the ConditionalToken.");
  }
  const app = requireApp(ctx, name);
  assertVersion(app, versionId, token);
  if (app.status !== "READY" && app.status !== "RUNNING") throw resourceInUse(app, "UpdateApplication");

  const change = applyConfigUpdate(app, currentConfig(app), input);
  if (!change.hasUpdates) throw invalidArgument("The request does not contain any application update.");
  const from = app.versionId;

  if (app.status === "READY" || !change.needsRestart) {
    // Stopped apps only pick the change up at the next start; flag-only changes don't redeploy the job.
    addVersion(app, change.config, ctx.now);
    // Keeps the contract "status and runtime mirror the last timeline segment" when a READY app changes runtime.
    setStatus(app, ctx.now, app.status, app.behaviour);
    const op = instantOperation(app, "UpdateApplication", ctx.now, { versionFrom: from, versionTo: app.versionId });
    return { ApplicationDetail: renderDetail(app), OperationId: op.id };
  }

  if (change.runtimeChanged) assertStateCompatible(app, change.config);
  const outcome: UpdateOutcome =
    change.runtimeChanged || change.codeChanged ? scenarioOutcome(app) : redeployBehaviour(app);
  if (change.config.snapshotsEnabled && change.config.restoreType !== "SKIP_RESTORE_FROM_SNAPSHOT") {
    takeAutoSnapshot(app, ctx.now, ctx.durations.snapshotMs, "update");
  }
  addVersion(app, change.config, ctx.now);
  const op = startOperation(app, "UpdateApplication", ctx.now, { versionFrom: from, versionTo: app.versionId });
  setStatus(app, ctx.now, "UPDATING", "idle");
  const { updateMs, updateFailMs } = ctx.durations;
  const endsAt = outcome === "stuck" ? Infinity : ctx.now + (outcome === "fail" ? updateFailMs : updateMs);
  app.pending = { kind: "update", endsAt, operationId: op.id, outcome, previousVersionId: from };
  return { ApplicationDetail: renderDetail(app), OperationId: op.id };
};

/** A redeploy without new code keeps how the job behaves; a one-off restart does not carry over. */
function redeployBehaviour(app: MsfApp): UpdateOutcome {
  const behaviour = runningBehaviour(app);
  return behaviour === "restarting" || behaviour === "failing-checkpoints" ? "healthy" : behaviour;
}

function scenarioOutcome(app: MsfApp): UpdateOutcome {
  switch (app.scenario) {
    case "binary-incompatible":
      return "fail";
    case "stuck-updating":
      return "stuck";
    case "state-incompatible":
    case "rollback-fails":
      return "restart-loop";
    case "slow-checkpoints":
    case "slow-restart-loop":
    case "silent":
    case "late-failure":
      return app.scenario;
    case "maintenance-during-observation":
      return "maintenance";
    case "autoscaling-during-observation":
      return "autoscaling";
    default:
      return "healthy";
  }
}

/**
 * The service's basic check on a RUNNING app: the Flink version of the state it will restore from vs the target.
 * LATEST with snapshots enabled restores the snapshot taken right now, i.e. state of the current runtime.
 */
function assertStateCompatible(app: MsfApp, next: AppConfig): void {
  let stateRuntime: string | undefined;
  if (next.restoreType === "RESTORE_FROM_CUSTOM_SNAPSHOT") {
    const snapshot = app.snapshots.find((s) => s.name === next.restoreSnapshotName && s.status === "READY");
    if (!snapshot) throw invalidArgument(`Snapshot ${next.restoreSnapshotName ?? ""} does not exist or is not READY.`);
    stateRuntime = snapshot.runtime;
  } else if (next.restoreType === "RESTORE_FROM_LATEST_SNAPSHOT") {
    stateRuntime = next.snapshotsEnabled ? app.runtime : latestReadySnapshot(app)?.runtime;
  }
  const reason = stateRuntime && stateIncompatibility(stateRuntime, next.runtime);
  if (reason) throw new EmuError("InvalidApplicationConfigurationException", reason);
}
