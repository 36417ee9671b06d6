// Which log group and stream an application writes to: the ones its current CloudWatchLoggingOptions name
// (seeded as /aws/kinesis-analytics/<app> + kinesis-analytics-log-stream). A group exists while an application's
// logging option points at it; the stream exists unless the app's `logStream` knob is off.
import type { MsfApp } from "../msf/model";
import type { LogsContext } from "./context";
import { GROUP_NOT_FOUND, invalidParameter, resourceNotFound } from "./errors";
import type { LogsInput } from "./input";

export interface LogTarget {
  app: MsfApp;
  group: string;
  stream: string;
  /** False: the stream was never created, so MSF dropped every line (the group still exists). */
  streamExists: boolean;
}

const LOG_STREAM_ARN = /^arn:aws[\w-]*:logs:([^:]*):(\d*):log-group:(.+):log-stream:(.+)$/;
const GROUP_ARN = /^arn:aws[\w-]*:logs:([^:]*):(\d*):log-group:(.+?)(?::\*)?$/;
const MSF_GROUP = /^\/aws\/kinesis-analytics\/(.+)$/;

export function logGroupArn(region: string, accountId: string, group: string): string {
  return `arn:aws:logs:${region}:${accountId}:log-group:${group}`;
}

function targetOf(app: MsfApp, group: string): LogTarget | undefined {
  const options = app.versions[app.versions.length - 1]?.config.logging ?? [];
  for (const option of options) {
    const match = LOG_STREAM_ARN.exec(option.LogStreamARN);
    if (!match || match[1] !== app.region || match[2] !== app.accountId || match[3] !== group) continue;
    return { app, group, stream: match[4]!, streamExists: app.logStream };
  }
  return undefined;
}

export function findLogGroup(ctx: LogsContext, group: string): LogTarget | undefined {
  const name = MSF_GROUP.exec(group)?.[1];
  const direct = name === undefined ? undefined : ctx.store.app(ctx.accountId, ctx.region, name, ctx.now);
  const found = direct && targetOf(direct, group);
  if (found) return found;
  // A logging option may have been pointed at any group name (UpdateApplication CloudWatchLoggingOptionUpdates).
  for (const app of ctx.store.apps(ctx.accountId, ctx.region, ctx.now)) {
    const target = targetOf(app, group);
    if (target) return target;
  }
  return undefined;
}

export function requireLogGroup(ctx: LogsContext, group: string): LogTarget {
  const target = findLogGroup(ctx, group);
  if (!target) throw resourceNotFound(GROUP_NOT_FOUND);
  return target;
}

/** A group given by name or identifier (name or ARN); exactly one of the two members. */
export function readLogGroup(input: LogsInput, ctx: LogsContext): string {
  const name = input.str("logGroupName", { min: 1, max: 512 });
  const identifier = input.str("logGroupIdentifier", { min: 1, max: 2048 });
  if (name !== undefined && identifier !== undefined)
    throw invalidParameter("LogGroup name and LogGroup ARN are mutually exclusive parameters.");
  if (name === undefined && identifier === undefined)
    throw invalidParameter("Either LogGroup name or LogGroup ARN must be specified.");
  return name ?? groupOfIdentifier(identifier!, ctx);
}

export function groupOfIdentifier(identifier: string, ctx: LogsContext): string {
  if (!identifier.startsWith("arn:")) return identifier;
  const match = GROUP_ARN.exec(identifier);
  if (!match) throw invalidParameter(`Invalid log group ARN: ${identifier}`);
  // Cross-account observability is not emulated: another account's or region's group is simply not here.
  if (match[1] !== ctx.region || match[2] !== ctx.accountId) throw resourceNotFound(GROUP_NOT_FOUND);
  return match[3]!;
}
