import type { ApplicationDetail } from "@aws-sdk/client-kinesis-analytics-v2";

export interface LogTarget {
  group: string;
  stream: string;
}

/**
 * Where MSF writes an application's log: the stream its CloudWatchLoggingOptions name. Null when logging is not
 * configured (MSF then writes nothing at all).
 */
export function logTargetOf(detail: Pick<ApplicationDetail, "CloudWatchLoggingOptionDescriptions">): LogTarget | null {
  for (const option of detail.CloudWatchLoggingOptionDescriptions ?? []) {
    const match = /:log-group:(.+):log-stream:(.+)$/.exec(option.LogStreamARN ?? "");
    if (match) return { group: match[1]!, stream: match[2]! };
  }
  return null;
}

/** The names MSF's console creates, for when only the application's name is known. */
export function defaultLogTarget(appName: string): LogTarget {
  return { group: `/aws/kinesis-analytics/${appName}`, stream: "kinesis-analytics-log-stream" };
}
