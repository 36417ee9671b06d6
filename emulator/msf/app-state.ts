// Small mutations every transition is built from: status + timeline, versions, operations.
import type { ApplicationStatus, JobBehaviour } from "../core/types";
import { shortId } from "../core/ids";
import {
  currentConfig,
  currentVersion,
  type AppConfig,
  type AppVersion,
  type MsfApp,
  type OperationRecord,
  type OperationStatus,
} from "./model";

/** KPUs billed: ceil(parallelism / parallelismPerKPU) plus the orchestration KPU. */
export function kpusFor(config: AppConfig): number {
  const p = config.flink?.parallelism;
  if (!p) return 1;
  return Math.ceil(p.parallelism / p.perKpu) + 1;
}

export function parallelismOf(config: AppConfig): number {
  return config.flink?.parallelism.parallelism ?? 1;
}

/** Parallelism the job runs with: autoscaling's CurrentParallelism, else the configured one. */
export function runningParallelism(app: MsfApp): number {
  return app.currentParallelism ?? parallelismOf(currentConfig(app));
}

function runningKpus(app: MsfApp): number {
  const perKpu = currentConfig(app).flink?.parallelism.perKpu;
  return perKpu ? Math.ceil(runningParallelism(app) / perKpu) + 1 : kpusFor(currentConfig(app));
}

/** Sets status/behaviour and appends a timeline segment when anything observable changed. */
export function setStatus(
  app: MsfApp,
  at: number,
  status: ApplicationStatus,
  behaviour: JobBehaviour,
  freshJob = false,
): void {
  const config = currentConfig(app);
  const last = app.timeline[app.timeline.length - 1];
  const changed =
    !last ||
    last.status !== status ||
    last.runtime !== config.runtime ||
    last.behaviour !== behaviour ||
    freshJob ||
    last.parallelism !== runningParallelism(app);
  if (app.status !== status) app.changeSeq++;
  app.status = status;
  app.runtime = config.runtime;
  app.behaviour = behaviour;
  if (!changed) return;
  app.timeline.push({
    start: at,
    status,
    runtime: config.runtime,
    behaviour,
    freshJob,
    parallelism: runningParallelism(app),
    kpus: runningKpus(app),
  });
}

/** Behaviour while RUNNING on the current version before anything else changed it. */
export function runningBehaviour(app: MsfApp): Exclude<JobBehaviour, "idle"> {
  return app.behaviour === "idle" ? "healthy" : app.behaviour;
}

export function addVersion(
  app: MsfApp,
  config: AppConfig,
  at: number,
  extra: Partial<Omit<AppVersion, "versionId" | "config" | "createdAt">> = {},
): AppVersion {
  const previous = currentVersion(app);
  if (previous.status !== "ROLLED_BACK") previous.status = app.status;
  const version: AppVersion = {
    versionId: app.versionId + 1,
    config,
    createdAt: at,
    status: app.status,
    updatedFrom: previous.versionId,
    ...extra,
  };
  app.versions.push(version);
  app.versionId = version.versionId;
  app.currentParallelism = undefined;
  app.lastUpdatedAt = at;
  app.runtime = config.runtime;
  app.changeSeq++;
  return version;
}

export function startOperation(
  app: MsfApp,
  operation: string,
  at: number,
  extra: Partial<OperationRecord> = {},
): OperationRecord {
  app.operationSeq++;
  const record: OperationRecord = {
    id: shortId(`${app.arn}#op#${app.operationSeq}`),
    operation,
    status: "IN_PROGRESS",
    startTime: at,
    ...extra,
  };
  app.operations.push(record);
  return record;
}

export function findOperation(app: MsfApp, id: string): OperationRecord | undefined {
  return app.operations.find((op) => op.id === id);
}

export function finishOperation(
  app: MsfApp,
  id: string,
  at: number,
  status: OperationStatus,
  extra: Partial<OperationRecord> = {},
): void {
  const record = findOperation(app, id);
  if (!record || record.status !== "IN_PROGRESS") return;
  Object.assign(record, { status, endTime: at, ...extra });
}

/** A completed operation in one step (metadata-only updates, snapshot deletion, seeded history). */
export function instantOperation(
  app: MsfApp,
  operation: string,
  at: number,
  extra: Partial<OperationRecord> = {},
): OperationRecord {
  return startOperation(app, operation, at, { status: "SUCCESSFUL", endTime: at, ...extra });
}
