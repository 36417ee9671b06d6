// Which dimension sets an application's metrics are actually published with, from ListMetrics. The 2.2 job-state
// metrics (runningTime, restartingTime, …) are documented at level "Application, Flow" with no documented Flow
// value, so no query may assume {Application}: each one takes the set ListMetrics lists for its metric.
import type { AwsScope } from "@/lib/aws/accounts";
import { paginateListMetrics } from "@aws-sdk/client-cloudwatch";
import { cloudWatchClient } from "@/lib/aws/clients";
import { describeAwsError } from "@/lib/aws/errors";
import { metricCadenceMs } from "./cadence";
import type { Dimension } from "./catalog";
import { metricNamespace } from "./fetch-metric-data";

/** metric name → every dimension set ListMetrics listed it with (for one application). */
export type DimensionSets = ReadonlyMap<string, readonly Dimension[][]>;

export interface DimensionDiscovery {
  sets: DimensionSets;
  discoveredAt: number;
  /** Why ListMetrics could not be read (queries then fall back to the catalog's sets); null when it was. */
  problem: string | null;
}

export const DIMENSION_CACHE_MS = 5 * 60_000;
const FAILED_DISCOVERY_CACHE_MS = 30_000;

interface CacheEntry {
  discovery: Promise<DimensionDiscovery>;
  settled: DimensionDiscovery | null;
  expiresAt: number;
}

const cache = new Map<string, CacheEntry>();
const keyOf = (scope: AwsScope, application: string) => `${scope.account}/${scope.region}/${application}`;

async function listDimensionSets(scope: AwsScope, application: string): Promise<DimensionDiscovery> {
  const sets = new Map<string, Dimension[][]>();
  try {
    const pages = paginateListMetrics(
      { client: cloudWatchClient(scope) },
      { Namespace: metricNamespace, Dimensions: [{ Name: "Application", Value: application }] },
    );
    for await (const page of pages) {
      for (const metric of page.Metrics ?? []) {
        if (!metric.MetricName) continue;
        const dimensions = (metric.Dimensions ?? []).flatMap((d) =>
          d.Name && d.Value !== undefined ? [{ Name: d.Name, Value: d.Value }] : [],
        );
        sets.set(metric.MetricName, [...(sets.get(metric.MetricName) ?? []), dimensions]);
      }
    }
    return { sets, discoveredAt: Date.now(), problem: null };
  } catch (error) {
    const { kind, message } = describeAwsError(error);
    const problem =
      kind === "forbidden"
        ? `CloudWatch refused ListMetrics for ${application} in ${scope.region}: check cloudwatch:ListMetrics permission`
        : `ListMetrics failed for ${application} in ${scope.region}: ${message}`;
    return { sets: new Map(), discoveredAt: Date.now(), problem: `${problem}; querying the documented dimensions` };
  }
}

/** The application's dimension sets, from ListMetrics at most every DIMENSION_CACHE_MS (concurrent callers share). */
export async function discoverDimensions(scope: AwsScope, application: string): Promise<DimensionDiscovery> {
  const key = keyOf(scope, application);
  const cached = cache.get(key);
  if (cached && (cached.settled === null || Date.now() < cached.expiresAt)) return cached.discovery;
  const entry: CacheEntry = { discovery: listDimensionSets(scope, application), settled: null, expiresAt: 0 };
  cache.set(key, entry);
  const discovery = await entry.discovery;
  entry.settled = discovery;
  // A failed listing is retried sooner than a good one is refreshed.
  entry.expiresAt = discovery.discoveredAt + (discovery.problem ? FAILED_DISCOVERY_CACHE_MS : DIMENSION_CACHE_MS);
  return discovery;
}

/**
 * Queries returned nothing for `emptyMetrics`. Those ListMetrics did not list may have appeared since (an upgrade
 * brings new metrics, and a new metric takes a while to be listed), so the next fetch lists again, but not more often
 * than MSF publishes, so an application that simply lacks such a metric does not cost a ListMetrics per poll.
 */
export function rediscoverUnlisted(scope: AwsScope, application: string, emptyMetrics: readonly string[]): void {
  const key = keyOf(scope, application);
  const settled = cache.get(key)?.settled;
  if (!settled || Date.now() - settled.discoveredAt < metricCadenceMs()) return;
  if (emptyMetrics.some((metric) => !settled.sets.has(metric))) cache.delete(key);
}

/** Forgets every discovery (tests, or after the IAM policy changed). */
export function forgetDimensions(): void {
  cache.clear();
}

const sameDimension = (a: Dimension, b: Dimension) => a.Name === b.Name && a.Value === b.Value;
const contains = (set: readonly Dimension[], wanted: readonly Dimension[]) =>
  wanted.every((w) => set.some((d) => sameDimension(d, w)));

/**
 * The dimension set to query `metric` with: the documented set when ListMetrics lists exactly it, else the smallest
 * listed set that contains it (e.g. {Application, Flow=…} for runningTime), else the documented set.
 */
export function pickDimensions(sets: DimensionSets | undefined, metric: string, documented: Dimension[]): Dimension[] {
  const listed = (sets?.get(metric) ?? []).filter((set) => contains(set, documented));
  const exact = listed.find((set) => set.length === documented.length);
  if (exact) return documented;
  const smallest = [...listed].sort(
    (a, b) => a.length - b.length || JSON.stringify(a).localeCompare(JSON.stringify(b)),
  );
  return smallest[0] ? [...smallest[0]] : documented;
}
