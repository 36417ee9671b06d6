import type { ApprovalRequest } from "@/lib/approvals/policy";
import { db } from "@/lib/db";
import { accountLabel, appKeyText, type AppKey } from "@/lib/aws/accounts";
import type { HealthResult } from "./health";
import { pendingCommandOf } from "./run-commands";
import type { RootCause } from "./root-cause";
import { baselineOf, type RunOptions } from "./run-types";

export interface RunView {
  id: string;
  kind: string;
  account: string;
  /** the account as people know it: "name (id)" */
  accountLabel: string;
  region: string;
  appName: string;
  fromRuntime: string;
  toRuntime: string;
  toCodeKey: string | null;
  snapshotName: string | null;
  initiatedBy: string;
  createdAt: string;
  finishedAt: string | null;
  state: string;
  step: string;
  outcome: string | null;
  verdict: string | null;
  health: HealthResult | null;
  error: string | null;
  rolledBackBy: string | null;
  rollbackReason: string | null;
  updateCalledAt: string | null;
  runningAt: string | null;
  verdictAt: string | null;
  rollbackCalledAt: string | null;
  options: RunOptions;
  awsStatus: string | null;
  /** Transient AWS failures of the current step in a row, and of what kind ("throttled", "timed out"). */
  retry: { attempt: number; reason: string; since: string | null } | null;
  /** The first fault of the new job, classified, when it failed. */
  rootCause: RootCause | null;
  /** Why the run waits for a person, in words. */
  decisionReason: string | null;
  /** A decision recorded but not yet applied (the worker applies it at the end of its current step). */
  pendingCommand: string | null;
  /** The four-eyes request: what the requester saw and why it needs approval, and who decided, when, and why. */
  approval: {
    request: ApprovalRequest;
    expiresAt: string | null;
    decidedBy: string | null;
    decidedAt: string | null;
    note: string | null;
  } | null;
  steps: { name: string; status: string; startedAt: string; finishedAt: string | null; note: string | null }[];
}

export interface RunEvent {
  id: number;
  at: string;
  actor: string;
  kind: string;
  message: string;
  operation: string | null;
  requestId: string | null;
}

/** A slice of a run's events, oldest first; `hasMore` says whether more exist beyond it in the direction asked. */
export interface RunEventPage {
  events: RunEvent[];
  hasMore: boolean;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A run as the run page shows it (JSON-safe, so the route handler and the page share it). */
export async function getRunView(id: string): Promise<RunView | null> {
  const run = await db.upgradeRun.findUnique({
    where: { id },
    include: { steps: { orderBy: { startedAt: "asc" } } },
  });
  if (!run) return null;
  const lastDescribe = await db.upgradeEvent.findFirst({
    where: { runId: id, operation: "DescribeApplication", message: { contains: ":" } },
    orderBy: { id: "desc" },
  });
  return {
    id: run.id,
    kind: run.kind,
    account: run.account,
    accountLabel: accountLabel(run.account),
    region: run.region,
    appName: run.appName,
    fromRuntime: run.fromRuntime,
    toRuntime: run.toRuntime,
    toCodeKey: run.toCodeKey,
    snapshotName: run.snapshotName,
    initiatedBy: run.initiatedBy,
    createdAt: run.createdAt.toISOString(),
    finishedAt: iso(run.finishedAt),
    state: run.state,
    step: run.step,
    outcome: run.outcome,
    verdict: run.verdict,
    health: run.verdictDetail ? (JSON.parse(run.verdictDetail) as HealthResult) : null,
    error: run.error,
    rolledBackBy: run.rolledBackBy,
    rollbackReason: run.rollbackReason,
    updateCalledAt: iso(run.updateCalledAt),
    runningAt: iso(run.runningAt),
    verdictAt: iso(run.verdictAt),
    rollbackCalledAt: iso(run.rollbackCalledAt),
    options: JSON.parse(run.options) as RunOptions,
    awsStatus: lastDescribe ? lastDescribe.message.split(": ").slice(1).join(": ") : null,
    retry:
      run.retryCount > 0
        ? { attempt: run.retryCount + 1, reason: run.retryReason ?? "AWS error", since: iso(run.retrySince) }
        : null,
    rootCause: run.rootCause ? (JSON.parse(run.rootCause) as RootCause) : null,
    decisionReason: run.state === "NEEDS_DECISION" ? (baselineOf(run).decisionReason ?? null) : null,
    pendingCommand: pendingCommandOf(run)?.kind ?? null,
    approval: run.approval
      ? {
          request: JSON.parse(run.approval) as ApprovalRequest,
          expiresAt: iso(run.approvalExpiresAt),
          decidedBy: run.decidedBy,
          decidedAt: iso(run.decidedAt),
          note: run.approvalNote,
        }
      : null,
    steps: run.steps.map((s) => ({
      name: s.name,
      status: s.status,
      startedAt: s.startedAt.toISOString(),
      finishedAt: iso(s.finishedAt),
      note: s.note,
    })),
  };
}

export const eventPageSize = 100;

/**
 * The run page's event log: the newest page, the page before an event id ("show older"), or the events after one
 * (each poll asks only for what it has not seen).
 */
export async function listRunEvents(
  runId: string,
  { after, before, limit = eventPageSize }: { after?: number; before?: number; limit?: number },
): Promise<RunEventPage> {
  const newestFirst = after === undefined;
  const rows = await db.upgradeEvent.findMany({
    where: { runId, id: after !== undefined ? { gt: after } : before !== undefined ? { lt: before } : undefined },
    orderBy: { id: newestFirst ? "desc" : "asc" },
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  if (newestFirst) page.reverse();
  return {
    events: page.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      actor: e.actor,
      kind: e.kind,
      message: e.message,
      operation: e.operation,
      requestId: e.requestId,
    })),
    hasMore: rows.length > limit,
  };
}

export async function activeRunFor(app: AppKey) {
  return db.upgradeRun.findUnique({
    where: { activeKey: appKeyText(app) },
    select: { id: true, step: true, state: true, toRuntime: true },
  });
}

export async function recentRunsFor(app: AppKey, take = 5) {
  return db.upgradeRun.findMany({
    where: { account: app.account, region: app.region, appName: app.name },
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      createdAt: true,
      fromRuntime: true,
      toRuntime: true,
      outcome: true,
      verdict: true,
      state: true,
      kind: true,
    },
  });
}

export async function runExists(id: string): Promise<boolean> {
  return (await db.upgradeRun.count({ where: { id } })) > 0;
}
