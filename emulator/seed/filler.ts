// Generated applications that fill the demo fleet and make up large fleets (e.g. 5000 apps over 10 regions).
import { createPrng, type Prng } from "../core/prng";
import type { RuntimeEnvironment, Scenario } from "../core/types";
import { profileFor } from "./demo-fleet";
import type { AppSpec } from "./spec";

const DOMAINS = [
  "cart",
  "checkout",
  "catalog",
  "search",
  "pricing",
  "shipping",
  "returns",
  "reviews",
  "wallet",
  "invoice",
  "tax",
  "fleet",
  "route",
  "parcel",
  "beacon",
  "meter",
  "grid",
  "trade",
  "quote",
  "claims",
  "policy",
  "patient",
  "booking",
  "seat",
  "menu",
  "coupon",
  "stock",
  "vendor",
  "audit",
  "session",
  "signup",
  "profile",
  "feed",
];
const NOUNS = ["events", "metrics", "signals", "updates", "ticks", "alerts", "scores", "stats", "logs", "changes"];
const ROLES = [
  "aggregator",
  "enricher",
  "deduplicator",
  "router",
  "joiner",
  "validator",
  "windower",
  "forwarder",
  "normalizer",
  "projector",
  "detector",
  "compactor",
];
const TEAMS = ["commerce", "growth", "risk", "logistics", "iot", "finance", "ads", "platform", "ml", "ops"];
const OWNERS = [
  "alex.morgan",
  "priya.shah",
  "sam.lee",
  "maria.garcia",
  "tom.becker",
  "li.wei",
  "nina.patel",
  "omar.haddad",
  "chloe.martin",
  "emma.jones",
  "lena.schmidt",
  "jack.wilson",
  "ana.silva",
  "kai.nguyen",
  "yuki.tanaka",
];
// Weighted toward the runtimes real fleets run today.
const RUNTIME_WEIGHTS: [RuntimeEnvironment, number][] = [
  ["FLINK-1_6", 1],
  ["FLINK-1_8", 2],
  ["FLINK-1_11", 4],
  ["FLINK-1_13", 7],
  ["FLINK-1_15", 12],
  ["FLINK-1_18", 12],
  ["FLINK-1_19", 9],
  ["FLINK-1_20", 12],
  ["FLINK-2_2", 3],
];
const SCENARIO_WEIGHTS: [Scenario, number][] = [
  ["healthy", 58],
  ["state-incompatible", 10],
  ["binary-incompatible", 10],
  ["slow-checkpoints", 10],
  ["stuck-updating", 4],
  ["rollback-fails", 8],
];

function weighted<T>(rng: Prng, table: [T, number][]): T {
  const total = table.reduce((sum, [, w]) => sum + w, 0);
  let roll = rng.next() * total;
  for (const [value, weight] of table) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return table[0]![0];
}

export interface FillerNaming {
  /** PRNG seed prefix; the default account keeps "filler" so its fleet never changes. */
  seed: string;
  /** Prepended to every name (other accounts' fillers never share a name with the default fleet). */
  prefix: string;
}

const DEFAULT_NAMING: FillerNaming = { seed: "filler", prefix: "" };

/** `count` filler apps for one region; names never collide with `taken`. */
export function fillerApps(
  region: string,
  count: number,
  taken: Set<string>,
  naming: FillerNaming = DEFAULT_NAMING,
): AppSpec[] {
  const specs: AppSpec[] = [];
  for (let i = 0; specs.length < count; i++) {
    const rng = createPrng(`${naming.seed}#${region}#${i}`);
    let name = `${naming.prefix}${rng.pick(DOMAINS)}-${rng.pick(NOUNS)}-${rng.pick(ROLES)}`;
    if (taken.has(name)) name = `${name}-${i}`;
    if (taken.has(name)) continue;
    taken.add(name);
    specs.push(fillerSpec(region, name, rng));
  }
  return specs;
}

function fillerSpec(region: string, name: string, rng: Prng): AppSpec {
  const language = rng.chance(0.2) ? "python" : "java";
  const runtime = weighted(rng, RUNTIME_WEIGHTS);
  const ready = rng.chance(0.12);
  const parallelism = rng.pick([1, 2, 2, 4, 4, 4, 8, 8, 12, 16, 24, 32]);
  const source = rng.chance(0.6)
    ? { kind: "kinesis" as const, streamName: `${name.split("-").slice(0, 2).join("-")}`, efo: rng.chance(0.4) }
    : { kind: "kafka" as const, topic: name.split("-").slice(0, 2).join(".") };
  const snapshotCount = rng.pick([0, 1, 1, 2, 2, 3]);
  const snapshotAgesDays = Array.from({ length: snapshotCount }, () => rng.pick([0.5, 1, 2, 5, 9, 14, 40, 60])).sort(
    (a, b) => a - b,
  );
  const upgraded = runtime === "FLINK-2_2";
  return {
    name,
    region,
    runtime,
    language,
    status: ready ? "READY" : "RUNNING",
    scenario: weighted(rng, SCENARIO_WEIGHTS),
    snapshotsEnabled: rng.chance(0.8),
    rollbackEnabled: rng.chance(0.55),
    parallelism,
    perKpu: rng.pick([1, 1, 1, 2, 4]),
    autoScaling: rng.chance(0.6),
    source,
    team: rng.pick(TEAMS),
    env: rng.pick(["prod", "prod", "prod", "staging", "dev"] as const),
    owner: rng.pick(OWNERS),
    description: "",
    createdDaysAgo: rng.int(20, 900),
    versionCount: rng.int(1, 6),
    snapshotAgesDays,
    ...(ready ? { stoppedHoursAgo: rng.pick([2, 10, 30, 100, 400, 1200]) } : {}),
    ...(rng.chance(0.15) ? { maintenanceHoursAgo: rng.int(4, 60) } : {}),
    ...(upgraded ? { upgradedFrom: "FLINK-1_20", upgradedHoursAgo: rng.int(5, 400) } : {}),
    profile: profileFor(`${region}/${name}`, parallelism),
  };
}
