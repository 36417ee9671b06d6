// Shared helpers for the logs-*.test.ts files (not a test file itself).
import {
  FilterLogEventsCommand,
  type CloudWatchLogsClient,
  type FilteredLogEvent,
  type FilterLogEventsCommandInput,
} from "@aws-sdk/client-cloudwatch-logs";

export const groupOf = (app: string) => `/aws/kinesis-analytics/${app}`;
export const STREAM = "kinesis-analytics-log-stream";

/** Every page of a FilterLogEvents read (follows nextToken until it is absent). */
export async function filterAll(
  client: CloudWatchLogsClient,
  input: FilterLogEventsCommandInput,
): Promise<{ events: FilteredLogEvent[]; pages: number }> {
  const events: FilteredLogEvent[] = [];
  let nextToken = input.nextToken;
  let pages = 0;
  do {
    const out = await client.send(new FilterLogEventsCommand({ ...input, nextToken }));
    pages++;
    events.push(...(out.events ?? []));
    nextToken = out.nextToken;
  } while (nextToken && pages < 1_000);
  return { events, pages };
}

export type MsfLine = {
  locationInformation: string;
  logger: string;
  message: string;
  throwableInformation?: string[];
  threadName: string;
  applicationARN: string;
  applicationVersionId: string;
  messageSchemaVersion: string;
  messageType: string;
};

export const lineOf = (event: FilteredLogEvent) => JSON.parse(event.message ?? "{}") as MsfLine;

/** The innermost "Caused by:" class of a stack trace, else its first line's class. */
export function rootCauseClass(lines: readonly string[]): string {
  const causes = lines.filter((l) => l.startsWith("Caused by: "));
  const line = causes.at(-1)?.slice("Caused by: ".length) ?? lines[0] ?? "";
  return line.split(":")[0]!.trim();
}
