// Events of one log stream: the line runs merged in (timestamp, order), filtered by the application's LogLevel at
// each line's instant, visible once ingested (timestamp + logsIngestionDelayMs ≤ the reading instant).
import { createHash } from "node:crypto";
import type { EmuDurations } from "../core/types";
import type { AppVersion, MsfApp } from "../msf/model";
import { lineRunsOf } from "./job-lines";
import { LEVEL_RANK, timeOf, type LineRun, type LogLevel, type LogLine } from "./line-model";
import type { LogTarget } from "./log-groups";

export interface LogEvent {
  timestamp: number;
  order: number;
  level: LogLevel;
  versionId: number;
  line: LogLine;
}

/** Position in a stream: events after it have a later timestamp, or the same one and a higher order. */
export interface Cursor {
  t: number;
  order: number;
}

export interface EventSource {
  target: LogTarget;
  runs: LineRun[];
  /** The newest timestamp readable at the reading instant. */
  visibleUntil: number;
  ingestionDelayMs: number;
}

export function eventSourceOf(target: LogTarget, asOf: number, durations: EmuDurations): EventSource {
  const runs = target.streamExists ? lineRunsOf(target.app, asOf, durations) : [];
  return {
    target,
    runs: runs.filter((run) => !wholeRunDropped(target.app, run)),
    visibleUntil: asOf - durations.logsIngestionDelayMs,
    ingestionDelayMs: durations.logsIngestionDelayMs,
  };
}

/** The version an event is written under: the one current at its instant (see LineRun.priorVersion). */
function versionAt(app: MsfApp, t: number, prior = false): AppVersion {
  for (let i = app.versions.length - 1; i > 0; i--) {
    const version = app.versions[i]!;
    if (prior ? version.createdAt < t : version.createdAt <= t) return version;
  }
  return app.versions[0]!;
}

/** MonitoringConfiguration.LogLevel; CloudWatch logging with the DEFAULT monitoring configuration logs at INFO. */
function logLevelOf(version: AppVersion): LogLevel {
  const monitoring = version.config.flink?.monitoring;
  if (!monitoring || monitoring.type === "DEFAULT") return "INFO";
  return monitoring.logLevel === "WARN" || monitoring.logLevel === "ERROR" ? monitoring.logLevel : "INFO";
}

function written(app: MsfApp, run: LineRun, t: number): AppVersion | undefined {
  const version = versionAt(app, t, run.priorVersion);
  return LEVEL_RANK[run.level] >= LEVEL_RANK[logLevelOf(version)] ? version : undefined;
}

/** Cheap pre-filter: a run whose first and last line fall under one version is kept or dropped as a whole. */
function wholeRunDropped(app: MsfApp, run: LineRun): boolean {
  const first = versionAt(app, run.first, run.priorVersion);
  const last = versionAt(app, timeOf(run, run.count - 1), run.priorVersion);
  return first === last && LEVEL_RANK[run.level] < LEVEL_RANK[logLevelOf(first)];
}

function firstIndexFrom(run: LineRun, t: number): number {
  return t <= run.first ? 0 : Math.ceil((t - run.first) / run.step);
}

function lastIndexUntil(run: LineRun, t: number): number {
  return t < run.first ? -1 : Math.min(run.count - 1, Math.floor((t - run.first) / run.step));
}

function eventAt(src: EventSource, run: LineRun, k: number): LogEvent | undefined {
  const t = timeOf(run, k);
  const version = written(src.target.app, run, t);
  if (!version) return undefined;
  return { timestamp: t, order: run.order, level: run.level, versionId: version.versionId, line: run.line(k) };
}

/** Visible events with from ≤ timestamp ≤ to (and after `after`), oldest first. */
export function* eventsBetween(src: EventSource, from: number, to: number, after?: Cursor): Generator<LogEvent> {
  const until = Math.min(to, src.visibleUntil);
  const heads: { run: LineRun; k: number; last: number; t: number }[] = [];
  for (const run of src.runs) {
    let k = firstIndexFrom(run, from);
    if (after) k = Math.max(k, firstIndexFrom(run, run.order > after.order ? after.t : after.t + 1));
    const last = lastIndexUntil(run, until);
    if (k <= last) heads.push({ run, k, last, t: timeOf(run, k) });
  }
  while (heads.length > 0) {
    let best = 0;
    for (let i = 1; i < heads.length; i++) {
      const h = heads[i]!;
      const b = heads[best]!;
      if (h.t < b.t || (h.t === b.t && h.run.order < b.run.order)) best = i;
    }
    const head = heads[best]!;
    const event = eventAt(src, head.run, head.k);
    if (event) yield event;
    if (head.k >= head.last) heads.splice(best, 1);
    else head.t = timeOf(head.run, ++head.k);
  }
}

/** The newest visible event at or before `t`, if any. */
export function lastEventUntil(src: EventSource, t: number): LogEvent | undefined {
  let best: LogEvent | undefined;
  for (const run of src.runs) {
    const last = lastIndexUntil(run, Math.min(t, src.visibleUntil));
    // A run that straddles a LogLevel change may have dropped its newest lines: look back a little.
    for (let k = last; k >= Math.max(0, last - 3); k--) {
      const event = eventAt(src, run, k);
      if (!event) continue;
      if (!best || event.timestamp > best.timestamp || (event.timestamp === best.timestamp && event.order > best.order))
        best = event;
      break;
    }
  }
  return best;
}

export function firstEvent(src: EventSource): LogEvent | undefined {
  const first = eventsBetween(src, -Infinity, Infinity).next();
  return first.done ? undefined : first.value;
}

/** The event's message as an object: MSF's keys in MSF's order. */
export function messageObject(app: MsfApp, event: LogEvent): Record<string, unknown> {
  const { line } = event;
  return {
    locationInformation: line.location,
    logger: line.logger,
    message: line.message,
    ...(line.throwable ? { throwableInformation: line.throwable } : {}),
    threadName: line.thread,
    applicationARN: app.arn,
    applicationVersionId: String(event.versionId),
    messageSchemaVersion: "1",
    messageType: event.level,
  };
}

/** The event's message: one JSON object per line, as MSF writes it. */
export function renderMessage(app: MsfApp, event: LogEvent): string {
  return JSON.stringify(messageObject(app, event));
}

/** 56 decimal digits like CloudWatch Logs' event ids; unique per (timestamp, order) of a stream. */
export function eventIdOf(app: MsfApp, event: LogEvent): string {
  const digest = createHash("md5").update(`${app.arn}#${event.timestamp}#${event.order}`).digest("hex");
  const tail = BigInt(`0x${digest}`).toString().padStart(39, "0").slice(0, 34);
  return `${String(event.timestamp).padStart(16, "0")}${String(event.order).padStart(6, "0")}${tail}`;
}
