import {
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetQueryResultsCommand,
  StartQueryCommand,
  StopQueryCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import type { AwsScope } from "@/lib/aws/accounts";
import { logsClient } from "@/lib/aws/clients";
import { describeAwsError } from "@/lib/aws/errors";
import { parseLogLine, type LogLine } from "./log-line";
import type { LogTarget } from "./log-group";

// Reads of an application's CloudWatch Logs. Every failure becomes a reason a person can act on; none throws, since
// logs are evidence, never a precondition.

export type LogsRead<T> = { ok: true; value: T } | { ok: false; reason: string };

export type StreamState = "present" | "missing" | "no-group";

export async function readStreamState(scope: AwsScope, target: LogTarget): Promise<LogsRead<StreamState>> {
  try {
    const out = await logsClient(scope).send(
      new DescribeLogStreamsCommand({ logGroupName: target.group, logStreamNamePrefix: target.stream, limit: 5 }),
    );
    const present = (out.logStreams ?? []).some((s) => s.logStreamName === target.stream);
    return { ok: true, value: present ? "present" : "missing" };
  } catch (error) {
    if ((error as Error).name === "ResourceNotFoundException") return { ok: true, value: "no-group" };
    return { ok: false, reason: logsProblem(error, "logs:DescribeLogStreams") };
  }
}

/** Events matching `pattern` in [start, end), oldest first, at most `maxEvents` (the newest are dropped). */
export async function filterLines(
  scope: AwsScope,
  target: LogTarget,
  options: { pattern: string; start: Date; end: Date; maxEvents: number; maxPages?: number },
): Promise<LogsRead<{ lines: LogLine[]; complete: boolean }>> {
  const lines: LogLine[] = [];
  let nextToken: string | undefined;
  try {
    for (let page = 0; page < (options.maxPages ?? 20); page++) {
      const out = await logsClient(scope).send(
        new FilterLogEventsCommand({
          logGroupName: target.group,
          logStreamNames: [target.stream],
          filterPattern: options.pattern,
          startTime: options.start.getTime(),
          endTime: options.end.getTime(),
          limit: Math.min(10_000, options.maxEvents - lines.length),
          nextToken,
        }),
      );
      lines.push(...(out.events ?? []).map(parseLogLine));
      nextToken = out.nextToken;
      // CloudWatch Logs may answer an empty page with a token: only a missing token ends the read.
      if (!nextToken || lines.length >= options.maxEvents) return { ok: true, value: { lines, complete: !nextToken } };
    }
    return { ok: true, value: { lines, complete: false } };
  } catch (error) {
    if ((error as Error).name === "ResourceNotFoundException")
      return { ok: false, reason: `the log group ${target.group} does not exist` };
    return { ok: false, reason: logsProblem(error, "logs:FilterLogEvents") };
  }
}

export type QueryRow = Record<string, string>;

/**
 * One Logs Insights query over up to 50 log groups: StartQuery, then GetQueryResults until it completes or
 * `timeoutMs` passes (the query is then stopped, so it does not hold one of the account's 30 concurrent slots).
 */
export async function runInsightsQuery(
  scope: AwsScope,
  input: { groups: string[]; query: string; start: Date; end: Date; limit: number; timeoutMs: number; pollMs: number },
): Promise<LogsRead<QueryRow[]>> {
  const client = logsClient(scope);
  let queryId: string | undefined;
  try {
    const started = await client.send(
      new StartQueryCommand({
        logGroupNames: input.groups,
        queryString: input.query,
        startTime: Math.floor(input.start.getTime() / 1000),
        endTime: Math.ceil(input.end.getTime() / 1000),
        limit: input.limit,
      }),
    );
    queryId = started.queryId;
    const deadline = Date.now() + input.timeoutMs;
    while (Date.now() < deadline) {
      const out = await client.send(new GetQueryResultsCommand({ queryId }));
      if (out.status === "Complete")
        return {
          ok: true,
          value: (out.results ?? []).map((row) => Object.fromEntries(row.map((f) => [f.field ?? "", f.value ?? ""]))),
        };
      if (out.status && !["Scheduled", "Running"].includes(out.status))
        return { ok: false, reason: `the Logs Insights query ended ${out.status}` };
      await new Promise((resolve) => setTimeout(resolve, input.pollMs));
    }
    await client.send(new StopQueryCommand({ queryId })).catch(() => undefined);
    return {
      ok: false,
      reason: `the Logs Insights query did not complete within ${Math.round(input.timeoutMs / 1000)} s`,
    };
  } catch (error) {
    if (queryId) await client.send(new StopQueryCommand({ queryId })).catch(() => undefined);
    return { ok: false, reason: logsProblem(error, "logs:StartQuery and logs:GetQueryResults") };
  }
}

export function logsProblem(error: unknown, permission: string): string {
  const problem = describeAwsError(error);
  if (problem.kind === "forbidden") return `no permission for ${permission}`;
  return `CloudWatch Logs: ${problem.message}`;
}
