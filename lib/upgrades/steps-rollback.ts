import { RollbackApplicationCommand } from "@aws-sdk/client-kinesis-analytics-v2";
import { msfClient } from "@/lib/aws/clients";
import { db } from "@/lib/db";
import { describeAwsError } from "@/lib/aws/errors";
import { awsCall } from "./record";
import { describeApp, describeOperation, findOperation, settingsOf } from "./msf-reads";
import { baselineOf, type Run, type StepResult } from "./run-types";

const rollbackable = new Set(["RUNNING", "UPDATING", "AUTOSCALING"]);

/** Runbook step 8. Like the update, the intent is stored first so a resumed worker never rolls back twice. */
export async function rollBack(run: Run): Promise<StepResult> {
  if (run.rollbackCalledAt) {
    const issued = await findOperation(run, "RollbackApplication", run.rollbackCalledAt);
    if (issued)
      return {
        kind: "next",
        step: "wait-rollback",
        patch: { baseline: JSON.stringify({ ...baselineOf(run), rollbackOperationId: issued.OperationId }) },
        note: "the rollback was already issued before a restart; not repeating it",
      };
  }
  const app = settingsOf(await describeApp(run));
  if (app.status === "ROLLING_BACK") return { kind: "next", step: "wait-rollback", note: "already ROLLING_BACK" };
  if (!rollbackable.has(app.status)) {
    return {
      kind: "finish",
      outcome: "FAILED",
      patch: { error: `${run.appName} is ${app.status}: MSF only rolls back from RUNNING, UPDATING or AUTOSCALING.` },
      note: "cannot roll back",
    };
  }
  const intentAt = new Date();
  await db.upgradeRun.update({ where: { id: run.id }, data: { rollbackCalledAt: intentAt } });
  try {
    const out = await awsCall(
      run,
      "RollbackApplication",
      () =>
        msfClient(run.region).send(
          new RollbackApplicationCommand({ ApplicationName: run.appName, CurrentApplicationVersionId: app.versionId }),
        ),
      (o) => `operation ${o.OperationId}, reason: ${run.rollbackReason ?? "—"}`,
    );
    return {
      kind: "next",
      step: "wait-rollback",
      patch: {
        rollbackCalledAt: intentAt,
        baseline: JSON.stringify({ ...baselineOf(run), rollbackOperationId: out.OperationId }),
      },
      note: "rollback requested",
    };
  } catch (error) {
    if ((error as Error).name === "ConcurrentModificationException")
      return { kind: "wait", note: "the application changed under us; retrying the rollback with the new version" };
    return {
      kind: "finish",
      outcome: "FAILED",
      patch: { error: `AWS refused the rollback: ${describeAwsError(error).message}` },
      note: "rollback refused",
    };
  }
}

/** Until the rollback operation ends: RUNNING again (success) or READY (MSF's documented failed-rollback state). */
export async function waitForRollback(run: Run): Promise<StepResult> {
  const baseline = baselineOf(run);
  const app = settingsOf(await describeApp(run));
  const op = baseline.rollbackOperationId ? await describeOperation(run, baseline.rollbackOperationId) : undefined;
  const byMsf = run.rolledBackBy === "MSF";
  if (app.status === "READY" || op?.OperationStatus === "FAILED") {
    return {
      kind: "finish",
      outcome: "FAILED",
      patch: {
        error: `The rollback did not bring ${run.appName} back: it is ${app.status} on ${app.runtime}. Start it from the snapshot ${run.snapshotName ?? "taken before the upgrade"}.`,
      },
      note: "rollback failed",
    };
  }
  const done = app.status === "RUNNING" && (op ? op.OperationStatus === "SUCCESSFUL" : app.runtime === run.fromRuntime);
  if (done)
    return {
      kind: "finish",
      outcome: byMsf ? "AUTO_ROLLED_BACK" : "ROLLED_BACK",
      note: `RUNNING on ${app.runtime} again after the ${byMsf ? "system " : ""}rollback`,
    };
  return { kind: "wait", note: `${app.status} on ${app.runtime}` };
}
