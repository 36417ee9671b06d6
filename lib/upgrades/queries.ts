import { db } from "@/lib/db";
import type { HealthResult } from "./health";
import type { RunOptions } from "./run-types";

export interface RunView {
  id: string;
  kind: string;
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
  steps: { name: string; status: string; startedAt: string; finishedAt: string | null; note: string | null }[];
  events: {
    id: number;
    at: string;
    actor: string;
    kind: string;
    message: string;
    operation: string | null;
    requestId: string | null;
  }[];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A run as the run page shows it (JSON-safe, so the route handler and the page share it). */
export async function getRunView(id: string): Promise<RunView | null> {
  const run = await db.upgradeRun.findUnique({
    where: { id },
    include: { steps: { orderBy: { startedAt: "asc" } }, events: { orderBy: { id: "asc" } } },
  });
  if (!run) return null;
  const lastDescribe = [...run.events]
    .reverse()
    .find((e) => e.operation === "DescribeApplication" && e.message.includes(":"));
  return {
    id: run.id,
    kind: run.kind,
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
    steps: run.steps.map((s) => ({
      name: s.name,
      status: s.status,
      startedAt: s.startedAt.toISOString(),
      finishedAt: iso(s.finishedAt),
      note: s.note,
    })),
    events: run.events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      actor: e.actor,
      kind: e.kind,
      message: e.message,
      operation: e.operation,
      requestId: e.requestId,
    })),
  };
}

export async function activeRunFor(region: string, name: string) {
  return db.upgradeRun.findUnique({
    where: { activeKey: `${region}/${name}` },
    select: { id: true, step: true, state: true, toRuntime: true },
  });
}

export async function recentRunsFor(region: string, name: string, take = 5) {
  return db.upgradeRun.findMany({
    where: { region, appName: name },
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
