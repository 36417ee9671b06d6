// The hand-written part of the demo fleet: memorable apps that carry every scenario (README lists them).
import { createPrng } from "../core/prng";
import type { AppSpec } from "./spec";

type Overrides = Partial<AppSpec> & Pick<AppSpec, "runtime">;

export function profileFor(name: string, parallelism: number): AppSpec["profile"] {
  const rng = createPrng(`profile#${name}`);
  return {
    checkpointDurationMs: rng.int(300, 4_000),
    checkpointSizeBytes: rng.int(2, 400) * 1024 * 1024 * Math.max(1, Math.round(parallelism / 4)),
    cpuPct: rng.int(12, 68),
    heapPct: rng.int(25, 72),
  };
}

function star(region: string, name: string, o: Overrides): AppSpec {
  const parallelism = o.parallelism ?? 4;
  const base: AppSpec = {
    name, region, language: "java", status: "RUNNING", scenario: "healthy",
    snapshotsEnabled: true, rollbackEnabled: true, parallelism, perKpu: 1, autoScaling: true,
    source: { kind: "kinesis", streamName: `${name}-input`, efo: false },
    team: "data-platform", env: "prod", owner: "alex.morgan", description: "",
    createdDaysAgo: 400, versionCount: 6, snapshotAgesDays: [1, 6], profile: profileFor(name, parallelism),
    runtime: o.runtime,
  };
  return { ...base, ...o };
}

const kafka = (topic: string) => ({ kind: "kafka" as const, topic });
const kinesis = (streamName: string, efo = false) => ({ kind: "kinesis" as const, streamName, efo });

