// Resolves a CloudWatch metric identity (namespace, name, dimensions) to an application's synthetic series.
import type { EmuApp, EmuDurations, EmuSettings, RequestContext } from "../core/types";
import { hashString } from "./hash";
import {
  appliesToProfile,
  findMetricDef,
  metricDimensions,
  NAMESPACE,
  sameDimensions,
  type Dimension,
  type MetricDef,
} from "./metric-catalog";
import { planSpans, shapesFor, type JobSpan } from "./synth-spans";
import { aggregateSeries } from "./synth-series";
import type { SynthEnv } from "./synth-values";
import type { BucketSummary } from "./stats";

export interface AppMetrics {
  app: EmuApp;
  spans: JobSpan[];
  env: SynthEnv;
  /** Publish cadence (datapoint grid) and ingestion delay of this emulator's speed. */
  cadenceMs: number;
  ingestionDelayMs: number;
}

export interface ResolvedMetric {
  source: AppMetrics;
  def: MetricDef;
}

export function buildAppMetrics(app: EmuApp, durations: EmuDurations): AppMetrics {
  const shapes = shapesFor(durations);
  return {
    app,
    spans: planSpans(app.timeline, shapes),
    // The ARN, not just the name: same-named apps in two regions or accounts must not share their noise.
    env: { seed: hashString(app.arn || app.name), profile: app.profile, shapes },
    cadenceMs: Math.max(1, durations.metricPeriodMs),
    ingestionDelayMs: Math.max(0, durations.ingestionDelayMs),
  };
}

/** KPUs are published once per billing hour (60 × the common one-minute cadence, scaled alike). */
const KPU_CADENCE_FACTOR = 60;

/** How often `def` gets a datapoint. */
export function cadenceOf(source: AppMetrics, def: MetricDef): number {
  return source.cadenceMs * (def.name === "KPUs" ? KPU_CADENCE_FACTOR : 1);
}

const DEFAULT_SETTINGS: EmuSettings = { jobStateFlowDimension: false };

/** Per-request memo so 500 queries on the same app plan its timeline once. */
export class MetricResolver {
  private readonly cache = new Map<string, AppMetrics | null>();

  constructor(
    private readonly ctx: RequestContext,
    private readonly nowMs: number,
  ) {}

  appMetrics(name: string): AppMetrics | undefined {
    let entry = this.cache.get(name);
    if (entry === undefined) {
      const app = this.ctx.store.app(this.ctx.accountId, this.ctx.region, name, this.nowMs);
      entry = app ? buildAppMetrics(app, this.ctx.durations) : null;
      this.cache.set(name, entry);
    }
    return entry ?? undefined;
  }

  /** undefined when no such metric is published (CloudWatch then simply returns no datapoints). */
  resolve(namespace: unknown, metricName: unknown, dimensions: readonly Dimension[]): ResolvedMetric | undefined {
    if (namespace !== NAMESPACE || typeof metricName !== "string") return undefined;
    const def = findMetricDef(metricName);
    const appName = dimensions.find((d) => d.Name === "Application")?.Value;
    if (!def || appName === undefined) return undefined;
    const source = this.appMetrics(appName);
    if (!source || !appliesToProfile(def, source.app.profile)) return undefined;
    const settings = this.ctx.settings ?? DEFAULT_SETTINGS;
    if (!sameDimensions(metricDimensions(def, source.app, settings), dimensions)) return undefined;
    return { source, def };
  }

  series(metric: ResolvedMetric, range: SeriesRange): BucketSummary[] {
    return aggregateSeries({
      spans: metric.source.spans,
      def: metric.def,
      env: metric.source.env,
      cadenceMs: cadenceOf(metric.source, metric.def),
      nowMs: this.nowMs,
      visibleUntilMs: this.nowMs - metric.source.ingestionDelayMs,
      ...range,
    });
  }
}

export interface SeriesRange {
  startMs: number;
  endMs: number;
  periodS: number;
  keepValues: boolean;
}
