// Fleet plan: which applications exist in which region. Every account gets the demo plan (own ARNs/state),
// except the two extra demo accounts, which get smaller fleets of their own (seed/accounts.ts).
import { DEFAULT_EXTRA_ACCOUNT_APPS, SHARED_APP_NAME, SHARED_APP_REGION, type ExtraFleetAccount } from "./accounts";
import { demoStars } from "./demo-fleet";
import { fillerApps, type FillerNaming } from "./filler";
import { DAY, REGION_POOL, type AppSpec } from "./spec";
import { buildApp } from "./build-app";
import type { MsfApp } from "../msf/model";
import { bucketOfArn, codeObjectsOf, type SeedCodeObject } from "./code-objects";

export const DEMO_APPS = 72;
export const DEMO_REGIONS = 3;

export interface FleetOptions {
  /** Total applications over all regions (default: the 72-app demo fleet). */
  apps?: number;
  /** Number of regions, taken in order from REGION_POOL (default 3). */
  regions?: number;
  /** Applications of each extra demo account (210987654321, 345678901234); default 12, 0 = empty fleets. */
  extraAccountApps?: number;
}

export type FleetPlan = Map<string, AppSpec[]>;

function fleetRegionsOf(options: FleetOptions): string[] {
  const regionCount = Math.max(1, Math.min(REGION_POOL.length, Math.floor(options.regions ?? DEMO_REGIONS)));
  return REGION_POOL.slice(0, regionCount);
}

export function planFleet(options: FleetOptions = {}): FleetPlan {
  const total = Math.max(0, Math.floor(options.apps ?? DEMO_APPS));
  const regions = fleetRegionsOf(options);
  const stars = demoStars()
    .filter((s) => regions.includes(s.region))
    .slice(0, total);
  return fillUp(regions, total, stars);
}

/** An extra demo account's fleet: the shared app in us-east-1 plus prefixed fillers, `extraAccountApps` in all. */
export function planExtraFleet(account: ExtraFleetAccount, options: FleetOptions = {}): FleetPlan {
  const total = Math.max(0, Math.floor(options.extraAccountApps ?? DEFAULT_EXTRA_ACCOUNT_APPS));
  const regions = fleetRegionsOf(options);
  const original = demoStars().find((s) => s.name === SHARED_APP_NAME && s.region === SHARED_APP_REGION);
  const shared: AppSpec[] =
    original && total > 0
      ? [{ ...original, ...account.shared, description: `${original.description} (${account.id})` }]
      : [];
  return fillUp(regions, total, shared, { seed: `filler#${account.id}`, prefix: account.prefix });
}

/** Even totals per region where the fixed apps allow it; the sum is exactly `total`. */
function fillUp(regions: string[], total: number, fixed: AppSpec[], naming?: FillerNaming): FleetPlan {
  const plan: FleetPlan = new Map(regions.map((r) => [r, fixed.filter((s) => s.region === r)]));
  let left = total - fixed.length;
  regions.forEach((region, i) => {
    const specs = plan.get(region) ?? [];
    const target = Math.floor(total / regions.length) + (i < total % regions.length ? 1 : 0);
    const count = Math.min(left, Math.max(0, target - specs.length));
    left -= count;
    plan.set(region, [...specs, ...fillerApps(region, count, new Set(specs.map((s) => s.name)), naming)]);
  });
  return plan;
}

export function seedRegionApps(plan: FleetPlan, accountId: string, region: string, seedAt: number): MsfApp[] {
  return (plan.get(region) ?? []).map((spec) => buildApp(spec, accountId, seedAt));
}

export interface SeedBucket {
  name: string;
  /** Before the oldest app of the region. */
  createdAt: number;
  objects: SeedCodeObject[];
}

/** The code buckets of one seeded region and what they hold (bytes are written later, on first read). */
export function seedRegionCode(plan: FleetPlan, apps: MsfApp[], region: string, seedAt: number): SeedBucket[] {
  const specs = new Map((plan.get(region) ?? []).map((s) => [s.name, s]));
  const buckets = new Map<string, SeedBucket>();
  for (const app of apps) {
    const spec = specs.get(app.name);
    const bucketArn = app.versions[0]?.config.code.bucketArn;
    if (!spec || !bucketArn) continue;
    const name = bucketOfArn(bucketArn);
    const bucket = buckets.get(name) ?? { name, createdAt: app.createdAt, objects: [] };
    bucket.createdAt = Math.min(bucket.createdAt, app.createdAt - DAY);
    bucket.objects.push(...codeObjectsOf(spec, app, seedAt));
    buckets.set(name, bucket);
  }
  return [...buckets.values()];
}
