import { UpdateApplicationCommand, type RuntimeEnvironment } from "@aws-sdk/client-kinesis-analytics-v2";
import { msfMutationClient } from "@/lib/aws/clients";
import { describeAwsError, isTransient } from "@/lib/aws/errors";
import { awsCall } from "./record";
import { currentRunConfiguration, describeApp, describeOperation, findOperationFrom, settingsOf } from "./msf-reads";
import { measureBaseline } from "./observation";
import { writeIntent } from "./lease";
import { runConfigurationUpdateOf } from "./restore-settings";
import { timings } from "./timing";
import { baselineOf, optionsOf, runScope, type Run, type RunBaseline, type StepResult } from "./run-types";

/**
 * Runbook step 5, sent once. The version it is sent against is stored first as the intent; after an unknown
 * outcome (timeout, lost response, crash) the operations API says whether an UpdateApplication from that version
 * exists, and only when none does and the application is still on that version is the update sent again.
 */
export async function updateRuntime(run: Run): Promise<StepResult> {
  const baseline = baselineOf(run);
  const sent = baseline.updateSentVersionId;
  if (run.updateCalledAt && sent !== undefined) {
    const landed = await findOperationFrom(run, "UpdateApplication", sent);
    if (landed) return updateIssued(run, landed.OperationId, "the update had reached AWS; not sending it again");
  }
  const detail = await describeApp(run);
  const app = settingsOf(detail);
  if (sent !== undefined && app.versionId !== sent) {
    return updateRefused(
      run,
      `${run.appName} moved from version ${sent} to ${app.versionId} while our update's outcome was unknown, and AWS shows no update of ours: someone else changed it. Reload and start again.`,
    );
  }
  if (app.status === "UPDATING") return { kind: "wait", note: "waiting for the settings update to finish" };
  const checkpointDurationMs = baseline.checkpointDurationMs ?? (await measureBaseline(run, new Date()));
  const intent = { ...baseline, checkpointDurationMs, updateSentVersionId: app.versionId };
  await writeIntent(run, { updateCalledAt: new Date(), baseline: JSON.stringify(intent) });
  const runConfiguration = runConfigurationUpdateOf(optionsOf(run)) ?? currentRunConfiguration(detail);
  try {
    const out = await awsCall(
      run,
      "UpdateApplication",
      () =>
        msfMutationClient(runScope(run)).send(
          new UpdateApplicationCommand({
            ApplicationName: run.appName,
            CurrentApplicationVersionId: app.versionId,
            RuntimeEnvironmentUpdate: run.toRuntime as RuntimeEnvironment,
            ApplicationConfigurationUpdate: {
              ...(run.toCodeKey
                ? {
                    ApplicationCodeConfigurationUpdate: {
                      CodeContentUpdate: { S3ContentLocationUpdate: { FileKeyUpdate: run.toCodeKey } },
                    },
                  }
                : {}),
            },
            ...(runConfiguration ? { RunConfigurationUpdate: runConfiguration } : {}),
          }),
        ),
      (o) =>
        `${run.fromRuntime} → ${run.toRuntime}${run.toCodeKey ? `, code ${run.toCodeKey}` : ""} (operation ${o.OperationId}; restore ${runConfiguration?.ApplicationRestoreConfiguration?.ApplicationRestoreType ?? "default"}, allow non-restored state ${runConfiguration?.FlinkRunConfiguration?.AllowNonRestoredState ?? false})`,
    );
    return updateIssued({ ...run, baseline: JSON.stringify(intent) }, out.OperationId, "update requested");
  } catch (error) {
    if (isTransient(error)) throw error;
    if ((error as Error).name === "ConcurrentModificationException") {
      const landed = await findOperationFrom(run, "UpdateApplication", app.versionId);
      if (landed)
        return updateIssued(
          { ...run, baseline: JSON.stringify(intent) },
          landed.OperationId,
          "the update had reached AWS",
        );
      return updateRefused(
        run,
        `Someone else changed ${run.appName} just before the update (${describeAwsError(error).message}). The runtime was not changed; reload and start again.`,
      );
    }
    return updateRefused(
      run,
      `AWS refused the update: ${describeAwsError(error).message}. The runtime was not changed.`,
    );
  }
}

