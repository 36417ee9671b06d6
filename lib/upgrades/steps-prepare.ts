import {
  CreateApplicationSnapshotCommand,
  DescribeApplicationSnapshotCommand,
  UpdateApplicationCommand,
} from "@aws-sdk/client-kinesis-analytics-v2";
import { msfClient, msfMutationClient } from "@/lib/aws/clients";
import { awsCall } from "./record";
import { currentRunConfiguration, describeApp, settingsOf } from "./msf-reads";
import { baselineOf, optionsOf, runScope, type Run, type StepResult } from "./run-types";

/** Nothing is changed before these checks pass, so a stale or moved application leaves nothing half-done. */
export async function preflight(run: Run): Promise<StepResult> {
  const app = settingsOf(await describeApp(run));
  if (app.versionId !== run.expectedVersionId) {
    return {
      kind: "finish",
      outcome: "FAILED",
      patch: {
        error: `Someone else changed ${run.appName} since it was loaded: its version is now ${app.versionId}, not ${run.expectedVersionId}. Nothing was changed; reload the application and start again.`,
      },
      note: "stale application version",
    };
  }
  if (app.runtime !== run.fromRuntime) {
    return {
      kind: "finish",
      outcome: "FAILED",
      patch: { error: `${run.appName} now runs ${app.runtime}, not ${run.fromRuntime}. Nothing was changed.` },
      note: "runtime moved",
    };
  }
  if (app.status !== "RUNNING" && app.status !== "READY") {
    return {
      kind: "finish",
      outcome: "FAILED",
      patch: { error: `${run.appName} is ${app.status}; an upgrade needs RUNNING or READY. Nothing was changed.` },
      note: "wrong status",
    };
  }
  const baseline = { ...baselineOf(run), startStatus: app.status, fromVersionId: app.versionId };
  return {
    kind: "next",
    step: "safety",
    patch: { baseline: JSON.stringify(baseline) },
    note: `${app.status} on ${app.runtime}, version ${app.versionId}`,
  };
}

/** Runbook step 3: turn on system rollback and automatic snapshots when they are off. */
export async function enableSafety(run: Run): Promise<StepResult> {
  const options = optionsOf(run);
  const detail = await describeApp(run);
  const app = settingsOf(detail);
  if (app.status === "UPDATING") return { kind: "wait", note: "waiting for the settings update to finish" };
  const needRollback = options.enableRollback && !app.rollbackEnabled;
  const needSnapshots = options.enableSnapshots && !app.snapshotsEnabled;
  if (!needRollback && !needSnapshots)
    return {
      kind: "next",
      step: "snapshot",
      note: `system rollback ${app.rollbackEnabled ? "on" : "off"}, snapshots ${app.snapshotsEnabled ? "on" : "off"}`,
    };
  // No SDK retries: after a lost response the next poll reads the flags back and sends only what is still off.
  // The current restore settings ride along, or AWS would reset AllowNonRestoredState to false.
  const runConfiguration = currentRunConfiguration(detail);
  await awsCall(
    run,
    "UpdateApplication",
    () =>
      msfMutationClient(runScope(run)).send(
        new UpdateApplicationCommand({
          ApplicationName: run.appName,
          CurrentApplicationVersionId: app.versionId,
          ApplicationConfigurationUpdate: {
            ...(needRollback ? { ApplicationSystemRollbackConfigurationUpdate: { RollbackEnabledUpdate: true } } : {}),
            ...(needSnapshots ? { ApplicationSnapshotConfigurationUpdate: { SnapshotsEnabledUpdate: true } } : {}),
          },
          ...(runConfiguration ? { RunConfigurationUpdate: runConfiguration } : {}),
        }),
      ),
    () => `enabled${needRollback ? " system rollback" : ""}${needSnapshots ? " snapshots" : ""}`,
  );
  return { kind: "wait", note: "safety settings requested" };
}

/** Runbook step 4: a named snapshot, waited for until READY. A stopped app cannot snapshot (MSF needs RUNNING). */
export async function takeSnapshot(run: Run): Promise<StepResult> {
  if (!optionsOf(run).takeSnapshot || !run.snapshotName)
    return { kind: "next", step: "update", note: "no named snapshot requested" };
  if (baselineOf(run).startStatus === "READY")
    return {
      kind: "next",
      step: "update",
      note: "the application is stopped: MSF restores from the snapshot it took at stop",
    };
  const client = msfClient(runScope(run));
  try {
    const { SnapshotDetails: snapshot } = await awsCall(
      run,
      "DescribeApplicationSnapshot",
      () =>
        client.send(
          new DescribeApplicationSnapshotCommand({ ApplicationName: run.appName, SnapshotName: run.snapshotName! }),
        ),
      (o) => o.SnapshotDetails?.SnapshotStatus ?? "?",
    );
    if (snapshot?.SnapshotStatus === "READY")
      return { kind: "next", step: "update", note: `snapshot ${run.snapshotName} is READY` };
    if (snapshot?.SnapshotStatus === "FAILED")
      return {
        kind: "finish",
        outcome: "FAILED",
        patch: { error: `Snapshot ${run.snapshotName} failed; the upgrade was not started.` },
        note: "snapshot failed",
      };
    return { kind: "wait", note: `snapshot ${snapshot?.SnapshotStatus}` };
  } catch (error) {
    if ((error as Error).name !== "ResourceNotFoundException") throw error;
  }
  try {
    await awsCall(
      run,
      "CreateApplicationSnapshot",
      () =>
        msfMutationClient(runScope(run)).send(
          new CreateApplicationSnapshotCommand({ ApplicationName: run.appName, SnapshotName: run.snapshotName! }),
        ),
      () => run.snapshotName!,
    );
  } catch (error) {
    // The per-application snapshot quota: it stays until old snapshots are deleted, so a person must act.
    if ((error as Error).name !== "LimitExceededException") throw error;
    const note = `CreateApplicationSnapshot refused: ${run.appName} has reached its snapshot quota. Delete old snapshots (the step keeps retrying) or cancel the upgrade; nothing was changed.`;
    return run.state === "NEEDS_DECISION"
      ? { kind: "retry", reason: "snapshot quota reached" }
      : { kind: "decide", note };
  }
  return { kind: "wait", note: "snapshot requested" };
}
