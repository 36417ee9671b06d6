// CloudWatch Logs (Logs_20140328, AWS JSON 1.1) for MSF application logs. The server routes every
// `X-Amz-Target: Logs_20140328.<Op>` request here with the parsed body.
import { EmuError } from "../core/types";
import type { LogsContext, LogsHandler } from "./context";
import { describeLogStreams } from "./describe-log-streams";
import { filterLogEvents } from "./filter-log-events";
import { LogsInput } from "./input";
import { getQueryResults, startQuery, stopQuery } from "./insights/handlers";

export { logsErrorResponse, logsJson } from "./errors";
export type { LogsContext } from "./context";

const OPERATIONS: Record<string, LogsHandler> = {
  DescribeLogStreams: describeLogStreams,
  FilterLogEvents: filterLogEvents,
  StartQuery: startQuery,
  GetQueryResults: getQueryResults,
  StopQuery: stopQuery,
};

export function handleLogs(operation: string, body: unknown, ctx: LogsContext): unknown {
  const handler = Object.hasOwn(OPERATIONS, operation) ? OPERATIONS[operation] : undefined;
  if (!handler) {
    throw new EmuError(
      "UnknownOperationException",
      `Operation ${operation} is not supported by this emulator (supported: ${Object.keys(OPERATIONS).join(", ")}).`,
    );
  }
  return handler(LogsInput.of(body), ctx);
}
