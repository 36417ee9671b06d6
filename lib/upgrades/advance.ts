import { db } from "@/lib/db";
import { describeAwsError } from "@/lib/aws/errors";
import { recordEvent } from "./record";
import { enableSafety, preflight, takeSnapshot } from "./steps-prepare";
import { updateRuntime, waitForRunning } from "./steps-update";
import { observeHealth } from "./observation";
import { rollBack, waitForRollback } from "./steps-rollback";
import { afterRunEnded } from "./after-run";
import { timings } from "./timing";
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

/** One worker pass: every live run whose lease has lapsed is claimed by `owner` and advanced one step. */
export async function advanceDueRuns(owner: string): Promise<number> {
  const due = await db.upgradeRun.findMany({
    where: { state: { in: liveStates }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: new Date() } }] },
    select: { id: true },
    take: 50,
  });
  const advanced = await Promise.all(due.map((r) => advanceRun(r.id, owner)));
  return advanced.filter(Boolean).length;
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
  let result: StepResult;
  try {
    result = await handlers[run.step as StepName](run);
  } catch (error) {
    // Throttling, 5xx, a lost connection: nothing was decided, so the same step runs again next poll.
    await recordEvent(run.id, "error", `${run.step}: ${describeAwsError(error).message}; retrying`);
    result = { kind: "wait" };
  }
  await applyResult(run, result, owner);
  return true;
}

async function applyResult(run: Run, result: StepResult, owner: string): Promise<void> {
  const now = new Date();
  const mine = { id: run.id, leaseOwner: owner };
  if (result.kind === "wait") {
    await db.upgradeRun.updateMany({ where: mine, data: { leaseUntil: new Date(now.getTime() + timings().pollMs) } });
    return;
  }
  if (result.kind === "decide") {
    await db.$transaction([
      db.upgradeRun.updateMany({
        where: mine,
        data: { ...result.patch, state: "NEEDS_DECISION", leaseUntil: new Date(now.getTime() + timings().pollMs) },
      }),
      db.upgradeEvent.create({ data: { runId: run.id, kind: "state", actor: "worker", message: result.note } }),
    ]);
    return;
  }
  const finished = result.kind === "finish";
  const next: StepName = finished ? "done" : result.step;
  await db.$transaction([
    db.upgradeStep.upsert({
      where: { runId_name: { runId: run.id, name: run.step } },
      create: {
        runId: run.id,
        name: run.step,
        status: finished && result.outcome === "FAILED" ? "FAILED" : "DONE",
        finishedAt: now,
        note: result.note,
      },
      update: {
        status: finished && result.outcome === "FAILED" ? "FAILED" : "DONE",
        finishedAt: now,
        note: result.note,
      },
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
    db.upgradeRun.updateMany({
      where: mine,
      data: finished
        ? {
            ...result.patch,
            step: "done",
            outcome: result.outcome,
            state: "DONE",
            finishedAt: now,
            activeKey: null,
            leaseUntil: null,
          }
        : {
            ...result.patch,
            step: next,
            state: "ACTIVE",
            ...(run.outcome === "STUCK" ? { outcome: null } : {}),
            leaseUntil: now,
          },
    }),
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
}
