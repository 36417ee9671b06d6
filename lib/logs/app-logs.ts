import type { ApplicationDetail } from "@aws-sdk/client-kinesis-analytics-v2";
import type { AwsScope } from "@/lib/aws/accounts";
import { scanKryoFallbacks } from "./kryo-scan";
import { logTargetOf, type LogTarget } from "./log-group";
import { innermostCause, type LogLine } from "./log-line";
import { parseLogLine } from "./log-line";
import { filterLines, readStreamState, runInsightsQuery, type LogsRead, type StreamState } from "./read-logs";

// The application page's Logs panel, read live: does the app have a log stream, how often did the job restart in
// the last 24 h, its recent errors, and the types Flink serialises with Kryo. Each part fails on its own.

/** Errors and warnings that say the same thing (ids and numbers aside), newest first. */
export interface LoggedErrorGroup {
  level: string;
  /** The newest line's message. */
  message: string;
  /** The innermost "Caused by:" of its stack trace, when it has one. */
  cause: string | null;
  count: number;
  first: Date;
  last: Date;
}

export interface AppLogs {
  target: LogTarget | null;
  stream: LogsRead<StreamState>;
  restarts24h: LogsRead<{ count: number; complete: boolean }>;
  /** `complete` false: the 24 h hold more than the newest lines read, so counts are lower bounds. */
  recentErrors: LogsRead<{ groups: LoggedErrorGroup[]; complete: boolean }>;
  kryoTypes: LogsRead<string[]>;
}

const day = 24 * 3600_000;
const shownGroups = 5;

export const restartPattern = '"switched from state RUNNING to RESTARTING"';
const problemLimit = 2_000;
// Newest first, so a loop's thousands of lines never push the latest problem out of the read.
export const problemQuery = `fields @timestamp, @message | filter messageType = "ERROR" or messageType = "WARN" | sort @timestamp desc | limit ${problemLimit}`;

export async function readAppLogs(
  scope: AwsScope,
  detail: Pick<ApplicationDetail, "CloudWatchLoggingOptionDescriptions">,
  now = new Date(),
): Promise<AppLogs> {
  const target = logTargetOf(detail);
  if (!target) {
    const reason = "no CloudWatch logging option is configured, so MSF writes no log";
    return {
      target,
      stream: { ok: false, reason },
      restarts24h: { ok: false, reason },
      recentErrors: { ok: false, reason },
      kryoTypes: { ok: false, reason },
    };
  }
  const window = { start: new Date(now.getTime() - day), end: now };
  const [stream, restarts, problems, kryo] = await Promise.all([
    readStreamState(scope, target),
    filterLines(scope, target, { pattern: restartPattern, ...window, maxEvents: 10_000 }),
    runInsightsQuery(scope, {
      groups: [target.group],
      query: problemQuery,
      ...window,
      limit: problemLimit,
      timeoutMs: 20_000,
      pollMs: 500,
    }),
    scanKryoFallbacks(scope, [target.group], { now, timeoutMs: 20_000, pollMs: 500 }),
  ]);
  return {
    target,
    stream,
    restarts24h: restarts.ok
      ? { ok: true, value: { count: restarts.value.lines.length, complete: restarts.value.complete } }
      : restarts,
    recentErrors: problems.ok
      ? {
          ok: true,
          value: {
            groups: groupErrors(problems.value.map(lineOfRow)).slice(0, shownGroups),
            complete: problems.value.length < problemLimit,
          },
        }
      : problems,
    kryoTypes: kryo.ok ? { ok: true, value: kryo.value.get(target.group) ?? [] } : kryo,
  };
}

/** Logs Insights gives "2026-12-04 15:19:06.123" (UTC) and the raw line. */
function lineOfRow(row: Record<string, string>): LogLine {
  const at = Date.parse(`${(row["@timestamp"] ?? "").replace(" ", "T")}Z`);
  return parseLogLine({ timestamp: Number.isNaN(at) ? 0 : at, message: row["@message"] ?? "" });
}

/** A restart loop writes the same failure thousands of times: one entry per distinct problem, with its count. */
export function groupErrors(lines: readonly LogLine[]): LoggedErrorGroup[] {
  const groups = new Map<string, LoggedErrorGroup>();
  for (const line of [...lines].sort((a, b) => b.at.getTime() - a.at.getTime())) {
    const cause = line.throwable.length ? innermostCause(line.throwable) : null;
    const key = `${line.level}|${shapeOf(line.message)}|${shapeOf(cause ?? "")}`;
    const group = groups.get(key);
    if (group) {
      group.count++;
      group.first = line.at;
    } else {
      groups.set(key, {
        level: line.level,
        message: line.message.slice(0, 500),
        cause,
        count: 1,
        first: line.at,
        last: line.at,
      });
    }
  }
  return [...groups.values()];
}

/** Ids, attempt numbers and addresses differ on every line of the same problem. */
const shapeOf = (text: string) => text.replace(/[0-9a-f]{8,}/g, "#").replace(/\d+/g, "0");
