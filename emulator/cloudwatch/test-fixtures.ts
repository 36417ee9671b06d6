// Builders for the CloudWatch unit tests: hand-written timelines, an in-memory store, a request context.
import { durationsFor } from "../core/durations";
import type {
  EmuAlarm,
  EmuApp,
  EmuDurations,
  EmuStore,
  MetricProfile,
  RequestContext,
  TimelineSegment,
} from "../core/types";

import { findMetricDef, metricDimensions, NAMESPACE } from "./metric-catalog";
import { MetricResolver } from "./metric-source";
import type { BucketSummary } from "./stats";

export const T0 = Date.UTC(2026, 0, 1, 0, 0, 0);
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;

/** Real AWS speed: one datapoint per minute, readable 2 minutes later. */
export const DURATIONS: EmuDurations = durationsFor("real");

/**
 * For tests of the value shapes themselves (saw-tooth, counters): a 10 s restart loop observed through datapoints
 * every second that are readable at once. Cadence and ingestion delay have their own tests at real speed.
 */
export const FINE: EmuDurations = {
  ...DURATIONS,
  restartLoopIntervalMs: 10_000,
  metricPeriodMs: 1_000,
  ingestionDelayMs: 0,
};

export const PROFILE: MetricProfile = {
  checkpointDurationMs: 2_000,
  checkpointSizeBytes: 50_000_000,
  cpuPct: 40,
  heapPct: 55,
  source: { kind: "kinesis", streamName: "orders-stream" },
};

export function segment(start: number, overrides: Partial<TimelineSegment> = {}): TimelineSegment {
  return {
    start,
    status: "RUNNING",
    runtime: "FLINK-1_15",
    behaviour: "healthy",
    freshJob: false,
    parallelism: 4,
    kpus: 2,
    ...overrides,
  };
}

export function makeApp(
  name: string,
  timeline: TimelineSegment[],
  options: { profile?: Partial<MetricProfile>; region?: string } = {},
): EmuApp {
  const last = timeline[timeline.length - 1]!;
  const region = options.region ?? "us-east-1";
  return {
    accountId: "123456789012",
    region,
    name,
    arn: `arn:aws:kinesisanalytics:${region}:123456789012:application/${name}`,
    status: last.status,
    runtime: last.runtime,
    scenario: "healthy",
    profile: { ...PROFILE, ...options.profile },
    timeline,
  };
}

/** A 1.x app healthy since T0 - 24 h. */
export function healthyApp(name = "orders-enricher", runtime = "FLINK-1_15"): EmuApp {
  return makeApp(name, [segment(T0 - 24 * HOUR, { runtime, freshJob: true })]);
}

export class FakeStore implements EmuStore {
  constructor(
    private readonly appList: EmuApp[],
    private readonly alarmList: EmuAlarm[] = [],
  ) {}

  apps(accountId: string, region: string): EmuApp[] {
    return this.appList.filter((app) => app.accountId === accountId && app.region === region);
  }

  app(accountId: string, region: string, name: string): EmuApp | undefined {
    return this.apps(accountId, region).find((app) => app.name === name);
  }

  alarms(accountId: string, region: string): EmuAlarm[] {
    return this.alarmList.filter((alarm) => alarm.AlarmArn.includes(`:${region}:${accountId}:`));
  }

  putAlarm(_accountId: string, _region: string, alarm: EmuAlarm): void {
    const at = this.alarmList.findIndex((a) => a.AlarmArn === alarm.AlarmArn);
    if (at < 0) this.alarmList.push(alarm);
    else this.alarmList[at] = alarm;
  }
}

export function makeCtx(
  apps: EmuApp[],
  now: number,
  options: { alarms?: EmuAlarm[]; region?: string; durations?: EmuDurations; flowDimension?: boolean } = {},
): RequestContext {
  return {
    settings: { jobStateFlowDimension: options.flowDimension ?? false },
    accountId: "123456789012",
    region: options.region ?? "us-east-1",
    now,
    durations: options.durations ?? DURATIONS,
    store: new FakeStore(apps, options.alarms),
    requestId: "test-request",
  };
}

export const appDims = (name: string) => [{ Name: "Application", Value: name }];

/** A GetMetricData MetricStat query for an {Application} metric. */
export function statQuery(id: string, app: string, metricName: string, period: number, stat: string) {
  return {
    Id: id,
    MetricStat: {
      Metric: { Namespace: "AWS/KinesisAnalytics", MetricName: metricName, Dimensions: appDims(app) },
      Period: period,
      Stat: stat,
    },
  };
}

export const seconds = (ms: number) => ms / 1000;

/** The period buckets a GetMetricData/GetMetricStatistics call would aggregate (resolver path, {Application} dims). */
export function bucketsOf(
  app: EmuApp,
  metricName: string,
  startMs: number,
  endMs: number,
  periodS: number,
  options: { now?: number; durations?: EmuDurations } = {},
): BucketSummary[] {
  const now = options.now ?? T0;
  const resolver = new MetricResolver(makeCtx([app], now, { durations: options.durations }), now);
  const def = findMetricDef(metricName)!;
  const metric = resolver.resolve(NAMESPACE, metricName, metricDimensions(def, app));
  return metric ? resolver.series(metric, { startMs, endMs, periodS, keepValues: true }) : [];
}
