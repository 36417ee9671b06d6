import { db } from "@/lib/db";
import { appKeyText } from "@/lib/aws/accounts";
import { whereApp } from "@/lib/fleet/queries";
import type { Actor } from "@/lib/auth/actor";
import { auditOps, type AuditWrite } from "@/lib/audit/audit";
import { Refused } from "@/lib/actions/action";
import { describeApp, settingsOf } from "@/lib/upgrades/msf-reads";
import { type Run, runKey } from "@/lib/upgrades/run-types";

// A waiting upgrade ends in exactly one of: approved (the run starts at preflight), rejected with a reason,
// expired, or voided by a change to the application. Each transition is a conditional update on AWAITING_APPROVAL,
// so two approvers racing cannot both win, and a request cannot be approved after it lapsed.

const awaiting = "AWAITING_APPROVAL";

async function waitingRun(runId: string): Promise<Run> {
  const run = await db.upgradeRun.findUnique({ where: { id: runId } });
  if (!run) throw new Refused("Unknown run.", undefined, 400);
  if (run.state !== awaiting)
    throw new Refused(`This request has already been decided (${run.outcome ?? run.state}); reload to see it.`);
  return run;
}

function notRequester(actor: Actor, run: Run, verb: string) {
  if (actor.id === run.initiatedBy)
    throw new Refused(`You asked for this upgrade, so you cannot ${verb} it: a second person must.`, undefined, 403);
}

/** The writes that end a waiting request without starting it; they throw (P2025) if it was no longer waiting. */
export function endRequestOps(
  run: Pick<Run, "id">,
  outcome: "REJECTED" | "EXPIRED" | "VOIDED" | "CANCELLED",
  by: string,
  message: string,
  reason: string | null = null,
) {
  const now = new Date();
  return [
    db.upgradeRun.update({
      where: { id: run.id, state: awaiting },
      data: {
        state: "DONE",
        step: "done",
        outcome,
        finishedAt: now,
        activeKey: null,
        // Withdrawing (or giving way to a rollback) is not a decision on the request.
        ...(outcome === "CANCELLED" ? {} : { decidedBy: by, decidedAt: now, approvalNote: reason }),
      },
    }),
    db.upgradeStep.updateMany({
      where: { runId: run.id, name: "approval", status: "RUNNING" },
      data: { status: "SKIPPED", finishedAt: now, note: message },
    }),
    db.upgradeEvent.create({ data: { runId: run.id, actor: by, kind: "state", message: `${outcome}: ${message}` } }),
  ] as const;
}

async function endRequest(
  run: Run,
  outcome: "REJECTED" | "EXPIRED" | "VOIDED",
  by: string,
  message: string,
  audit: ReturnType<typeof auditOps> = [],
  reason: string | null = null,
): Promise<boolean> {
  await db.$transaction([...endRequestOps(run, outcome, by, message, reason), ...audit]);
  return true;
}

/** Runs a decision's transaction; false when another decision won the race (the run was no longer waiting). */
async function tryEnd(end: () => Promise<boolean>): Promise<boolean> {
  try {
    return await end();
  } catch (error) {
    if ((error as { code?: string }).code === "P2025") return false;
    throw error;
  }
}

/**
 * A second person approves: the run leaves AWAITING_APPROVAL for preflight, which the worker then advances.
 * Refused for the requester (even an admin), after expiry, and when the application changed since the request.
 */