export function demoStars(): AppSpec[] {
  const use1 = "us-east-1";
  const euw1 = "eu-west-1";
  const apse2 = "ap-southeast-2";
  return [
    // The app the "Migrate to Apache Flink 2.2" blog walks through (seed 001): rollback and snapshots start off.
    star(use1, "MyApplication", {
      runtime: "FLINK-1_20", snapshotsEnabled: false, rollbackEnabled: false, env: "staging", team: "streaming",
      owner: "jane.doe", description: "Blog walkthrough application", versionCount: 3, snapshotAgesDays: [12],
      source: kinesis("my-stream"),
    }),
    star(use1, "orders-enricher", {
      runtime: "FLINK-1_20", parallelism: 8, source: kinesis("orders", true), team: "commerce", owner: "priya.shah",
      description: "Joins orders with customer profiles", maintenanceHoursAgo: 30,
    }),
    star(use1, "clickstream-sessionizer", {
      runtime: "FLINK-1_15", scenario: "state-incompatible", parallelism: 12, perKpu: 2, source: kafka("clickstream"),
      team: "growth", owner: "sam.lee", description: "Session windows over web clicks (POJO state with HashMap)",
    }),
    star(use1, "payments-fraud-scorer", {
      runtime: "FLINK-1_19", scenario: "binary-incompatible", source: kinesis("payments", true), team: "risk",
      owner: "maria.garcia", description: "Scores card payments (uses FlinkKinesisConsumer)",
    }),
    star(use1, "inventory-sync", {
      runtime: "FLINK-1_18", scenario: "binary-incompatible", rollbackEnabled: false, env: "staging",
      source: kafka("inventory-changes"), team: "supply", owner: "tom.becker",
    }),
    star(use1, "ad-impressions-aggregator", {
      runtime: "FLINK-1_20", scenario: "slow-checkpoints", parallelism: 16, perKpu: 4, team: "ads", owner: "li.wei",
      source: kinesis("ad-impressions"),
    }),
    star(use1, "fulfilment-tracker", {
      runtime: "FLINK-1_13", scenario: "stuck-updating", team: "logistics", owner: "nina.patel",
      source: kinesis("fulfilment-events"),
    }),
    star(use1, "ledger-reconciler", {
      runtime: "FLINK-1_15", scenario: "rollback-fails", source: kafka("ledger-entries"), team: "finance",
      owner: "omar.haddad", description: "Reconciles ledger entries against bank statements",
    }),
    star(use1, "legacy-geo-filter", {
      runtime: "FLINK-1_6", team: "maps", owner: "ivan.petrov", snapshotAgesDays: [3, 40], autoScaling: false,
      description: "Still on Flink 1.6: needs an intermediate hop before 1.18+",
    }),
    star(use1, "sensor-ingest-py", {
      runtime: "FLINK-1_19", language: "python", team: "iot", owner: "chloe.martin", source: kinesis("sensor-readings", true),
    }),
    star(use1, "sql-anomaly-detector", {
      runtime: "SQL-1_0", language: "sql", team: "ops", owner: "raj.kumar", snapshotsEnabled: false,
      rollbackEnabled: false, snapshotAgesDays: [], parallelism: 1, autoScaling: false, versionCount: 4,
    }),
    star(use1, "analytics-studio", {
      runtime: "ZEPPELIN-FLINK-3_0", language: "studio", team: "analytics", owner: "emma.jones", env: "dev",
      snapshotsEnabled: false, rollbackEnabled: false, snapshotAgesDays: [], parallelism: 4, versionCount: 2,
    }),
    star(use1, "recommendations-v2", {
      runtime: "FLINK-2_2", upgradedFrom: "FLINK-1_20", upgradedHoursAgo: 20, source: kafka("product-views"),
      team: "growth", owner: "sam.lee", parallelism: 6,
    }),
    star(use1, "order-audit-archiver", {
      runtime: "FLINK-1_11", status: "READY", stoppedHoursAgo: 30 * 24, env: "dev", snapshotAgesDays: [40],
      team: "commerce", owner: "priya.shah",
    }),
    star(use1, "churn-features-py", {
      runtime: "FLINK-1_20", language: "python", status: "READY", stoppedHoursAgo: 6, env: "staging",
      source: kafka("customer-events"), team: "ml", owner: "yuki.tanaka",
    }),
    star(use1, "device-shadow-merger", {
      runtime: "FLINK-1_18", scenario: "binary-incompatible", failedUpgradeTo: "FLINK-2_2", failedUpgradeHoursAgo: 30,
      team: "iot", owner: "chloe.martin", source: kinesis("device-shadows", true),
    }),
    star(euw1, "orders-enricher", {
      runtime: "FLINK-1_15", parallelism: 4, source: kinesis("orders-eu", true), team: "commerce", owner: "priya.shah",
      description: "EU copy of the order enrichment job",
    }),
    star(euw1, "gdpr-erasure-router", {
      runtime: "FLINK-1_11", snapshotsEnabled: false, snapshotAgesDays: [], team: "privacy", owner: "lena.schmidt",
    }),
    star(euw1, "billing-events-py", {
      runtime: "FLINK-1_15", language: "python", scenario: "binary-incompatible", source: kafka("billing-events"),
      team: "finance", owner: "omar.haddad",
    }),
    star(euw1, "shipment-eta-predictor", {
      runtime: "FLINK-1_18", scenario: "state-incompatible", rollbackEnabled: false, source: kinesis("shipments", true),
      team: "logistics", owner: "nina.patel",
    }),
    star(euw1, "price-tick-normalizer", {
      runtime: "FLINK-1_8", snapshotAgesDays: [45], team: "trading", owner: "pierre.dubois", autoScaling: false,
    }),
    star(euw1, "fx-rates-joiner", {
      runtime: "FLINK-2_2", scenario: "state-incompatible", upgradedFrom: "FLINK-1_19", upgradedHoursAgo: 3,
      behaviourAfterUpgrade: "restart-loop", team: "trading", owner: "pierre.dubois",
      description: "Upgraded to 2.2 this morning; restart-looping on Kryo state",
    }),
    star(euw1, "email-bounce-tracker", {
      runtime: "FLINK-1_19", scenario: "slow-checkpoints", env: "staging", team: "messaging", owner: "lena.schmidt",
    }),
    star(euw1, "sql-clickstream-counts", {
      runtime: "SQL-1_0", language: "sql", status: "READY", stoppedHoursAgo: 200, team: "growth", owner: "sam.lee",
      snapshotsEnabled: false, rollbackEnabled: false, snapshotAgesDays: [], parallelism: 1, autoScaling: false,
    }),
    star(apse2, "telemetry-downsampler", { runtime: "FLINK-1_8", team: "iot", owner: "jack.wilson", snapshotAgesDays: [2] }),
    star(apse2, "loyalty-points-engine", {
      runtime: "FLINK-1_13", scenario: "rollback-fails", source: kafka("loyalty-events"), team: "commerce", owner: "jack.wilson",
    }),
    star(apse2, "ride-matching-stream", {
      runtime: "FLINK-1_20", scenario: "stuck-updating", source: kinesis("ride-requests", true), parallelism: 10,
      team: "mobility", owner: "ana.silva",
    }),
    star(apse2, "surf-forecast-py", {
      runtime: "FLINK-1_18", language: "python", scenario: "state-incompatible", env: "dev", team: "weather",
      owner: "kai.nguyen",
    }),
    star(apse2, "iot-alerts-router", {
      runtime: "FLINK-1_6", status: "READY", stoppedHoursAgo: 90 * 24, snapshotAgesDays: [95], env: "dev",
      team: "iot", owner: "jack.wilson",
    }),
    star(apse2, "metrics-rollup-v2", {
      runtime: "FLINK-2_2", upgradedFrom: "FLINK-1_20", upgradedHoursAgo: 50, team: "observability", owner: "kai.nguyen",
    }),
  ];
}
