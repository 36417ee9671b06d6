// CloudWatch (GraniteServiceVersion20100801, AWS JSON 1.0, query-compatible errors) for the MSF metrics namespace,
// plus the alarms: DescribeAlarms over the seeded ones and PutMetricAlarm to create or replace one.
// The server routes every `X-Amz-Target: GraniteServiceVersion20100801.<Op>` request here with the parsed body.
import { EmuError, type RequestContext } from "../core/types";
import { describeAlarms, describeAlarmsForMetric } from "./describe-alarms";
import { cloudWatchError } from "./errors";
import { getMetricData } from "./get-metric-data";
import { getMetricStatistics } from "./get-metric-statistics";
import { listMetrics } from "./list-metrics";
import { putMetricAlarm } from "./put-metric-alarm";

export { cloudWatchErrorResponse } from "./errors";
export { seedAlarms } from "./alarms";

const OPERATIONS: Record<string, (input: unknown, ctx: RequestContext) => unknown> = {
  GetMetricData: getMetricData,
  GetMetricStatistics: getMetricStatistics,
  ListMetrics: listMetrics,
  DescribeAlarms: describeAlarms,
  DescribeAlarmsForMetric: describeAlarmsForMetric,
  PutMetricAlarm: putMetricAlarm,
};

/** Returns the JSON-serialisable output (timestamps in epoch seconds) or throws an EmuError with a queryCode. */
export function handleCloudWatch(op: string, input: unknown, ctx: RequestContext): unknown {
  const handler = Object.hasOwn(OPERATIONS, op) ? OPERATIONS[op] : undefined;
  if (!handler) throw cloudWatchUnknownOperation(op);
  return handler(input ?? {}, ctx);
}

export function cloudWatchUnknownOperation(op: string): EmuError {
  return cloudWatchError(
    "InvalidAction",
    `The action ${op} is not valid for this web service (emulator supports: ` +
      `${Object.keys(OPERATIONS).join(", ")}).`,
  );
}
