import { UpdateApplicationCommand, type RuntimeEnvironment } from "@aws-sdk/client-kinesis-analytics-v2";
import { msfClient } from "@/lib/aws/clients";
import { db } from "@/lib/db";
import { describeAwsError } from "@/lib/aws/errors";
import { awsCall } from "./record";
import { describeApp, describeOperation, findOperation, settingsOf } from "./msf-reads";
import { measureBaseline } from "./observation";
import { timings } from "./timing";
import { baselineOf, type Run, type StepResult } from "./run-types";

const definitiveErrors = new Set([
  "ConcurrentModificationException",
  "InvalidArgumentException",
  "InvalidRequestException",
  "InvalidApplicationConfigurationException",
  "ResourceInUseException",
  "UnsupportedOperationException",
  "ResourceNotFoundException",
]);

/**
 * Runbook step 5. `updateCalledAt` is written before the call as the intent: a worker that resumes
 * after a crash first asks AWS whether the update already happened, so UpdateApplication is issued once.
 */
export async function updateRuntime(run: Run): Promise<StepResult> {
  if (run.updateCalledAt) {
    const issued = await findOperation(run, "UpdateApplication", run.updateCalledAt);
    const app = settingsOf(await describeApp(run));
    if (issued || app.runtime === run.toRuntime) {
      return {
        kind: "next",
        step: "wait-running",
        patch: { baseline: JSON.stringify({ ...baselineOf(run), updateOperationId: issued?.OperationId }) },
        note: "the update was already issued before a restart; not repeating it",
      };
    }
  }
  const detail = await describeApp(run);
  const app = settingsOf(detail);
  const baseline = { ...baselineOf(run), checkpointDurationMs: await measureBaseline(run, new Date()) };
  const intentAt = new Date();
  await db.upgradeRun.update({
    where: { id: run.id },
    data: { updateCalledAt: intentAt, baseline: JSON.stringify(baseline) },
  });
  try {
    const out = await awsCall(
      run,
      "UpdateApplication",
      () =>
        msfClient(run.region).send(
          new UpdateApplicationCommand({
            ApplicationName: run.appName,
            CurrentApplicationVersionId: app.versionId,
            RuntimeEnvironmentUpdate: run.toRuntime as RuntimeEnvironment,
            ...(run.toCodeKey
              ? {
                  ApplicationConfigurationUpdate: {
                    ApplicationCodeConfigurationUpdate: {
                      CodeContentUpdate: { S3ContentLocationUpdate: { FileKeyUpdate: run.toCodeKey } },
                    },
                  },
                }
              : {}),
          }),
        ),
      (o) =>
        `${run.fromRuntime} → ${run.toRuntime}${run.toCodeKey ? `, code ${run.toCodeKey}` : ""} (operation ${o.OperationId})`,
    );
    return {
      kind: "next",
      step: "wait-running",
      patch: {
        updateCalledAt: intentAt,
        baseline: JSON.stringify({ ...baseline, updateOperationId: out.OperationId }),
      },
      note: "update requested",
    };
  } catch (error) {
    const name = (error as Error).name;
    if (!definitiveErrors.has(name)) throw error;
    const message =
      name === "ConcurrentModificationException"
        ? `Someone else changed ${run.appName} just before the update (${describeAwsError(error).message}). The runtime was not changed; reload and start again.`
        : `AWS refused the update: ${describeAwsError(error).message}. The runtime was not changed.`;
    return {
      kind: "finish",
      outcome: "FAILED",
      patch: { error: message, updateCalledAt: null },
      note: "update refused",
    };
  }
}

/** Runbook step 6: RUNNING → UPDATING → RUNNING on the new runtime, or a failure MSF may roll back itself. */
export async function waitForRunning(run: Run): Promise<StepResult> {
  const baseline = baselineOf(run);
  const op = baseline.updateOperationId
    ? { OperationId: baseline.updateOperationId }
    : await findOperation(run, "UpdateApplication", run.updateCalledAt!);
  const details = op?.OperationId ? await describeOperation(run, op.OperationId) : undefined;
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
        error: `The update failed and MSF did not roll back (system rollback off): ${reason}. The application is ${app.status}.`,
      },
      note: "update failed",
    };
  }
  const updated = app.runtime === run.toRuntime && details?.OperationStatus !== "IN_PROGRESS";
  if (updated && app.status === "READY" && baseline.startStatus === "READY") {
    return {
      kind: "finish",
      outcome: "SUCCEEDED",
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
      note: "stopped application updated; checks happen at the next start",
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
