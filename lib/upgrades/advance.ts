import { whereApp } from "@/lib/fleet/queries";
import { runKey } from "@/lib/upgrades/run-types";
import { db } from "@/lib/db";
import { describeAwsError, isTransient, transientReason } from "@/lib/aws/errors";
import { formatOrdinal } from "@/lib/format";
import { recordEvent } from "./record";
import { enableSafety, preflight, takeSnapshot } from "./steps-prepare";
import { updateRuntime, waitForRunning } from "./steps-update";
import { observeHealth } from "./observation";
import { rollBack, waitForRollback } from "./steps-rollback";
import { afterRunEnded } from "./after-run";
import { LeaseLost } from "./lease";
import { applyPendingCommand } from "./run-commands";
import { backoffMs, timings } from "./timing";
import { changeGate } from "@/lib/controls/gate";
import type { Run, StepName, StepResult } from "./run-types";

const handlers: Record<StepName, (run: Run) => Promise<StepResult>> = {
  preflight,
  safety: enableSafety,
  snapshot: takeSnapshot,
  update: updateRuntime,
  "wait-running": waitForRunning,
  observe: observeHealth,
  rollback: rollBack,
  "wait-rollback": waitForRollback,
  done: async () => ({ kind: "wait" }),
};

const liveStates = ["ACTIVE", "NEEDS_DECISION"];
const inFlight = new Map<string, Promise<boolean>>();

/**
 * One worker pass: every live run whose lease has lapsed is claimed by `owner` and advanced one step. Runs are
 * not awaited together, so a run stuck in a slow AWS call never delays the others in the lane.
 */
export async function advanceDueRuns(owner: string): Promise<number> {
  const due = await db.upgradeRun.findMany({
    where: { state: { in: liveStates }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: new Date() } }] },
    select: { id: true },
    take: 50,
  });
  let started = 0;
  for (const { id } of due) {
    if (inFlight.has(id)) continue;
    const advancing = advanceRun(id, owner)
      .catch((error) => {
        console.error(`upgrade run ${id} could not advance`, error);
        return false;
      })
      .finally(() => inFlight.delete(id));
    inFlight.set(id, advancing);
    started++;
  }
  return started;
}

/** Waits for every step this process has in flight (tests and shutdown). */
export async function settleInFlight(): Promise<void> {
  await Promise.all([...inFlight.values()]);
}

