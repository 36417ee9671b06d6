// ListMetrics: the metrics an account+region's applications actually published, like CloudWatch: a metric is listed
// when it has a readable datapoint (grid time t with t + ingestion delay <= now) in the last two weeks (or three
// hours with RecentlyActive=PT3H), under exactly the dimension set it is published with. So an app upgraded to
// FLINK-2_2 still lists fullRestarts until its last 1.x datapoint ages out; an app that ran 2.2 for the whole window
// never lists it; a silent job lists nothing new.
import type { RequestContext } from "../core/types";
import { invalidParameterValue } from "./errors";
import {
  appliesToProfile,
  metricDimensions,
  METRIC_DEFS,
  NAMESPACE,
  publishedBy,
  type Dimension,
} from "./metric-catalog";
import { buildAppMetrics, cadenceOf, type AppMetrics } from "./metric-source";
import { asBody, decodeToken, encodeToken } from "./wire";

export const LIST_METRICS_PAGE_SIZE = 500;
const TWO_WEEKS_MS = 14 * 24 * 3_600_000;
const THREE_HOURS_MS = 3 * 3_600_000;

interface MetricOut {
  Namespace: string;
  MetricName: string;
  Dimensions: Dimension[];
}

interface DimensionFilter {
  Name: string;
  Value?: string;
}

export function listMetrics(
  input: unknown,
  ctx: RequestContext,
  pageSize = LIST_METRICS_PAGE_SIZE,
): { Metrics: MetricOut[]; NextToken?: string } {
  const body = asBody(input);
  if (body.RecentlyActive !== undefined && body.RecentlyActive !== "PT3H") {
    throw invalidParameterValue("The parameter RecentlyActive must be a value in the set [ PT3H ].");
  }
  const filters = readFilters(body.Dimensions);
  const offset = readOffset(body.NextToken);
  if (body.Namespace !== undefined && body.Namespace !== NAMESPACE) return { Metrics: [] };
  const windowStart = ctx.now - (body.RecentlyActive === "PT3H" ? THREE_HOURS_MS : TWO_WEEKS_MS);
  const metricName = typeof body.MetricName === "string" ? body.MetricName : undefined;
  const all: MetricOut[] = [];
  const apps = [...ctx.store.apps(ctx.accountId, ctx.region, ctx.now)].sort((a, b) => a.name.localeCompare(b.name));
  for (const app of apps) {
    const source = buildAppMetrics(app, ctx.durations);
    for (const def of METRIC_DEFS) {
      if (metricName !== undefined && def.name !== metricName) continue;
      if (!appliesToProfile(def, app.profile) || !publishedInWindow(source, def, windowStart, ctx.now)) continue;
      const dimensions = metricDimensions(def, app, ctx.settings);
      const matches = (f: DimensionFilter) =>
        dimensions.some((d) => d.Name === f.Name && (f.Value === undefined || d.Value === f.Value));
      if (filters.every(matches)) all.push({ Namespace: NAMESPACE, MetricName: def.name, Dimensions: dimensions });
    }
  }
  const page = all.slice(offset, offset + pageSize);
  return offset + pageSize < all.length
    ? { Metrics: page, NextToken: encodeToken({ o: offset + pageSize }) }
    : { Metrics: page };
}

function publishedInWindow(
  source: AppMetrics,
  def: (typeof METRIC_DEFS)[number],
  windowStart: number,
  nowMs: number,
): boolean {
  const readableUntil = nowMs - source.ingestionDelayMs;
  const grid = cadenceOf(source, def);
  return source.spans.some((span) => {
    if (!publishedBy(def, span.family)) return false;
    const firstPoint = Math.ceil(Math.max(span.start, windowStart) / grid) * grid;
    return firstPoint < span.end && firstPoint <= readableUntil;
  });
}

function readFilters(value: unknown): DimensionFilter[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > 10) {
    throw invalidParameterValue("The collection Dimensions must not have a size greater than 10.");
  }
  return value.map((item: unknown, i) => {
    const filter = asBody(item);
    if (typeof filter.Name !== "string") {
      throw invalidParameterValue(`The parameter Dimensions.member.${i + 1}.Name is required.`);
    }
    return typeof filter.Value === "string" ? { Name: filter.Name, Value: filter.Value } : { Name: filter.Name };
  });
}

function readOffset(token: unknown): number {
  if (token === undefined || token === null || token === "") return 0;
  const offset = decodeToken(token)?.o;
  if (!Number.isInteger(offset) || (offset as number) < 0) throw invalidParameterValue("Invalid NextToken.");
  return offset as number;
}
