// Upgrades made outside the dashboard (the console, the CLI, Terraform): the sync reads each changed application's
// recent operations anyway; an UpdateApplication whose versions run different runtimes, and that no dashboard run
// sent, becomes a history row of kind OUTSIDE with its outcome (and MSF's system rollback) and its metric window.
// Each operation is described once (CheckedOperation), so nothing is recorded twice and a refresh costs nothing.
import {
  DescribeApplicationOperationCommand,
  DescribeApplicationVersionCommand,
  type ApplicationOperationInfo,
  type ApplicationOperationInfoDetails,
} from "@aws-sdk/client-kinesis-analytics-v2";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { appKeyText, type AccountRegion } from "@/lib/aws/accounts";
import { msfClient } from "@/lib/aws/clients";
import { describeAwsError } from "@/lib/aws/errors";
import { mapWithConcurrency } from "@/lib/concurrency";
import { formatRuntime } from "@/lib/format";
import type { ApplicationRead } from "@/lib/fleet/read-application";
import { storeRunMetrics } from "@/lib/upgrades/stored-metrics";

export const OUTSIDE_ACTOR = "outside the dashboard";

/** An application the sync has just read, with what it read. */
export interface ReadApp {
  name: string;
  read: ApplicationRead;
  /** What the inventory held before this read: its version's runtime needs no DescribeApplicationVersion. */
  previous?: { versionId: number; runtime: string };
}

interface Candidate {
  app: ReadApp;
  op: ApplicationOperationInfo;
  key: string;
}

const operationKey = (place: AccountRegion, name: string, operationId: string) =>
  `${appKeyText({ ...place, name })}/${operationId}`;

/** The finished UpdateApplication operations of the lookback window that no dashboard run sent nor sync checked. */
async function candidatesOf(place: AccountRegion, apps: readonly ReadApp[], now: Date): Promise<Candidate[]> {
  const since = now.getTime() - env().OUTSIDE_LOOKBACK_DAYS * 86_400_000;
  const all = apps.flatMap((app) =>
    app.read.operations
      .filter(
        (op) =>
          op.Operation === "UpdateApplication" &&
          (op.OperationStatus === "SUCCESSFUL" || op.OperationStatus === "FAILED") &&
          op.OperationId &&
          op.StartTime &&
          new Date(op.StartTime).getTime() >= since,
      )
      .map((op) => ({ app, op, key: operationKey(place, app.name, op.OperationId!) })),
  );
  if (!all.length) return [];
  const names = [...new Set(all.map((c) => c.app.name))];
  const [checked, runs] = await Promise.all([
    db.checkedOperation.findMany({ where: { key: { in: all.map((c) => c.key) } }, select: { key: true } }),
    db.upgradeRun.findMany({
      where: { account: place.account, region: place.region, appName: { in: names }, kind: { not: "OUTSIDE" } },
      select: { appName: true, baseline: true, activeKey: true },
    }),
  ]);
  const seen = new Set(checked.map((c) => c.key));
  // A dashboard run records the operation ids it sent in its baseline; while one is active, its id may not be there
  // yet, so that application waits for a later sync.
  const ours = (c: Candidate) =>
    runs.some((r) => r.appName === c.app.name && (r.activeKey || (r.baseline ?? "").includes(c.op.OperationId!)));
  return all.filter((c) => !seen.has(c.key) && !ours(c));
}

/** Records the outside upgrades among the operations just read; returns how many rows it added. */
export async function recordOutsideUpgrades(place: AccountRegion, apps: readonly ReadApp[], now = new Date()) {
  const candidates = await candidatesOf(place, apps, now);
  const recorded = await mapWithConcurrency(candidates, 2, async (c) => {
    try {
      return await recordOne(place, c);
    } catch (error) {
      // Left unchecked: the next sync that reads this application tries again.
      console.error(`outside history: ${c.key}: ${describeAwsError(error).message}`);
      return null;
    }
  });
  const added = recorded.filter((id): id is string => id !== null);
  for (const runId of added)
    await storeRunMetrics(runId).catch((error) =>
      console.error(`outside history: metric window of run ${runId}: ${describeAwsError(error).message}`),
    );
  return added.length;
}

async function recordOne(place: AccountRegion, { app, op, key }: Candidate): Promise<string | null> {
  const client = msfClient(place);
  const details: ApplicationOperationInfoDetails =
    app.read.failedOperations.find((f) => f.operationId === op.OperationId)?.details ??
    (
      await client.send(
        new DescribeApplicationOperationCommand({ ApplicationName: app.name, OperationId: op.OperationId }),
      )
    ).ApplicationOperationInfoDetails!;
  const change = details.ApplicationVersionChangeDetails;
  const runtimes = change
    ? await Promise.all([
        runtimeOf(place, app, change.ApplicationVersionUpdatedFrom!),
        runtimeOf(place, app, change.ApplicationVersionUpdatedTo!),
      ])
    : null;
  const markChecked = db.checkedOperation.create({ data: { key } });
  if (!runtimes || !runtimes[0] || !runtimes[1] || runtimes[0] === runtimes[1]) {
    await markChecked;
    return null;
  }
  const [from, to] = runtimes;
  const rolledBack = Boolean(details.OperationFailureDetails?.RollbackOperationId);
  const outcome = op.OperationStatus === "SUCCESSFUL" ? "SUCCEEDED" : rolledBack ? "AUTO_ROLLED_BACK" : "FAILED";
  const startedAt = new Date(op.StartTime!);
  const endedAt = op.EndTime ? new Date(op.EndTime) : startedAt;
  const failure = details.OperationFailureDetails?.ErrorInfo?.ErrorString;
  const [run] = await db.$transaction([
    db.upgradeRun.create({
      data: {
        kind: "OUTSIDE",
        account: place.account,
        region: place.region,
        appName: app.name,
        fromRuntime: from,
        toRuntime: to,
        expectedVersionId: change!.ApplicationVersionUpdatedFrom!,
        initiatedBy: OUTSIDE_ACTOR,
        createdAt: startedAt,
        updateCalledAt: startedAt,
        finishedAt: endedAt,
        state: "DONE",
        step: "done",
        outcome,
        options: "{}",
        error: failure ?? null,
        ...(rolledBack ? { rolledBackBy: "MSF", rollbackCalledAt: endedAt } : {}),
        outsideOperation: key,
        events: {
          create: {
            at: startedAt,
            kind: "state",
            actor: OUTSIDE_ACTOR,
            message:
              `UpdateApplication ${op.OperationId} made outside the dashboard: ${formatRuntime(from)} → ` +
              `${formatRuntime(to)}, ${op.OperationStatus?.toLowerCase()}` +
              (rolledBack
                ? `; MSF rolled it back (operation ${details.OperationFailureDetails!.RollbackOperationId})`
                : "") +
              (failure ? `: ${failure}` : ""),
          },
        },
      },
    }),
    markChecked,
  ]);
  return run.id;
}

/** The runtime a version ran: the current one from the read, the previous one from the inventory, any other from
 * DescribeApplicationVersion. */
async function runtimeOf(place: AccountRegion, app: ReadApp, versionId: number): Promise<string | null> {
  if (app.read.detail.ApplicationVersionId === versionId) return app.read.detail.RuntimeEnvironment ?? null;
  if (app.previous?.versionId === versionId) return app.previous.runtime;
  const { ApplicationVersionDetail } = await msfClient(place).send(
    new DescribeApplicationVersionCommand({ ApplicationName: app.name, ApplicationVersionId: versionId }),
  );
  return ApplicationVersionDetail?.RuntimeEnvironment ?? null;
}
