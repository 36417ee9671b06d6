// One line of an MSF application log. MSF writes each line as a JSON object (messageType, message,
// throwableInformation, applicationARN, locationInformation, …); anything else is kept as plain text, so an odd
// line never breaks a read.
export interface LogLine {
  at: Date;
  level: string;
  message: string;
  logger: string | null;
  /** The stack trace, one line per entry; MSF writes an array, older agents a single string. */
  throwable: string[];
  versionId: string | null;
}

export function parseLogLine(event: { timestamp?: number; message?: string }): LogLine {
  const at = new Date(event.timestamp ?? 0);
  const raw = event.message ?? "";
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = undefined;
  }
  if (!value || typeof value !== "object" || Array.isArray(value))
    return { at, level: "UNKNOWN", message: raw.trim(), logger: null, throwable: [], versionId: null };
  const line = value as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === "string" ? v : null);
  return {
    at,
    level: text(line.messageType)?.toUpperCase() ?? "UNKNOWN",
    message: text(line.message) ?? (line.message === undefined ? raw.trim() : JSON.stringify(line.message)),
    logger: text(line.logger),
    throwable: throwableLines(line.throwableInformation),
    versionId:
      text(line.applicationVersionId) ??
      (typeof line.applicationVersionId === "number" ? `${line.applicationVersionId}` : null),
  };
}

function throwableLines(value: unknown): string[] {
  if (typeof value === "string") return value.split("\n").filter((l) => l.trim());
  if (Array.isArray(value)) return value.filter((l): l is string => typeof l === "string");
  return [];
}

/** The innermost "Caused by:" of a stack trace, else its first line: the exception worth naming. */
export function innermostCause(lines: readonly string[]): string | null {
  const causes = lines.filter((l) => l.trim().startsWith("Caused by:"));
  const cause = causes.at(-1)?.trim().slice("Caused by:".length).trim();
  return cause || lines.find((l) => l.trim())?.trim() || null;
}

/** "Class class com.example.Order cannot be used as a POJO type …": Flink's TypeExtractor naming a Kryo fallback. */
const kryoFallback = /Class (?:class )?([\w$.]+) cannot be used as a POJO type/;

export function kryoFallbackType(message: string): string | null {
  return kryoFallback.exec(message)?.[1] ?? null;
}

/** "<task> (1/4)#3 (<attempt id>) switched from RUNNING to FAILED …": a task failure and its execution attempt. */
const taskFailed = /#(\d+) \([0-9a-f]+\) switched from \w+ to FAILED/;

export function failedAttempt(message: string): number | null {
  const match = taskFailed.exec(message);
  return match ? Number(match[1]) : null;
}

/** "Failed to trigger or complete checkpoint 7 for job <jid>. (2 consecutive failed attempts so far)". */
const checkpointFailed = /Failed to trigger or complete checkpoint (\d+) for job/;

export function failedCheckpoint(message: string): number | null {
  const match = checkpointFailed.exec(message);
  return match ? Number(match[1]) : null;
}

/** "Job <name> (<jid>) switched from state RUNNING to RESTARTING.": a job state switch. */
const jobSwitch = /^Job .* \(([0-9a-f]{32})\) switched from state (\w+) to (\w+)\.?/;

export function jobStateSwitch(message: string): { jobId: string; from: string; to: string } | null {
  const match = jobSwitch.exec(message);
  return match ? { jobId: match[1]!, from: match[2]!, to: match[3]! } : null;
}
