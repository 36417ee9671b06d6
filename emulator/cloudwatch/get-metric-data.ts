// GetMetricData: up to 500 MetricStat queries; results paginated by datapoints across queries (query order,
// then ScanBy order within a query). Expressions (metric math / Metrics Insights) are not evaluated.
import type { RequestContext } from "../core/types";
import { invalidNextToken } from "./errors";
import { hashString } from "./hash";
import { parseGetMetricData, type GetMetricDataRequest, type ParsedQuery } from "./get-metric-data-input";
import { MetricResolver } from "./metric-source";
import { computeStat, needsValues } from "./stats";
import { decodeToken, encodeToken } from "./wire";

/** AWS's own default page is 100,800 datapoints; ours is smaller so clients exercise NextToken in demo and tests. */
export const DEFAULT_MAX_DATAPOINTS = 100_800;
const AWS_MAX_DATAPOINTS = 100_800;

interface MessageData {
  Code: string;
  Value: string;
}

interface ComputedResult {
  id: string;
  label: string;
  /** epoch seconds, already in ScanBy order */
  timestamps: number[];
  values: number[];
  error?: MessageData;
}

export interface MetricDataResultOut {
  Id: string;
  Label: string;
  Timestamps: number[];
  Values: number[];
  StatusCode: "Complete" | "PartialData" | "InternalError" | "Forbidden";
  Messages: MessageData[];
}

export interface GetMetricDataOut {
  MetricDataResults: MetricDataResultOut[];
  Messages: MessageData[];
  NextToken?: string;
}

// Queries are computed lazily, in order, only as far as the requested page needs, and kept for the following pages
// (same request, same frozen clock): the data is a pure function of the timeline before `now`, so recomputing would
// give the same answer, only slower. A page therefore costs about its own size, not the size of the whole answer.
interface Computation {
  queries: ParsedQuery[];
  request: GetMetricDataRequest;
  resolver: MetricResolver;
  results: ComputedResult[];
  total: number;
}

const computations = new Map<string, Computation>();
const CACHE_LIMIT = 8;

const STATUS_MESSAGES = {
  Forbidden: "You are not authorized to retrieve this metric.",
  InternalError: "An internal error occurred while retrieving this metric. Try again later.",
} as const;

export function getMetricData(input: unknown, ctx: RequestContext): GetMetricDataOut {
  const request = parseGetMetricData(input);
  if (ctx.metricStatus) return everyResult(request, ctx.metricStatus);
  const fingerprint = fingerprintOf(input, ctx);
  const page = readPageToken(request.nextToken, fingerprint);
  const nowMs = page?.nowMs ?? ctx.now;
  const cacheKey = `${fingerprint}:${nowMs}`;
  let computation = page ? computations.get(cacheKey) : undefined;
  if (!computation) {
    computation = {
      queries: request.queries.filter((query) => query.returnData),
      request,
      resolver: new MetricResolver(ctx, nowMs),
      results: [],
      total: 0,
    };
  }
  const offset = page?.offset ?? 0;
  const pageSize = pageSizeOf(request);
  computeUntil(computation, offset + pageSize);
  const out = paginate(computation, offset, pageSize, fingerprint, nowMs);
  computations.delete(cacheKey);
  if (out.NextToken) {
    computations.set(cacheKey, computation);
    if (computations.size > CACHE_LIMIT) computations.delete(computations.keys().next().value!);
  }
  return out;
}

/** Injected fault: HTTP 200, but every result carries `status`, no datapoints and a message saying why. */
function everyResult(request: GetMetricDataRequest, status: keyof typeof STATUS_MESSAGES): GetMetricDataOut {
  const results = request.queries
    .filter((query) => query.returnData)
    .map((query): MetricDataResultOut => ({
      Id: query.id,
      Label: query.label,
      Timestamps: [],
      Values: [],
      StatusCode: status,
      Messages: [{ Code: status, Value: STATUS_MESSAGES[status] }],
    }));
  return { MetricDataResults: results, Messages: [] };
}

