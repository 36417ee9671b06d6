import { RollbackApplicationCommand } from "@aws-sdk/client-kinesis-analytics-v2";
import { msfMutationClient } from "@/lib/aws/clients";
import { describeAwsError, isTransient } from "@/lib/aws/errors";
import { awsCall } from "./record";
import { describeApp, describeOperation, findOperationFrom, settingsOf } from "./msf-reads";
import { writeIntent } from "./lease";
import { baselineOf, runScope, type Run, type StepResult } from "./run-types";

const rollbackable = new Set(["RUNNING", "UPDATING", "AUTOSCALING"]);

/**
 * Runbook step 8, sent once: like the update, the version it is sent against is the intent, and an unknown
 * outcome is settled by the operations API before anything is sent again.
 */
export async function rollBack(run: Run): Promise<StepResult> {
  const baseline = baselineOf(run);
  if (run.kind === "UPGRADE") {
    const refusal = await updateNotLanded(run);
    if (refusal) return refusal;
  }
  const sent = baseline.rollbackSentVersionId;
  if (run.rollbackCalledAt && sent !== undefined) {
    const landed = await findOperationFrom(run, "RollbackApplication", sent);
    if (landed) return rollbackIssued(run, landed.OperationId, "the rollback had reached AWS; not sending it again");
  }
  const app = settingsOf(await describeApp(run));
  if (app.status === "ROLLING_BACK") return { kind: "next", step: "wait-rollback", note: "already ROLLING_BACK" };
  if (!rollbackable.has(app.status)) {
    return {
      kind: "finish",
      outcome: "FAILED",
      patch: {
        error: `${run.appName} is ${app.status} on ${app.runtime}: MSF only rolls back from RUNNING, UPDATING or AUTOSCALING. ${app.status === "READY" ? `Start it from the snapshot ${run.snapshotName ?? "taken before the upgrade"} on ${run.fromRuntime}.` : "Wait for it to settle, then roll back from the console."}`,
      },
      note: "cannot roll back",
    };
  }
  const intent = { ...baseline, rollbackSentVersionId: app.versionId };
  await writeIntent(run, { rollbackCalledAt: new Date(), baseline: JSON.stringify(intent) });
  try {
    const out = await awsCall(
      run,
      "RollbackApplication",
      () =>
        msfMutationClient(runScope(run)).send(
          new RollbackApplicationCommand({ ApplicationName: run.appName, CurrentApplicationVersionId: app.versionId }),
        ),
      (o) => `operation ${o.OperationId}, reason: ${run.rollbackReason ?? "—"}`,
    );
    return rollbackIssued({ ...run, baseline: JSON.stringify(intent) }, out.OperationId, "rollback requested");
  } catch (error) {
    if (isTransient(error)) throw error;
    if ((error as Error).name === "ConcurrentModificationException")
      return { kind: "wait", note: "the application changed under us; the rollback is settled from AWS next time" };
    return {
      kind: "finish",
      outcome: "FAILED",
      patch: {
        error: `AWS refused the rollback: ${describeAwsError(error).message} ${run.appName} is ${app.status} on ${app.runtime}; roll back from the console or restore the snapshot ${run.snapshotName ?? "taken before the upgrade"}.`,
      },
      note: "rollback refused",
    };
  }
}

/** Rolling back before our update landed would revert whatever version came before it. */
async function updateNotLanded(run: Run): Promise<StepResult | null> {
  const baseline = baselineOf(run);
  if (!run.updateCalledAt || baseline.updateSentVersionId === undefined) {
    return {
      kind: "finish",
      outcome: "FAILED",
      patch: { error: "Rollback refused: the update was never sent, so there is nothing of ours to roll back." },
      note: "rollback refused",
    };
  }
  if (baseline.updateOperationId || baseline.rollbackSentVersionId !== undefined) return null;
  const landed = await findOperationFrom(run, "UpdateApplication", baseline.updateSentVersionId);
  if (landed) return null;
  const app = settingsOf(await describeApp(run));
  if (app.versionId !== baseline.updateSentVersionId) return null;
  return {
    kind: "finish",
    outcome: "CANCELLED",
    patch: { error: null, updateCalledAt: null },
    note: `the update never reached AWS: ${run.appName} is still ${app.status} on ${app.runtime}, nothing to roll back`,
  };
}

function rollbackIssued(run: Run, operationId: string | undefined, note: string): StepResult {
  return {
    kind: "next",
    step: "wait-rollback",
    patch: { baseline: JSON.stringify({ ...baselineOf(run), rollbackOperationId: operationId }) },
    note,
  };
}

/**
 * Until the rollback operation ends. Success is the application RUNNING on the pre-upgrade runtime and code, not
 * the operation's status alone; anything else is FAILED with what we found and what to do.
 */
export async function waitForRollback(run: Run): Promise<StepResult> {
  const baseline = baselineOf(run);
  const app = settingsOf(await describeApp(run));
  const op = baseline.rollbackOperationId ? await describeOperation(run, baseline.rollbackOperationId) : undefined;
  const byMsf = run.rolledBackBy === "MSF";
  const snapshot = run.snapshotName ?? "taken before the upgrade";
  if (app.status === "READY" || op?.OperationStatus === "FAILED") {
    return {
      kind: "finish",
      outcome: "FAILED",
      patch: {
        error: `The rollback did not bring ${run.appName} back: it is ${app.status} on ${app.runtime}${op?.OperationFailureDetails?.ErrorInfo?.ErrorString ? ` (${op.OperationFailureDetails.ErrorInfo.ErrorString})` : ""}. Start it on ${run.fromRuntime} from the snapshot ${snapshot}.`,
      },
      note: "rollback failed",
    };
  }
  if (app.status !== "RUNNING" || op?.OperationStatus === "IN_PROGRESS")
    return { kind: "wait", note: `${app.status} on ${app.runtime}` };
  if (run.kind === "ROLLBACK") {
    return { kind: "finish", outcome: "ROLLED_BACK", note: `RUNNING on ${app.runtime} again after the rollback` };
  }
  const codeBack = !run.fromCodeKey || app.codeKey === run.fromCodeKey;
  if (app.runtime === run.fromRuntime && codeBack) {
    return {
      kind: "finish",
      outcome: byMsf ? "AUTO_ROLLED_BACK" : "ROLLED_BACK",
      note: `RUNNING on ${app.runtime}${run.fromCodeKey ? ` with ${run.fromCodeKey}` : ""} again after the ${byMsf ? "system " : ""}rollback`,
    };
  }
  return {
    kind: "finish",
    outcome: "FAILED",
    patch: {
      error: `The rollback ended with ${run.appName} RUNNING on ${app.runtime}${app.codeKey ? ` with ${app.codeKey}` : ""}, not on ${run.fromRuntime}${run.fromCodeKey ? ` with ${run.fromCodeKey}` : ""}. Check its versions in the console and update it back to ${run.fromRuntime} from the snapshot ${snapshot}.`,
    },
    note: "rolled back to the wrong version",
  };
}
