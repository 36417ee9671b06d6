// DescribeLogStreams: an MSF application's group holds at most its one stream (none when the knob says the stream
// was never created). The stream's event times are those of its newest visible event.
import type { LogsHandler } from "./context";
import { invalidParameter } from "./errors";
import { eventSourceOf, firstEvent, lastEventUntil } from "./log-events";
import { logGroupArn, readLogGroup, requireLogGroup } from "./log-groups";

export const describeLogStreams: LogsHandler = (input, ctx) => {
  const group = readLogGroup(input, ctx);
  const prefix = input.str("logStreamNamePrefix", { min: 1, max: 512 });
  const orderBy = input.str("orderBy");
  if (orderBy !== undefined && orderBy !== "LogStreamName" && orderBy !== "LastEventTime")
    throw invalidParameter(
      `1 validation error detected: Value '${orderBy}' at 'orderBy' failed to satisfy constraint: ` +
        "Member must satisfy enum value set: [LogStreamName, LastEventTime]",
    );
  if (orderBy === "LastEventTime" && prefix !== undefined)
    throw invalidParameter("Cannot order by LastEventTime with a logStreamNamePrefix.");
  input.bool("descending");
  input.int("limit", { min: 1, max: 50 });
  // Never handed out (one stream fits every page), so any token is foreign.
  if (input.str("nextToken", { min: 1 }) !== undefined) throw invalidParameter("The specified nextToken is invalid.");
  const target = requireLogGroup(ctx, group);
  if (!target.streamExists || (prefix !== undefined && !target.stream.startsWith(prefix))) return { logStreams: [] };
  const source = eventSourceOf(target, ctx.now, ctx.durations);
  const first = firstEvent(source);
  const last = lastEventUntil(source, ctx.now);
  return {
    logStreams: [
      {
        logStreamName: target.stream,
        creationTime: target.app.createdAt,
        ...(first ? { firstEventTimestamp: first.timestamp } : {}),
        ...(last
          ? { lastEventTimestamp: last.timestamp, lastIngestionTime: last.timestamp + source.ingestionDelayMs }
          : {}),
        arn: `${logGroupArn(ctx.region, ctx.accountId, group)}:log-stream:${target.stream}`,
        storedBytes: 0,
      },
    ],
  };
};