/** Computes further queries until more than `datapoints` are known (or none is left). */
function computeUntil(computation: Computation, datapoints: number): void {
  const { queries, results } = computation;
  while (results.length < queries.length && computation.total <= datapoints) {
    const result = computeOne(queries[results.length]!, computation.request, computation.resolver);
    results.push(result);
    computation.total += result.timestamps.length;
  }
}

function pageSizeOf(request: GetMetricDataRequest): number {
  const fromEnv = Number(process.env.EMULATOR_CW_MAX_DATAPOINTS);
  const fallback = Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_MAX_DATAPOINTS;
  return Math.min(request.maxDatapoints ?? fallback, AWS_MAX_DATAPOINTS);
}

function fingerprintOf(input: unknown, ctx: RequestContext): string {
  const { NextToken: _token, MaxDatapoints: _max, ...rest } = (input ?? {}) as Record<string, unknown>;
  return hashString(`${ctx.accountId}/${ctx.region}/${JSON.stringify(rest)}`).toString(36);
}

function readPageToken(token: unknown, fingerprint: string): { offset: number; nowMs: number } | undefined {
  if (token === undefined || token === null || token === "") return undefined;
  const payload = decodeToken(token);
  const offset = payload?.o;
  const nowMs = payload?.n;
  if (
    !payload ||
    payload.f !== fingerprint ||
    !Number.isInteger(offset) ||
    (offset as number) < 0 ||
    typeof nowMs !== "number"
  ) {
    throw invalidNextToken("The service couldn't process the provided NextToken.");
  }
  return { offset: offset as number, nowMs };
}

function computeOne(query: ParsedQuery, request: GetMetricDataRequest, resolver: MetricResolver): ComputedResult {
  const base = { id: query.id, label: query.label, timestamps: [] as number[], values: [] as number[] };
  if (query.kind === "expression") {
    const error = {
      Code: "UnsupportedExpression",
      Value: "Metric math and Metrics Insights expressions are not supported by this emulator.",
    };
    return { ...base, error };
  }
  const metric = resolver.resolve(query.namespace, query.metricName, query.dimensions);
  // CloudWatch never converts units: a Unit that differs from the stored one matches nothing.
  if (!metric || (query.unit !== undefined && query.unit !== metric.def.unit)) return base;
  const buckets = resolver.series(metric, {
    startMs: request.startMs,
    endMs: request.endMs,
    periodS: query.periodS,
    keepValues: needsValues(query.stat),
  });
  if (!request.ascending) buckets.reverse();
  for (const bucket of buckets) {
    base.timestamps.push(bucket.t / 1000);
    base.values.push(computeStat(bucket, query.stat));
  }
  return base;
}

function paginate(
  computation: Computation,
  offset: number,
  pageSize: number,
  fingerprint: string,
  nowMs: number,
): GetMetricDataOut {
  const pageEnd = offset + pageSize;
  let cursor = 0;
  const results = computation.queries.map((query, i): MetricDataResultOut => {
    const result = computation.results[i];
    if (!result) {
      // Not reached yet: its datapoints come on a later page.
      return { Id: query.id, Label: query.label, Timestamps: [], Values: [], StatusCode: "PartialData", Messages: [] };
    }
    const first = cursor;
    cursor += result.timestamps.length;
    const from = Math.max(0, offset - first);
    const to = Math.max(from, Math.min(result.timestamps.length, pageEnd - first));
    return {
      Id: result.id,
      Label: result.label,
      Timestamps: result.timestamps.slice(from, to),
      Values: result.values.slice(from, to),
      StatusCode: result.error ? "InternalError" : cursor > pageEnd ? "PartialData" : "Complete",
      Messages: result.error ? [result.error] : [],
    };
  });
  const out: GetMetricDataOut = { MetricDataResults: results, Messages: [] };
  const more = computation.total > pageEnd || computation.results.length < computation.queries.length;
  if (more) out.NextToken = encodeToken({ f: fingerprint, o: pageEnd, n: nowMs });
  return out;
}