/** Claims the run (a conditional update only one instance wins), runs its current step, stores the result. */
export async function advanceRun(id: string, owner: string): Promise<boolean> {
  const now = new Date();
  const claim = await db.upgradeRun.updateMany({
    where: { id, state: { in: liveStates }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    data: { leaseOwner: owner, leaseUntil: new Date(now.getTime() + timings().leaseMs) },
  });
  if (claim.count === 0) return false;
  const run = await db.upgradeRun.findUniqueOrThrow({ where: { id } });
  if (run.pendingCommand) {
    await applyPendingCommand(run, owner);
    return true;
  }
  let result: StepResult;
  try {
    result = (await heldByChangeControls(run)) ?? (await handlers[run.step as StepName](run));
  } catch (error) {
    if (error instanceof LeaseLost) return applyCommandArrivedMidStep(id, owner);
    result = isTransient(error) ? { kind: "retry", reason: transientReason(error) } : definitiveFailure(run, error);
  }
  const stored = await applyResult(run, result, owner);
  if (!stored) return applyCommandArrivedMidStep(id, owner);
  return true;
}

const beforeTheUpdate = new Set(["preflight", "safety", "snapshot", "update"]);
const lastHold = new Map<string, string>();

/**
 * Stop-the-line and the freeze calendar hold an upgrade before anything of it reaches AWS (its own settings
 * updates, its snapshot, its UpdateApplication); once the update is sent it finishes. Rollbacks are never held.
 */
async function heldByChangeControls(run: Run): Promise<StepResult | null> {
  if (run.kind !== "UPGRADE" || run.updateCalledAt !== null || !beforeTheUpdate.has(run.step)) return null;
  const app = await db.fleetApp.findUnique({
    where: whereApp(runKey(run)),
    select: { tags: true },
  });
  const gate = await changeGate({
    account: run.account,
    region: run.region,
    name: run.appName,
    tags: JSON.parse(app?.tags ?? "{}") as Record<string, string>,
  });
  if (gate.open) {
    lastHold.delete(run.id);
    return null;
  }
  const note = `held before ${run.step}: ${gate.reason}${gate.opensAt ? `; opens ${gate.opensAt.toISOString()}` : ""}`;
  // Said once per change of reason, not on every poll.
  if (lastHold.get(run.id) !== note) {
    lastHold.set(run.id, note);
    await recordEvent(run.id, "state", note);
  }
  return { kind: "wait", note };
}

/** A command was recorded while the step ran: the step's result is dropped and the command applies instead. */
async function applyCommandArrivedMidStep(id: string, owner: string): Promise<boolean> {
  const current = await db.upgradeRun.findUniqueOrThrow({ where: { id } });
  if (current.leaseOwner === owner && current.pendingCommand) await applyPendingCommand(current, owner);
  return true;
}

/** An answer from AWS that retrying will not change. Before the update nothing was touched; after, say where it is. */
function definitiveFailure(run: Run, error: unknown): StepResult {
  const problem = describeAwsError(error).message;
  const updated = run.updateCalledAt !== null;
  return {
    kind: "finish",
    outcome: "FAILED",
    patch: {
      error: updated
        ? `${run.step}: ${problem} The update had been sent: check ${run.appName}'s runtime and status in the console, and roll back from there if it is unhealthy.`
        : `${run.step}: ${problem} Nothing was changed on ${run.appName}'s runtime.`,
    },
    note: `${run.step} failed`,
  };
}

/**
 * Throttling, 5xx, timeouts: the same step runs again after a backoff. Past the step deadline, a run that has not
 * sent its update fails (nothing changed); one that has is handed to the engineer and keeps retrying.
 */
async function retryLater(run: Run, reason: string, owner: string): Promise<boolean> {
  const now = new Date();
  const t = timings();
  const attempt = run.retryCount + 1;
  const since = run.retrySince ?? now;
  const overdue = now.getTime() - since.getTime() > t.stepDeadlineMs;
  const minutes = Math.round((now.getTime() - since.getTime()) / 60_000);
  if (overdue && run.updateCalledAt === null) {
    return applyResult(
      run,
      {
        kind: "finish",
        outcome: "FAILED",
        patch: {
          error: `AWS kept failing (${reason}) for ${minutes} min during ${run.step}. Nothing was changed on ${run.appName}'s runtime; start again later.`,
        },
        note: `${run.step} gave up after ${attempt - 1} attempts`,
      },
      owner,
    );
  }
  const data = {
    retryCount: attempt,
    retryReason: reason,
    retrySince: since,
    leaseUntil: new Date(now.getTime() + backoffMs(attempt, t)),
    ...(overdue && run.state !== "NEEDS_DECISION" ? { state: "NEEDS_DECISION" } : {}),
  };
  const moved = await db.upgradeRun.updateMany({
    where: { id: run.id, leaseOwner: owner, pendingCommand: null },
    data,
  });
  if (moved.count === 0) return false;
  await recordEvent(run.id, "error", `${run.step}: retrying (${formatOrdinal(attempt + 1)} attempt, ${reason})`);
  if (data.state === "NEEDS_DECISION") {
    await recordEvent(
      run.id,
      "state",
      `AWS has been failing (${reason}) for ${minutes} min while ${run.step}: still retrying; roll back or keep waiting`,
    );
  }
  return true;
}

/** Stores a step's result if the lease is still ours and no command arrived; false otherwise. */
async function applyResult(run: Run, result: StepResult, owner: string): Promise<boolean> {
  if (result.kind === "retry") return retryLater(run, result.reason, owner);
  const now = new Date();
  const mine = { id: run.id, leaseOwner: owner, pendingCommand: null };
  const cleared = { retryCount: 0, retryReason: null, retrySince: null };
  if (result.kind === "wait") {
    const moved = await db.upgradeRun.updateMany({
      where: mine,
      data: { ...cleared, leaseUntil: new Date(now.getTime() + timings().pollMs) },
    });
    return moved.count === 1;
  }
  if (result.kind === "decide") {
    const moved = await db.upgradeRun.updateMany({
      where: mine,
      data: {
        ...result.patch,
        ...cleared,
        state: "NEEDS_DECISION",
        leaseUntil: new Date(now.getTime() + timings().pollMs),
      },
    });
    if (moved.count === 1) await recordEvent(run.id, "state", result.note);
    return moved.count === 1;
  }
  const finished = result.kind === "finish";
  const next: StepName = finished ? "done" : result.step;
  const moved = await db.upgradeRun.updateMany({
    where: mine,
    data: finished
      ? {
          ...result.patch,
          ...cleared,
          step: "done",
          outcome: result.outcome,
          state: "DONE",
          finishedAt: now,
          activeKey: null,
          leaseUntil: null,
        }
      : {
          ...result.patch,
          ...cleared,
          step: next,
          state: "ACTIVE",
          ...(run.outcome === "STUCK" ? { outcome: null } : {}),
          leaseUntil: now,
        },
  });
  if (moved.count === 0) return false;
  const status = finished && result.outcome === "FAILED" ? "FAILED" : "DONE";
  await db.$transaction([
    db.upgradeStep.upsert({
      where: { runId_name: { runId: run.id, name: run.step } },
      create: { runId: run.id, name: run.step, status, finishedAt: now, note: result.note },
      update: { status, finishedAt: now, note: result.note },
    }),
    ...(finished
      ? []
      : [
          db.upgradeStep.upsert({
            where: { runId_name: { runId: run.id, name: next } },
            create: { runId: run.id, name: next, status: "RUNNING", startedAt: now },
            update: { status: "RUNNING", startedAt: now, finishedAt: null },
          }),
        ]),
    db.upgradeEvent.create({
      data: {
        runId: run.id,
        kind: "state",
        actor: "worker",
        message: finished ? `${result.outcome}: ${result.note}` : `${run.step} → ${next}: ${result.note ?? ""}`.trim(),
      },
    }),
  ]);
  if (finished) await afterRunEnded(run);
  return true;
}
