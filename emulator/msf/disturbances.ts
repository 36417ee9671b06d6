// Service-side events on a RUNNING app that the *-during-observation scenarios schedule after an update:
// maintenance (MAINTENANCE, one in-job restart, an ApplicationMaintenance operation) and autoscaling
// (AUTOSCALING, the job is re-submitted from a savepoint with doubled parallelism). Each is a chain of lazy
// pending phases: begin → resume (the job is back) → end (RUNNING again).
import type { EmuDurations } from "../core/types";
import { finishOperation, setStatus, startOperation } from "./app-state";
import { currentConfig, type MsfApp, type Pending } from "./model";
import { takeAutoSnapshot } from "./snapshots";

type Disturbance = Extract<Pending, { kind: "disturbance" }>;

const MAX_KPUS = 64;

export function scheduleDisturbance(
  app: MsfApp,
  runningAt: number,
  type: Disturbance["type"],
  durations: EmuDurations,
): void {
  app.pending = { kind: "disturbance", type, phase: "begin", endsAt: runningAt + durations.disturbanceOnsetMs };
}

export function advanceDisturbance(app: MsfApp, pending: Disturbance, durations: EmuDurations): void {
  const at = pending.endsAt;
  const maintenance = pending.type === "maintenance";
  const status = maintenance ? "MAINTENANCE" : "AUTOSCALING";
  const length = maintenance ? durations.maintenanceMs : durations.autoscalingMs;
  const outage = Math.min(durations.restartOutageMs, length);
  switch (pending.phase) {
    case "begin": {
      let operationId: string | undefined;
      if (maintenance) {
        operationId = startOperation(app, "ApplicationMaintenance", at).id;
        // The job restarts inside the same Flink job: one restart, counters carry on.
        setStatus(app, at, status, "restarting");
      } else {
        rescale(app, at, durations);
        // Stop-with-savepoint and re-submit: no job (no metrics) until the new one runs.
        setStatus(app, at, status, "idle");
      }
      app.pending = { ...pending, phase: "resume", endsAt: at + outage, operationId };
      return;
    }
    case "resume":
      setStatus(app, at, status, "healthy", !maintenance);
      app.pending = { ...pending, phase: "end", endsAt: at - outage + length };
      return;
    case "end":
      setStatus(app, at, "RUNNING", "healthy");
      if (pending.operationId) finishOperation(app, pending.operationId, at, "SUCCESSFUL");
  }
}

/** CurrentParallelism doubles, capped by the KPU limit; a savepoint is taken when snapshots are enabled. */
function rescale(app: MsfApp, at: number, durations: EmuDurations): void {
  const config = currentConfig(app);
  const parallelism = config.flink?.parallelism;
  if (parallelism) {
    const current = app.currentParallelism ?? parallelism.parallelism;
    app.currentParallelism = Math.min(current * 2, MAX_KPUS * parallelism.perKpu);
  }
  if (config.snapshotsEnabled) takeAutoSnapshot(app, at, durations.snapshotMs, "scale");
}
