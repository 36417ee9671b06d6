import { db } from "@/lib/db";
import { runKey } from "@/lib/upgrades/run-types";
import { defaultLogTarget, logTargetOf, type LogTarget } from "@/lib/logs/log-group";
import { firstLoggedFailure, jobLogPattern, readJobLog, type JobLog } from "@/lib/logs/job-log";
import { filterLines, type LogsRead } from "@/lib/logs/read-logs";
import { rootCauseOf, type RootCause } from "./root-cause";
import type { JobView } from "./job-view";
import { runScope, type Run } from "./run-types";
import type { AppKey } from "@/lib/aws/accounts";
import { whereApp } from "@/lib/fleet/queries";

// The job's view rebuilt from its CloudWatch Logs, for when the Flink dashboard cannot be had: the same failures
// (with their stack traces) and the last state switch, seconds behind the job.

export async function readJobFromLogs(
  run: Pick<Run, "account" | "region" | "appName" | "initiatedBy">,
  since: Date,
  now: Date,
): Promise<LogsRead<JobView>> {
  const read = await readRunLog(run, since, now, 5_000);
  if (!read.ok) return read;
  const log = read.value;
  return {
    ok: true,
    value: {
      jobId: "",
      state: log.state ?? "UNKNOWN",
      startedAt: null,
      failures: log.failures,
      failedCheckpoints: log.checkpointFailures.length,
      checkpointFailures: log.checkpointFailures.map((f) => f.at),
      flinkVersion: null,
    },
  };
}

/** Attempt #0's exception in the logs since `since`: the root cause of a run whose job view had none. */
export async function rootCauseFromLogs(
  run: Pick<Run, "account" | "region" | "appName" | "initiatedBy">,
  since: Date,
  now: Date,
): Promise<LogsRead<RootCause | null>> {
  // Oldest first: attempt #0 is among the first lines whatever the loop wrote after it.
  const read = await readRunLog(run, since, now, 500);
  if (!read.ok) return read;
  const first = firstLoggedFailure(read.value);
  return { ok: true, value: first ? rootCauseOf({ ...first, source: "logs" }) : null };
}

async function readRunLog(
  run: Pick<Run, "account" | "region" | "appName" | "initiatedBy">,
  since: Date,
  until: Date,
  maxEvents: number,
): Promise<LogsRead<JobLog>> {
  const target = await logTargetForApp(runKey(run));
  if (!target) return { ok: false, reason: "the application has no CloudWatch logging configured" };
  const read = await filterLines(runScope(run), target, {
    pattern: jobLogPattern,
    start: since,
    end: until,
    maxEvents,
  });
  return read.ok ? { ok: true, value: readJobLog(read.value.lines) } : read;
}

/** From the inventory's last DescribeApplication, so no AWS call is spent on it; else MSF's default names. */
async function logTargetForApp(app: AppKey): Promise<LogTarget | null> {
  const row = await db.fleetApp.findUnique({ where: whereApp(app), select: { detail: true } });
  const stored = row ? (JSON.parse(row.detail) as { detail?: Parameters<typeof logTargetOf>[0] } | null) : null;
  if (!stored?.detail) return defaultLogTarget(app.name);
  return logTargetOf(stored.detail);
}
