// One application log line before it is rendered as MSF's JSON, and evenly spaced runs of them (a restart loop at
// test speed writes millions of lines in a day; a run costs the same for one line or a million).

export type LogLevel = "INFO" | "WARN" | "ERROR";

export const LEVEL_RANK: Record<LogLevel, number> = { INFO: 0, WARN: 1, ERROR: 2 };

export interface LogLine {
  logger: string;
  location: string;
  message: string;
  /** The stack trace, one entry per line (MSF writes an array). */
  throwable?: readonly string[];
  thread: string;
}

export interface LineRun {
  /** Timestamp of occurrence 0 (epoch ms); occurrence k is at first + k × step. */
  first: number;
  step: number;
  count: number;
  level: LogLevel;
  /** Creation order: breaks timestamp ties, so (timestamp, order) identifies an event. */
  order: number;
  /** A job's final line is written under the version that ran the job, not the one its stop or update created. */
  priorVersion?: boolean;
  line(k: number): LogLine;
}

export const timeOf = (run: LineRun, k: number) => run.first + k * run.step;
