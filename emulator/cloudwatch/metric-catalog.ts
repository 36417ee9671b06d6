// Which metrics MSF publishes in AWS/KinesisAnalytics, per runtime family (msf-api.md §9), with units and dimensions.
import type { EmuApp, EmuSettings, MetricProfile, RuntimeEnvironment } from "../core/types";

export const NAMESPACE = "AWS/KinesisAnalytics";

/** "v1" = Flink 1.x (and SQL/Zeppelin runtimes), "v2" = FLINK-2_x. */
export type RuntimeFamily = "v1" | "v2";

export type MetricName =
  | "uptime"
  | "downtime"
  | "fullRestarts"
  | "numRestarts"
  | "runningTime"
  | "restartingTime"
  | "cancellingTime"
  | "failingTime"
  | "lastCheckpointDuration"
  | "lastCheckpointSize"
  | "numberOfFailedCheckpoints"
  | "cpuUtilization"
  | "heapMemoryUtilization"
  | "KPUs"
  | "millisBehindLatest"
  | "records_lag_max";

export interface MetricDef {
  name: MetricName;
  unit: string;
  families: readonly RuntimeFamily[];
  /**
   * "app" = {Application}; "jobState" = {Application}, or {Application, Flow=Job} with the Flow knob on;
   * "source" = source-connector dimensions (see metricDimensions).
   */
  dims: "app" | "jobState" | "source";
  /** Only published for apps whose source is of this kind. */
  sourceKind?: "kinesis" | "kafka";
  /** Stable small integer used to decorrelate noise between metrics. */
  index: number;
}

export interface Dimension {
  Name: string;
  Value: string;
}

const BOTH: readonly RuntimeFamily[] = ["v1", "v2"];

// Order matters: ListMetrics returns metrics in this order per application.
export const METRIC_DEFS: readonly MetricDef[] = [
  { name: "uptime", unit: "Milliseconds", families: BOTH, dims: "app", index: 1 },
  { name: "downtime", unit: "Milliseconds", families: BOTH, dims: "app", index: 2 },
  { name: "fullRestarts", unit: "Count", families: ["v1"], dims: "app", index: 3 },
  { name: "numRestarts", unit: "Count", families: BOTH, dims: "app", index: 4 },
  { name: "runningTime", unit: "Milliseconds", families: ["v2"], dims: "jobState", index: 5 },
  { name: "restartingTime", unit: "Milliseconds", families: ["v2"], dims: "jobState", index: 6 },
  { name: "cancellingTime", unit: "Milliseconds", families: ["v2"], dims: "jobState", index: 7 },
  { name: "failingTime", unit: "Milliseconds", families: ["v2"], dims: "jobState", index: 8 },
  { name: "lastCheckpointDuration", unit: "Milliseconds", families: BOTH, dims: "app", index: 9 },
  { name: "lastCheckpointSize", unit: "Bytes", families: BOTH, dims: "app", index: 10 },
  { name: "numberOfFailedCheckpoints", unit: "Count", families: BOTH, dims: "app", index: 11 },
  { name: "cpuUtilization", unit: "Percent", families: BOTH, dims: "app", index: 12 },
  { name: "heapMemoryUtilization", unit: "Percent", families: BOTH, dims: "app", index: 13 },
  { name: "KPUs", unit: "Count", families: BOTH, dims: "app", index: 14 },
  {
    name: "millisBehindLatest",
    unit: "Milliseconds",
    families: BOTH,
    dims: "source",
    sourceKind: "kinesis",
    index: 15,
  },
  { name: "records_lag_max", unit: "Count", families: BOTH, dims: "source", sourceKind: "kafka", index: 16 },
];

const DEFS_BY_NAME = new Map<string, MetricDef>(METRIC_DEFS.map((def) => [def.name, def]));

export function findMetricDef(name: string): MetricDef | undefined {
  return DEFS_BY_NAME.get(name);
}

/** FLINK-2_x and later publish the 2.x set; everything else (FLINK-1_x, SQL-1_0, ZEPPELIN-*) the 1.x set. */
export function runtimeFamily(runtime: RuntimeEnvironment): RuntimeFamily {
  const match = /^FLINK-(\d+)_/.exec(runtime);
  return match && Number(match[1]) >= 2 ? "v2" : "v1";
}

export function publishedBy(def: MetricDef, family: RuntimeFamily): boolean {
  return def.families.includes(family);
}

/** Whether this app's source connector makes it publish `def` at all (independent of runtime). */
export function appliesToProfile(def: MetricDef, profile: MetricProfile): boolean {
  return def.sourceKind === undefined || def.sourceKind === profile.source.kind;
}

/** Value of the Flow dimension of the 2.2 job-state metrics when the knob is on (a choice: AWS documents none). */
export const JOB_STATE_FLOW = "Job";

/** The exact dimension set the metric is published with ([SAMPLE-DASH] names; §9.1). */
export function metricDimensions(
  def: MetricDef,
  app: Pick<EmuApp, "name" | "profile">,
  settings?: EmuSettings,
): Dimension[] {
  const application = { Name: "Application", Value: app.name };
  if (def.dims === "jobState" && settings?.jobStateFlowDimension)
    return [application, { Name: "Flow", Value: JOB_STATE_FLOW }];
  if (def.dims !== "source") return [application];
  const source = app.profile.source;
  const id =
    source.kind === "kinesis" ? { Name: "Id", Value: source.streamName } : { Name: "Topic", Value: source.topic };
  return [id, { Name: "Application", Value: app.name }, { Name: "Flow", Value: "Input" }];
}

/** Order-insensitive exact match of two dimension sets (CloudWatch treats each combination as its own metric). */
export function sameDimensions(a: readonly Dimension[], b: readonly Dimension[]): boolean {
  if (a.length !== b.length) return false;
  const key = (d: Dimension) => `${d.Name}\u0000${d.Value}`;
  const left = new Set(a.map(key));
  return left.size === a.length && b.every((d) => left.has(key(d)));
}

/** 1, 5, 10, 20, 30 (high resolution) or any positive multiple of 60 (SDK MetricStat.Period doc). */
export function isValidPeriod(period: unknown): period is number {
  if (typeof period !== "number" || !Number.isInteger(period) || period < 1) return false;
  return [1, 5, 10, 20, 30].includes(period) || period % 60 === 0;
}