export async function approveUpgrade(
  actor: Actor,
  input: { runId: string; note?: string },
  audit?: AuditWrite,
  now = new Date(),
): Promise<{ runId: string }> {
  const run = await waitingRun(input.runId);
  notRequester(actor, run, "approve");
  const target = appKeyText(runKey(run));
  if (run.approvalExpiresAt && run.approvalExpiresAt <= now) {
    await tryEnd(() =>
      endRequest(run, "EXPIRED", actor.id, "the request expired before it was approved", [
        ...auditOps(audit, {
          action: "upgrade.approval-expired",
          target: `run:${run.id}`,
          before: { state: awaiting },
        }),
      ]),
    );
    throw new Refused("This request has expired: the engineer must ask again.");
  }
  const live = settingsOf(await describeApp(run));
  if (live.versionId !== run.expectedVersionId) {
    await tryEnd(() =>
      endRequest(
        run,
        "VOIDED",
        actor.id,
        `${target} changed since the request (version ${run.expectedVersionId} → ${live.versionId})`,
        auditOps(audit, {
          action: "upgrade.approval-voided",
          target: `run:${run.id}`,
          before: { versionId: run.expectedVersionId },
          after: { versionId: live.versionId },
        }),
      ),
    );
    throw new Refused(
      `${run.appName} changed since the request (version ${run.expectedVersionId}, now ${live.versionId}): the request is void; the engineer must ask again.`,
    );
  }
  const started = await tryEnd(async () => {
    await db.$transaction([
      db.upgradeRun.update({
        where: { id: run.id, state: awaiting },
        data: {
          state: "ACTIVE",
          step: "preflight",
          decidedBy: actor.id,
          decidedAt: now,
          approvalNote: input.note || null,
          leaseUntil: null,
        },
      }),
      db.upgradeStep.updateMany({
        where: { runId: run.id, name: "approval", status: "RUNNING" },
        data: { status: "DONE", finishedAt: now, note: `approved by ${actor.id}` },
      }),
      db.upgradeStep.create({ data: { runId: run.id, name: "preflight", status: "RUNNING", startedAt: now } }),
      db.upgradeEvent.create({
        data: {
          runId: run.id,
          actor: actor.id,
          kind: "decision",
          message: `approved by ${actor.id}${input.note ? `: ${input.note}` : ""}; the upgrade starts`,
        },
      }),
      ...auditOps(audit, { target: `run:${run.id}`, before: { state: awaiting }, after: { state: "ACTIVE" } }),
    ]);
    return true;
  });
  if (!started) throw new Refused("Someone else decided this request first; reload to see it.");
  return { runId: run.id };
}

/** A second person rejects, with a reason the requester reads on the run page. */
export async function rejectUpgrade(
  actor: Actor,
  input: { runId: string; reason: string },
  audit?: AuditWrite,
): Promise<{ runId: string }> {
  const run = await waitingRun(input.runId);
  notRequester(actor, run, "reject");
  const ended = await tryEnd(() =>
    endRequest(
      run,
      "REJECTED",
      actor.id,
      `rejected by ${actor.id}: ${input.reason}`,
      auditOps(audit, {
        target: `run:${run.id}`,
        before: { state: awaiting },
        after: { outcome: "REJECTED", reason: input.reason },
      }),
      input.reason,
    ),
  );
  if (!ended) throw new Refused("Someone else decided this request first; reload to see it.");
  return { runId: run.id };
}

/**
 * The worker's sweep: requests past their time expire, and those whose application the inventory now knows at a
 * different version are voided (approval re-checks the live version too; this catches it without a click).
 */
export async function sweepApprovals(now = new Date()): Promise<number> {
  const waiting = await db.upgradeRun.findMany({ where: { state: awaiting } });
  let ended = 0;
  for (const run of waiting) {
    if (run.approvalExpiresAt && run.approvalExpiresAt <= now) {
      if (await tryEnd(() => endRequest(run, "EXPIRED", "dashboard", "nobody decided before the request expired")))
        ended++;
      continue;
    }
    const app = await db.fleetApp.findUnique({
      where: whereApp(runKey(run)),
      select: { versionId: true },
    });
    if (app && app.versionId !== run.expectedVersionId) {
      const message = `${run.appName} changed since the request (version ${run.expectedVersionId} → ${app.versionId})`;
      if (await tryEnd(() => endRequest(run, "VOIDED", "dashboard", message))) ended++;
    }
  }
  return ended;
}
