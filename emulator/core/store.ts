// State per account + region, seeded lazily on first access and advanced lazily on every read.
import { seedAlarms } from "../cloudwatch/alarms";
import type { LogQuery } from "../logs/insights/query-store";
import type { MsfApp } from "../msf/model";
import { advanceApp } from "../msf/transitions";
import { S3Store } from "../s3/store";
import { EXTRA_FLEET_ACCOUNTS } from "../seed/accounts";
import {
  planExtraFleet,
  planFleet,
  seedRegionApps,
  seedRegionCode,
  type FleetOptions,
  type FleetPlan,
} from "../seed/index";
import { DEFAULT_ACCOUNT_ID } from "../seed/spec";
import type { Speed } from "./control-types";
import { durationsFor } from "./durations";
import type { EmuAlarm, EmuDurations, EmuStore } from "./types";

export interface StoreOptions extends FleetOptions {
  speed?: Speed;
  durations?: Partial<EmuDurations>;
}

interface RegionState {
  apps: Map<string, MsfApp>;
  alarms: EmuAlarm[];
  /** Logs Insights queries started in this account + region, oldest first. */
  logQueries: LogQuery[];
}

export class Store implements EmuStore {
  readonly durations: EmuDurations;
  readonly speed: Speed;
  private readonly plan: FleetPlan;
  /** The extra demo accounts' own plans; every other account gets `plan`. */
  private readonly accountPlans: Map<string, FleetPlan>;
  private seedAt = 0;
  private accounts = new Map<string, Map<string, RegionState>>();
  /** S3 (path-style on the same endpoint): the fleet's code buckets, seeded with the regions. */
  readonly s3: S3Store = new S3Store({
    bucket: (name) => {
      const match = /^flink-artifacts-(\d{12})-([a-z0-9-]+)$/.exec(name);
      if (match && this.plan.has(match[2]!)) this.region(match[1]!, match[2]!);
    },
    account: (accountId) => this.materialise(accountId),
  });

  constructor(
    options: StoreOptions = {},
    private readonly clock: () => number = Date.now,
  ) {
    this.speed = options.speed ?? "demo";
    this.durations = durationsFor(this.speed, options.durations);
    this.plan = planFleet(options);
    this.accountPlans = new Map(EXTRA_FLEET_ACCOUNTS.map((a) => [a.id, planExtraFleet(a, options)]));
    this.reset();
  }

  /**
   * Back to the seed: every account is re-seeded relative to the current time. Only the default account is
   * materialised here; the others (extra demo accounts included) on first use, so state listings stay as before.
   */
  reset(): void {
    this.seedAt = this.clock();
    this.accounts = new Map();
    this.s3.reset();
    for (const region of this.fleetRegions()) this.region(DEFAULT_ACCOUNT_ID, region);
  }

  /** Seeds every fleet region of an account (e.g. for GET /_emulator/state?account=). */
  materialise(accountId: string): void {
    for (const region of this.fleetRegions()) this.region(accountId, region);
  }

  fleetRegions(): string[] {
    return [...this.plan.keys()];
  }

  accountIds(): string[] {
    return [...this.accounts.keys()];
  }

  /** Regions materialised for an account (seeded regions plus any region that was called). */
  regionsOf(accountId: string): string[] {
    return [...(this.accounts.get(accountId)?.keys() ?? [])];
  }

  private region(accountId: string, region: string): RegionState {
    let regions = this.accounts.get(accountId);
    if (!regions) {
      regions = new Map();
      this.accounts.set(accountId, regions);
    }
    let state = regions.get(region);
    if (!state) {
      const plan = this.accountPlans.get(accountId) ?? this.plan;
      const apps = seedRegionApps(plan, accountId, region, this.seedAt);
      state = {
        apps: new Map(apps.map((a) => [a.name, a])),
        alarms: apps.length ? seedAlarms(apps, accountId, region) : [],
        logQueries: [],
      };
      regions.set(region, state);
      for (const bucket of seedRegionCode(plan, apps, region, this.seedAt)) {
        this.s3.defineSeedBucket(bucket.name, accountId, region, bucket.createdAt, bucket.objects);
      }
    }
    return state;
  }

  apps(accountId: string, region: string, now: number): MsfApp[] {
    const apps = [...this.region(accountId, region).apps.values()];
    for (const app of apps) advanceApp(app, now, this.durations);
    return apps.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  app(accountId: string, region: string, name: string, now: number): MsfApp | undefined {
    const app = this.region(accountId, region).apps.get(name);
    if (app) advanceApp(app, now, this.durations);
    return app;
  }

  alarms(accountId: string, region: string): EmuAlarm[] {
    return this.region(accountId, region).alarms;
  }

  putAlarm(accountId: string, region: string, alarm: EmuAlarm): void {
    const state = this.region(accountId, region);
    state.alarms = [...state.alarms.filter((a) => a.AlarmName !== alarm.AlarmName), alarm];
  }

  logQueries(accountId: string, region: string): LogQuery[] {
    return this.region(accountId, region).logQueries;
  }

  deleteApp(accountId: string, region: string, name: string): boolean {
    return this.region(accountId, region).apps.delete(name);
  }
}
