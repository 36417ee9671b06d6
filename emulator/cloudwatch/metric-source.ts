// Resolves a CloudWatch metric identity (namespace, name, dimensions) to an application's synthetic series.
import type { EmuApp, EmuDurations, RequestContext } from "../core/types";
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
import { planSpans, loopShapeFor, type JobSpan } from "./synth-spans";
import { aggregateSeries, baseStepFor } from "./synth-series";
import type { SynthEnv } from "./synth-values";
import type { BucketSummary } from "./stats";

export interface AppMetrics {
  app: EmuApp;
  spans: JobSpan[];
  env: SynthEnv;
  baseMs: number;
}

export interface ResolvedMetric {
  source: AppMetrics;
  def: MetricDef;
}

export function buildAppMetrics(app: EmuApp, durations: EmuDurations): AppMetrics {
  const shape = loopShapeFor(durations.restartLoopIntervalMs);
  return {
    app,
    spans: planSpans(app.timeline, shape),
    // The ARN, not just the name: same-named apps in two regions or accounts must not share their noise.
    env: { seed: hashString(app.arn || app.name), profile: app.profile, shape },
    baseMs: baseStepFor(shape.intervalMs),
  };
}

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
    if (!sameDimensions(metricDimensions(def, source.app), dimensions)) return undefined;
    return { source, def };
  }

  series(metric: ResolvedMetric, range: SeriesRange): BucketSummary[] {
    return aggregateSeries({
      spans: metric.source.spans,
      def: metric.def,
      env: metric.source.env,
      baseMs: metric.source.baseMs,
      nowMs: this.nowMs,
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
