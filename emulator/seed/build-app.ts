// Spec → application state, by replaying a plausible history (at real-service speed) up to the seed time.
import { durationsFor } from "../core/durations";
import type { EmuDurations } from "../core/types";
import { addVersion, finishOperation, instantOperation, setStatus, startOperation } from "../msf/app-state";
import { currentConfig, currentVersion, type AppConfig, type MsfApp, type SnapshotRecord } from "../msf/model";
import { baseConfig, fileKeyFor } from "./base-config";
import { DAY, HOUR, TIMELINE_DAYS, type AppSpec } from "./spec";

const real: EmuDurations = durationsFor("real");

interface HistoryEvent {
  at: number;
  apply: (app: MsfApp, at: number) => void;
}

export function buildApp(spec: AppSpec, accountId: string, seedAt: number): MsfApp {
  const createdAt = seedAt - spec.createdDaysAgo * DAY;
  const firstRuntime = spec.upgradedFrom ?? spec.runtime;
  const config = baseConfig(spec, accountId, firstRuntime);
  const app: MsfApp = {
    accountId,
    region: spec.region,
    name: spec.name,
    arn: `arn:aws:kinesisanalytics:${spec.region}:${accountId}:application/${spec.name}`,
    status: "READY",
    runtime: firstRuntime,
    scenario: spec.scenario,
    behaviour: "idle",
    profile: {
      ...spec.profile,
      source:
        spec.source.kind === "kinesis"
          ? { kind: "kinesis", streamName: spec.source.streamName }
          : { kind: "kafka", topic: spec.source.topic },
    },
    timeline: [],
    mode: spec.language === "studio" ? "INTERACTIVE" : "STREAMING",
    createdAt,
    lastUpdatedAt: createdAt,
    versionId: 1,
    versions: [{ versionId: 1, config, createdAt, status: "READY" }],
    snapshots: [],
    operations: [],
    tags: tagsFor(spec),
    changeSeq: 0,
    operationSeq: 0,
    logStream: spec.logStream ?? true,
  };
  setStatus(app, createdAt, "READY", "idle");
  startJob(app, createdAt + 10 * 60_000);

  const events = specialEvents(spec);
  const firstEvent = Math.min(seedAt - (TIMELINE_DAYS + 1) * DAY, ...events.map((e) => e.at));
  const span = firstEvent - (createdAt + DAY);
  for (let k = 2; k <= spec.versionCount; k++) {
    const at = createdAt + DAY + Math.round((span * (k - 1)) / spec.versionCount);
    historicUpdate(app, at, rebuiltConfig(app, spec, k));
  }
  for (const event of events) event.apply(app, event.at);
  seedSnapshots(app, spec, seedAt);
  clipTimeline(app, seedAt - TIMELINE_DAYS * DAY);
  return app;

  function specialEvents(s: AppSpec): HistoryEvent[] {
    const list: HistoryEvent[] = [];
    const ago = (hours: number) => seedAt - hours * HOUR;
    if (s.failedUpgradeTo && s.failedUpgradeHoursAgo) {
      const target = s.failedUpgradeTo;
      list.push({ at: ago(s.failedUpgradeHoursAgo), apply: (a, at) => failedUpgrade(a, s, at, target) });
    }
    if (s.upgradedFrom && s.upgradedHoursAgo) {
      list.push({ at: ago(s.upgradedHoursAgo), apply: (a, at) => successfulUpgrade(a, s, at) });
    }
    if (s.maintenanceHoursAgo) list.push({ at: ago(s.maintenanceHoursAgo), apply: maintenance });
    if (s.status === "READY") list.push({ at: ago(s.stoppedHoursAgo ?? 48), apply: stopJob });
    return list.sort((a, b) => a.at - b.at);
  }
}

function tagsFor(spec: AppSpec): MsfApp["tags"] {
  return [
    { Key: "team", Value: spec.team },
    { Key: "env", Value: spec.env },
    { Key: "owner", Value: spec.owner },
    ...(spec.env === "prod" ? [{ Key: "cost-center", Value: `cc-${spec.team}` }] : []),
  ];
}

function rebuiltConfig(app: MsfApp, spec: AppSpec, build: number): AppConfig {
  const config = currentConfig(app);
  if (config.code.fileKey === undefined) return { ...config };
  return { ...config, code: { ...config.code, fileKey: fileKeyFor(spec, config.runtime, build) } };
}

function startJob(app: MsfApp, at: number): void {
  const op = startOperation(app, "StartApplication", at);
  setStatus(app, at, "STARTING", "idle");
  setStatus(app, at + real.startMs, "RUNNING", "healthy", true);
  finishOperation(app, op.id, at + real.startMs, "SUCCESSFUL");
}

function stopJob(app: MsfApp, at: number): void {
  const op = startOperation(app, "StopApplication", at);
  autoSnapshot(app, at, "stop");
  setStatus(app, at, "STOPPING", "idle");
  setStatus(app, at + real.stopMs, "READY", "idle");
  finishOperation(app, op.id, at + real.stopMs, "SUCCESSFUL");
}

