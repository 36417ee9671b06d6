import { failedAttempt, failedCheckpoint, innermostCause, jobStateSwitch, type LogLine } from "./log-line";

// The job as its own log tells it: every task failure with its execution attempt and stack trace, and the job's
// state after the last switch. MSF writes these lines within seconds; CloudWatch metrics take minutes.

export interface LoggedFailure {
  at: Date;
  attempt: number;
  exceptionClass: string;
  message: string;
  stack: string | null;
}

export interface JobLog {
  /** The state after the last "switched from state" line; null when the window has none. */
  state: string | null;
  /** Task failures: each one restarted the job. */
  failures: LoggedFailure[];
  /** Checkpoints that failed without a restart (`attempt` holds the checkpoint id). */
  checkpointFailures: LoggedFailure[];
}

/** Fetches exactly the lines `readJobLog` understands. */
export const jobLogPattern = '?"switched from state" ?"to FAILED" ?"Failed to trigger or complete checkpoint"';

export function readJobLog(lines: readonly LogLine[]): JobLog {
  let state: string | null = null;
  const failures: LoggedFailure[] = [];
  const checkpointFailures: LoggedFailure[] = [];
  for (const line of [...lines].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const change = jobStateSwitch(line.message);
    if (change) state = change.to;
    const attempt = failedAttempt(line.message);
    const checkpoint = attempt === null ? failedCheckpoint(line.message) : null;
    if (attempt === null && checkpoint === null) continue;
    const cause = innermostCause(line.throwable);
    const exceptionClass = cause?.split(":")[0]?.trim();
    if (!exceptionClass) continue;
    (attempt === null ? checkpointFailures : failures).push({
      at: line.at,
      attempt: attempt ?? checkpoint!,
      exceptionClass,
      message: cause!,
      stack: line.throwable.length ? line.throwable.join("\n") : null,
    });
  }
  return { state, failures, checkpointFailures };
}

/**
 * The first fault is attempt #0's, when the window holds it (later ones are usually its consequences); a job that
 * never restarted but whose checkpoints fail is named by its first failed checkpoint.
 */
export function firstLoggedFailure(log: JobLog): LoggedFailure | null {
  return log.failures.find((f) => f.attempt === 0) ?? log.failures[0] ?? log.checkpointFailures[0] ?? null;
}
