import { GetMetricDataCommand, type MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import { cloudWatchClient } from "@/lib/aws/clients";

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

/**
 * Runs the queries in as few GetMetricData calls as CloudWatch allows (500 queries each),
 * following NextToken, and returns each query's series in ascending time order.
 */
export async function fetchMetricData(
  region: string,
  queries: MetricQuery[],
  start: Date,
  end: Date,
  onCall?: (requestId: string | undefined, queryCount: number) => Promise<void> | void,
): Promise<Map<string, MetricSeries>> {
  const series = new Map<string, MetricSeries>(queries.map((q) => [q.id, { timestamps: [], values: [] }]));
  for (let offset = 0; offset < queries.length; offset += maxQueriesPerCall) {
    const batch = queries.slice(offset, offset + maxQueriesPerCall).map(toDataQuery);
    let nextToken: string | undefined;
    do {
      const page = await cloudWatchClient(region).send(
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
      }
      nextToken = page.NextToken;
    } while (nextToken);
  }
  return series;
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
