// Which CloudWatch metric carries each health signal on each MSF runtime (msf-api.md §9). Flink 2.2
// renamed or removed several job metrics, so a chart spanning a 1.x → 2.2 upgrade reads a different
// metric on each side of the update; this table is the one place that knows which.
import { parseRuntime } from "@/lib/risk/runtimes";

export type Signal =
  | "restarts"
  | "runningTime"
  | "downtime"
  | "failedCheckpoints"
  | "checkpointDuration"
  | "checkpointSize"
  | "cpu"
  | "heap"
  | "lag";

export const SIGNALS: readonly Signal[] = [
  "restarts",
  "runningTime",
  "downtime",
  "failedCheckpoints",
  "checkpointDuration",
  "checkpointSize",
  "cpu",
  "heap",
  "lag",
];

export type MetricUnit = "Count" | "Milliseconds" | "Bytes" | "Percent";

export interface MetricSpec {
  metric: string;
  stat: string;
  unit: MetricUnit;
  label: string;
  /** Present when the signal is the sum of several metrics: every metric of the sum, this one included. */
  sumOf?: string[];
  /** "source" metrics are published with the source connector's dimensions, not {Application} alone. */
  dimensionSet: "application" | "source";
}

export type LagSource = { kind: "kinesis"; streamName: string } | { kind: "kafka"; topic: string };

export interface Dimension {
  Name: string;
  Value: string;
}

const SIGNAL_LABELS: Record<Signal, string> = {
  restarts: "Restarts",
  runningTime: "Running time",
  downtime: "Downtime",
  failedCheckpoints: "Failed checkpoints",
  checkpointDuration: "Checkpoint duration",
  checkpointSize: "Checkpoint size",
  cpu: "CPU",
  heap: "Heap",
  lag: "Source lag",
};

export function signalLabel(signal: Signal): string {
  return SIGNAL_LABELS[signal];
}

/** FLINK-2_x and later; SQL and Studio runtimes publish the 1.x metric set. */
export function isFlink2(runtime: string): boolean {
  const parsed = parseRuntime(runtime);
  return parsed?.kind === "flink" && parsed.major >= 2;
}

const REMOVED_ON_FLINK2 = new Set(["fullRestarts", "bytesRequestedPerFetch"]);
const DEPRECATED_ON_FLINK2 = new Set(["uptime", "downtime"]);
const NEW_IN_FLINK2 = new Set(["runningTime", "restartingTime", "failingTime", "cancellingTime"]);

/** The runtime no longer publishes the metric, so alarms on it go INSUFFICIENT_DATA after an upgrade. */
export function removedOn(runtime: string, metric: string): boolean {
  return isFlink2(runtime) && REMOVED_ON_FLINK2.has(metric);
}

/** Still published but announced for removal ("will be removed in a future release"). */
export function deprecatedOn(runtime: string, metric: string): boolean {
  return isFlink2(runtime) && DEPRECATED_ON_FLINK2.has(metric);
}

export function isPublishedOn(runtime: string, metric: string): boolean {
  return isFlink2(runtime) ? !REMOVED_ON_FLINK2.has(metric) : !NEW_IN_FLINK2.has(metric);
}

const DOWNTIME_PARTS_FLINK2 = ["restartingTime", "failingTime", "cancellingTime"];

function spec(metric: string, stat: string, unit: MetricUnit, extra: Partial<MetricSpec> = {}): MetricSpec {
  return { metric, stat, unit, label: metric, dimensionSet: "application", ...extra };
}

/**
 * The metrics to read for `signal` on `runtime`: one, or several to be summed (downtime on 2.2).
 * Lag needs the source kind (Kinesis and Kafka publish different metrics); without it there is none.
 * Counters use Maximum (they are cumulative); CPU and heap Maximum = the hottest TaskManager (§9.1).
 */
export function metricsFor(signal: Signal, runtime: string, source?: Pick<LagSource, "kind">): MetricSpec[] {
  const flink2 = isFlink2(runtime);
  switch (signal) {
    case "restarts":
      // 1.x: fullRestarts; whether MSF also publishes numRestarts for 1.x runtimes is UNCONFIRMED (§9.2).
      return [spec(flink2 ? "numRestarts" : "fullRestarts", "Maximum", "Count")];
    case "runningTime":
      return [spec(flink2 ? "runningTime" : "uptime", "Maximum", "Milliseconds")];
    case "downtime":
      if (!flink2) return [spec("downtime", "Maximum", "Milliseconds")];
      return DOWNTIME_PARTS_FLINK2.map((metric) =>
        spec(metric, "Maximum", "Milliseconds", { sumOf: DOWNTIME_PARTS_FLINK2 }),
      );
    case "failedCheckpoints":
      return [spec("numberOfFailedCheckpoints", "Maximum", "Count")];
    case "checkpointDuration":
      return [spec("lastCheckpointDuration", "Average", "Milliseconds")];
    case "checkpointSize":
      return [spec("lastCheckpointSize", "Average", "Bytes")];
    case "cpu":
      return [spec("cpuUtilization", "Maximum", "Percent")];
    case "heap":
      return [spec("heapMemoryUtilization", "Maximum", "Percent")];
    case "lag":
      if (source?.kind === "kinesis")
        return [spec("millisBehindLatest", "Maximum", "Milliseconds", { dimensionSet: "source" })];
      if (source?.kind === "kafka") return [spec("records_lag_max", "Maximum", "Count", { dimensionSet: "source" })];
      return [];
  }
}

/** "restartingTime + failingTime + cancellingTime" for a sum, else the metric name. */
export function metricLabel(specs: readonly MetricSpec[]): string {
  return specs.map((s) => s.metric).join(" + ");
}

/**
 * The dimension set a metric is published with (§9.1): {Application} for job metrics; source metrics
 * add the stream (Id) or topic (Topic) and Flow=Input.
 */
export function dimensions(appName: string, source?: LagSource): Dimension[] {
  const application = { Name: "Application", Value: appName };
  if (!source) return [application];
  const id =
    source.kind === "kinesis" ? { Name: "Id", Value: source.streamName } : { Name: "Topic", Value: source.topic };
  return [id, application, { Name: "Flow", Value: "Input" }];
}

/** What a person should know about where `signal` comes from on `runtime`, or null when nothing changed. */
export function signalNote(signal: Signal, runtime: string): string | null {
  const flink2 = isFlink2(runtime);
  switch (signal) {
    case "restarts":
      return flink2
        ? "This runtime does not publish fullRestarts; restarts are read from numRestarts."
        : "Read from fullRestarts; whether MSF publishes numRestarts on Flink 1.x is not documented.";
    case "runningTime":
      return flink2 ? "uptime is deprecated on Flink 2.2; running time is read from runningTime." : null;
    case "downtime":
      return flink2
        ? "downtime is deprecated on Flink 2.2; read as restartingTime + failingTime + cancellingTime."
        : null;
    case "lag":
      return flink2
        ? "bytesRequestedPerFetch is gone with the Kinesis connector 6.0; millisBehindLatest remains."
        : null;
    default:
      return null;
  }
}