function updateIssued(run: Run, operationId: string | undefined, note: string): StepResult {
  return {
    kind: "next",
    step: "wait-running",
    patch: { baseline: JSON.stringify({ ...baselineOf(run), updateOperationId: operationId }) },
    note,
  };
}

/** The update provably did not happen: the intent is cleared, so no rollback can revert someone else's version. */
function updateRefused(run: Run, message: string): StepResult {
  const baseline: RunBaseline = { ...baselineOf(run), updateSentVersionId: undefined };
  return {
    kind: "finish",
    outcome: "FAILED",
    patch: { error: message, updateCalledAt: null, baseline: JSON.stringify(baseline) },
    note: "update refused",
  };
}

/** Runbook step 6: RUNNING → UPDATING → RUNNING on the new runtime, or a failure MSF may roll back itself. */
export async function waitForRunning(run: Run): Promise<StepResult> {
  const baseline = baselineOf(run);
  const operationId =
    baseline.updateOperationId ??
    (baseline.updateSentVersionId !== undefined
      ? (await findOperationFrom(run, "UpdateApplication", baseline.updateSentVersionId))?.OperationId
      : undefined);
  const details = operationId ? await describeOperation(run, operationId) : undefined;
  const app = settingsOf(await describeApp(run));

  if (details?.OperationStatus === "FAILED") {
    const failure = details.OperationFailureDetails;
    const reason = failure?.ErrorInfo?.ErrorString ?? "the update operation failed";
    if (failure?.RollbackOperationId) {
      return {
        kind: "next",
        step: "wait-rollback",
        patch: {
          rolledBackBy: "MSF",
          rollbackReason: reason,
          rollbackCalledAt: new Date(),
          baseline: JSON.stringify({ ...baseline, rollbackOperationId: failure.RollbackOperationId }),
        },
        note: `update failed; MSF is rolling back by itself (operation ${failure.RollbackOperationId})`,
      };
    }
    return {
      kind: "finish",
      outcome: "FAILED",
      patch: {
        error: `The update failed and MSF did not roll back (system rollback off): ${reason}. ${run.appName} is ${app.status} on ${app.runtime}: fix the code or configuration, then start it from the snapshot ${run.snapshotName ?? "taken before the upgrade"}.`,
      },
      note: "update failed",
    };
  }
  const updated = app.runtime === run.toRuntime && details?.OperationStatus !== "IN_PROGRESS";
  if (updated && app.status === "READY" && baseline.startStatus === "READY") {
    return {
      kind: "finish",
      outcome: "UNVERIFIED",
      patch: {
        verdict: "INCONCLUSIVE",
        verdictDetail: JSON.stringify({
          verdict: "INCONCLUSIVE",
          reasons: [
            {
              signal: "status",
              observation:
                "The application is stopped: MSF checks the snapshot and the new runtime when it next starts; watch that start.",
              severity: "unknown",
            },
          ],
          checkedAt: new Date(),
        }),
      },
      note: "stopped application updated; not proven healthy until it starts",
    };
  }
  if (updated && app.status === "RUNNING")
    return { kind: "next", step: "observe", patch: { runningAt: new Date() }, note: `RUNNING on ${run.toRuntime}` };
  if (
    app.status === "UPDATING" &&
    Date.now() - run.updateCalledAt!.getTime() > timings().stuckAfterMs &&
    run.outcome !== "STUCK"
  ) {
    return {
      kind: "decide",
      patch: { outcome: "STUCK" },
      note: `still UPDATING after ${Math.round(timings().stuckAfterMs / 1000)} s: stuck; roll back or wait`,
    };
  }
  return { kind: "wait", note: `${app.status} on ${app.runtime}` };
}