function maintenance(app: MsfApp, at: number): void {
  const op = startOperation(app, "ApplicationMaintenance", at);
  setStatus(app, at, "MAINTENANCE", "idle");
  setStatus(app, at + 25_000, "RUNNING", app.behaviour === "idle" ? "healthy" : app.behaviour, true);
  finishOperation(app, op.id, at + 25_000, "SUCCESSFUL");
}

function historicUpdate(app: MsfApp, at: number, config: AppConfig): void {
  const from = app.versionId;
  const running = app.status === "RUNNING";
  const version = addVersion(app, config, at);
  instantOperation(app, "UpdateApplication", at, {
    versionFrom: from,
    versionTo: version.versionId,
    endTime: at + real.updateMs,
  });
  if (!running) return;
  setStatus(app, at, "UPDATING", "idle");
  setStatus(app, at + real.updateMs, "RUNNING", "healthy", true);
}

function successfulUpgrade(app: MsfApp, spec: AppSpec, at: number): void {
  autoSnapshot(app, at, "update");
  const config = currentConfig(app);
  const next: AppConfig = {
    ...config,
    runtime: spec.runtime,
    code: { ...config.code, ...(config.code.fileKey ? { fileKey: fileKeyFor(spec, spec.runtime, 1) } : {}) },
  };
  const from = app.versionId;
  addVersion(app, next, at);
  instantOperation(app, "UpdateApplication", at, {
    versionFrom: from,
    versionTo: app.versionId,
    endTime: at + real.updateMs,
  });
  setStatus(app, at, "UPDATING", "idle");
  setStatus(app, at + real.updateMs, "RUNNING", spec.behaviourAfterUpgrade ?? "healthy", true);
}

function failedUpgrade(app: MsfApp, spec: AppSpec, at: number, target: string): void {
  autoSnapshot(app, at, "update");
  const before = currentVersion(app);
  const failedConfig: AppConfig = {
    ...before.config,
    runtime: target,
    code: { ...before.config.code, ...(before.config.code.fileKey ? { fileKey: fileKeyFor(spec, target, 1) } : {}) },
  };
  const failed = addVersion(app, failedConfig, at);
  const update = startOperation(app, "UpdateApplication", at, {
    versionFrom: before.versionId,
    versionTo: failed.versionId,
  });
  setStatus(app, at, "UPDATING", "idle");
  const failedAt = at + real.updateFailMs;
  const rollback = startOperation(app, "RollbackApplication", failedAt);
  finishOperation(app, update.id, failedAt, "FAILED", {
    rollbackOperationId: rollback.id,
    errorString:
      "Job failed to start: java.lang.ClassNotFoundException: " +
      "org.apache.flink.streaming.connectors.kinesis.FlinkKinesisConsumer",
  });
  failed.status = "ROLLED_BACK";
  addVersion(app, before.config, failedAt, {
    updatedFrom: before.updatedFrom,
    rolledBackFrom: failed.versionId,
    rolledBackTo: before.versionId,
  });
  Object.assign(rollback, { versionFrom: failed.versionId, versionTo: app.versionId });
  setStatus(app, failedAt, "ROLLING_BACK", "idle");
  setStatus(app, failedAt + real.rollbackMs, "RUNNING", "healthy", true);
  finishOperation(app, rollback.id, failedAt + real.rollbackMs, "SUCCESSFUL");
}

function autoSnapshot(app: MsfApp, at: number, reason: string): void {
  if (!currentConfig(app).snapshotsEnabled || app.status !== "RUNNING") return;
  app.snapshots.push(snapshotRecord(app, `${reason}-${Math.floor(at / 1000)}`, at));
}

function snapshotRecord(app: MsfApp, name: string, at: number): SnapshotRecord {
  const version = [...app.versions].reverse().find((v) => v.createdAt <= at) ?? currentVersion(app);
  return {
    name,
    status: "READY",
    versionId: version.versionId,
    runtime: version.config.runtime,
    createdAt: at,
    readyAt: at + real.snapshotMs,
  };
}

function seedSnapshots(app: MsfApp, spec: AppSpec, seedAt: number): void {
  for (const ageDays of spec.snapshotAgesDays) {
    const at = seedAt - Math.round(ageDays * DAY);
    if (at < app.createdAt + HOUR) continue;
    const date = new Date(at).toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
    app.snapshots.push(snapshotRecord(app, `${spec.name}-${date}`, at));
  }
  app.snapshots.sort((a, b) => a.createdAt - b.createdAt);
}

/** The contract wants history from a fixed point on: drop older segments, start the first at `from`. */
function clipTimeline(app: MsfApp, from: number): void {
  const firstKept = app.timeline.findIndex((_seg, i) => (app.timeline[i + 1]?.start ?? Infinity) > from);
  const kept = app.timeline.slice(Math.max(0, firstKept));
  const first = kept[0];
  if (first && first.start < from)
    kept[0] = { ...first, start: from, freshJob: first.status === "RUNNING" || first.freshJob };
  app.timeline = kept;
}
