import { GetMetricDataCommand, type MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import { cloudWatchClient } from "@/lib/aws/clients";
import type { AwsScope } from "@/lib/aws/accounts";

export const metricNamespace = "AWS/KinesisAnalytics";
const maxQueriesPerCall = 500;

export interface MetricQuery {
  id: string;
  application: string;
  metric: string;
  stat: string;
  period: number;
  /** Defaults to {Application}; source metrics (millisBehindLatest, records_lag_max) need more. */
  dimensions?: { Name: string; Value: string }[];
}

export interface MetricSeries {
  timestamps: Date[];
  values: number[];
}

/** MetricDataResult.StatusCode, after following every NextToken. */
export type QueryStatus = "Complete" | "PartialData" | "InternalError" | "Forbidden";

export interface MetricResult extends MetricSeries {
  /** Complete; PartialData only when CloudWatch stopped paginating early; InternalError/Forbidden: failed. */
  status: QueryStatus;
  /** CloudWatch's Messages for this query, as "Code: text". */
  messages: string[];
}

/**
 * Runs the queries in as few GetMetricData calls as CloudWatch allows (500 queries each), following NextToken
 * while any result is PartialData, and returns each query's series in ascending time order with its status.
 */
export async function fetchMetricData(
  scope: AwsScope,
  queries: MetricQuery[],
  start: Date,
  end: Date,
  onCall?: (requestId: string | undefined, queryCount: number) => Promise<void> | void,
): Promise<Map<string, MetricResult>> {
  const series = new Map<string, MetricResult>(
    queries.map((q) => [q.id, { timestamps: [], values: [], status: "Complete", messages: [] }]),
  );
  for (let offset = 0; offset < queries.length; offset += maxQueriesPerCall) {
    const batch = queries.slice(offset, offset + maxQueriesPerCall).map(toDataQuery);
    let nextToken: string | undefined;
    do {
      const page = await cloudWatchClient(scope).send(
        new GetMetricDataCommand({
          MetricDataQueries: batch,
          StartTime: start,
          EndTime: end,
          ScanBy: "TimestampAscending",
          NextToken: nextToken,
        }),
      );
      await onCall?.(page.$metadata.requestId, batch.length);
      for (const result of page.MetricDataResults ?? []) {
        const target = series.get(result.Id!);
        if (!target) continue;
        target.timestamps.push(...(result.Timestamps ?? []));
        target.values.push(...(result.Values ?? []));
        target.status = nextStatus(target.status, result.StatusCode);
        addMessages(target, result.Messages);
      }
      nextToken = page.NextToken;
    } while (nextToken);
  }
  return series;
}

const queryStatuses = new Set<string>(["Complete", "PartialData", "InternalError", "Forbidden"]);

/** A failed query stays failed on later pages; otherwise the latest page's status (PartialData → Complete) holds. */
function nextStatus(current: QueryStatus, reported: string | undefined): QueryStatus {
  if (current === "InternalError" || current === "Forbidden") return current;
  return reported !== undefined && queryStatuses.has(reported) ? (reported as QueryStatus) : current;
}

function addMessages(target: MetricResult, messages: readonly { Code?: string; Value?: string }[] = []): void {
  for (const m of messages) {
    const text = `${m.Code ?? "Message"}: ${m.Value ?? ""}`;
    if (!target.messages.includes(text)) target.messages.push(text);
  }
}

function toDataQuery(q: MetricQuery): MetricDataQuery {
  return {
    Id: q.id,
    ReturnData: true,
    MetricStat: {
      Metric: {
        Namespace: metricNamespace,
        MetricName: q.metric,
        Dimensions: q.dimensions ?? [{ Name: "Application", Value: q.application }],
      },
      Period: q.period,
      Stat: q.stat,
    },
  };
}
