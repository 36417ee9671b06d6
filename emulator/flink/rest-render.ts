// JSON bodies of the Flink REST subset for one JobView, shaped per Flink version (flink-version.ts).
import { createHash } from "node:crypto";
import { hashString } from "../cloudwatch/hash";
import type { MsfApp } from "../msf/model";
import type { CheckpointRecord } from "./checkpoints";
import { failureText, type FailureKind } from "./failures";
import { flinkVersionOf, restShape } from "./flink-version";
import type { JobView } from "./job-view";
import { newestEvents, totalOf } from "./series";

/** Flink's web.exception-history-size default. */
const EXCEPTION_HISTORY_SIZE = 16;
const JOB_STATUSES = [
  "INITIALIZING",
  "CREATED",
  "RUNNING",
  "FAILING",
  "FAILED",
  "CANCELLING",
  "CANCELED",
  "FINISHED",
  "RESTARTING",
  "SUSPENDED",
  "RECONCILING",
] as const;
const TASK_STATES = [
  "CREATED",
  "SCHEDULED",
  "DEPLOYING",
  "RUNNING",
  "FINISHED",
  "CANCELING",
  "CANCELED",
  "FAILED",
  "RECONCILING",
  "INITIALIZING",
] as const;

interface Vertex {
  id: string;
  name: string;
}

export function verticesOf(app: MsfApp, job: Pick<JobView, "jid">): Vertex[] {
  const source = app.profile.source.kind === "kinesis" ? app.profile.source.streamName : app.profile.source.topic;
  const names = [`Source: ${source} -> Map`, "KeyedProcess -> Sink: Writer -> Sink: Committer"];
  return names.map((name, i) => ({ id: createHash("md5").update(`${job.jid}#${i}`).digest("hex"), name }));
}

function taskStatus(job: JobView): string {
  if (job.state === "RUNNING") return "RUNNING";
  return job.cancellingTasks ? "CANCELING" : "CREATED";
}

function taskCounts(status: string, n: number): Record<string, number> {
  return Object.fromEntries(TASK_STATES.map((s) => [s, s === status ? n : 0]));
}

export function taskManager(app: MsfApp, index: number) {
  const h = hashString(`${app.arn}#tm#${index}`);
  const endpoint = `172.31.${(h >>> 8) % 256}.${(h % 250) + 4}:6122`;
  return { endpoint, id: `${endpoint}-${(h >>> 4).toString(16).padStart(6, "0").slice(0, 6)}` };
}

export function configBody(runtime: string) {
  const version = flinkVersionOf(runtime);
  return {
    "refresh-interval": 3000,
    "timezone-name": "Coordinated Universal Time",
    "timezone-offset": 0,
    "flink-version": version.text,
    "flink-revision": `${createHash("md5").update(version.text).digest("hex").slice(0, 8)} @ 2025-01-01T00:00:00+01:00`,
    features: { "web-submit": false, "web-cancel": false, "web-rescale": false, "web-history": false },
  };
}

export function jobsBody(job: JobView) {
  return { jobs: [{ id: job.jid, status: job.state }] };
}

export function overviewBody(app: MsfApp, job: JobView, now: number) {
  const total = verticesOf(app, job).length * job.parallelism;
  return {
    jobs: [
      {
        jid: job.jid,
        name: job.name,
        state: job.state,
        "start-time": job.startTime,
        "end-time": -1,
        duration: now - job.startTime,
        "last-modification": Math.max(job.runningSince, job.lastFailureAt ?? 0),
        tasks: { ...lowerCaseCounts(taskCounts(taskStatus(job), total)), total },
      },
    ],
  };
}

function lowerCaseCounts(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(counts).map(([k, v]) => [k === "CANCELING" ? "canceling" : k.toLowerCase(), v]),
  );
}

export function jobDetailsBody(app: MsfApp, job: JobView, now: number) {
  const shape = restShape(flinkVersionOf(job.runtime));
  const status = taskStatus(job);
  const since = job.state === "RUNNING" ? job.runningSince : (job.lastFailureAt ?? job.startTime);
  const timestamps = Object.fromEntries(JOB_STATUSES.map((s) => [s, 0])) as Record<string, number>;
  Object.assign(timestamps, { INITIALIZING: job.startTime, CREATED: job.startTime, RUNNING: job.runningSince });
  if (job.lastFailureAt !== undefined) timestamps.RESTARTING = job.lastFailureAt;
  const vertices = verticesOf(app, job).map((v) => ({
    id: v.id,
    name: v.name,
    maxParallelism: 128,
    parallelism: job.parallelism,
    status,
    "start-time": since,
    "end-time": -1,
    duration: now - since,
    tasks: taskCounts(status, job.parallelism),
    metrics: { "read-bytes": 0, "read-bytes-complete": true, "write-bytes": 0, "write-bytes-complete": true },
  }));
  return {
    jid: job.jid,
    name: job.name,
    isStoppable: false,
    state: job.state,
    ...(shape.jobType ? { "job-type": "STREAMING" } : {}),
    "start-time": job.startTime,
    "end-time": -1,
    duration: now - job.startTime,
    maxParallelism: -1,
    now,
    timestamps,
    vertices,
    "status-counts": taskCounts(status, vertices.length),
    plan: {
      jid: job.jid,
      name: job.name,
      type: "STREAMING",
      nodes: vertices.map((v) => ({ id: v.id, description: v.name, parallelism: job.parallelism })),
    },
  };
}

/** The vertex a failure kind happens in: state and user code in the keyed operator, class loading in the source. */
export const FAILING_VERTEX: Record<FailureKind, number> = {
  "state-migration": 1,
  kryo: 1,
  "no-such-method": 1,
  "class-not-found": 0,
  maintenance: 0,
};

/** The legacy source connector class a binary-incompatible job fails to load. */
export function sourceClassOf(app: MsfApp): string {
  return app.profile.source.kind === "kinesis"
    ? "org.apache.flink.streaming.connectors.kinesis.FlinkKinesisConsumer"
    : "org.apache.flink.streaming.connectors.kafka.FlinkKafkaConsumer";
}

export function exceptionsBody(app: MsfApp, job: JobView) {
  const shape = restShape(flinkVersionOf(job.runtime));
  const vertices = verticesOf(app, job);
  const sourceClass = sourceClassOf(app);
  const entries = newestEvents(job.failures, EXCEPTION_HISTORY_SIZE).map((failure) => {
    const vertex = vertices[FAILING_VERTEX[failure.kind]]!;
    const subtask = (hashString(`${job.jid}#${failure.index}`) % job.parallelism) + 1;
    const tm = taskManager(app, subtask);
    const text = failureText(failure.kind, sourceClass, vertex.id);
    return {
      ...text,
      timestamp: failure.at,
      // Flink names the failed execution "<task> (<subtask>/<parallelism>) - execution #<attempt>".
      taskName: `${vertex.name} (${subtask}/${job.parallelism}) - execution #${failure.index}`,
      ...(shape.location ? { location: tm.endpoint } : {}),
      ...(shape.endpoint ? { endpoint: tm.endpoint } : {}),
      taskManagerId: tm.id,
      failureLabels: {},
      concurrentExceptions: [],
    };
  });
  const truncated = totalOf(job.failures) > EXCEPTION_HISTORY_SIZE;
  const newest = entries[0];
  const legacy = shape.legacyExceptionFields
    ? {
        ...(newest ? { "root-exception": newest.stacktrace, timestamp: newest.timestamp } : {}),
        "all-exceptions": [],
        truncated: false,
      }
    : {};
  return { ...legacy, exceptionHistory: { entries, truncated } };
}

const FAILURE_MESSAGES = {
  "job-failure": "Checkpoint Coordinator is suspending.",
  expired: "Checkpoint expired before completing.",
} as const;

export function checkpointsBody(app: MsfApp, job: JobView, durationScale: number) {
  const stats = job.checkpoints;
  const subtasks = verticesOf(app, job).length * job.parallelism;
  const render = (c: CheckpointRecord) => {
    const common = {
      id: c.id,
      status: c.status,
      is_savepoint: false,
      trigger_timestamp: c.at - Math.round(c.durationMs * durationScale),
      latest_ack_timestamp: c.status === "COMPLETED" ? c.at : -1,
      checkpointed_size: c.sizeBytes,
      state_size: c.sizeBytes,
      end_to_end_duration: c.durationMs,
      alignment_buffered: 0,
      processed_data: 0,
      persisted_data: 0,
      num_subtasks: subtasks,
      num_acknowledged_subtasks: c.status === "COMPLETED" ? subtasks : 0,
      checkpoint_type: "CHECKPOINT",
      tasks: {},
    };
    return c.status === "COMPLETED"
      ? {
          className: "completed",
          ...common,
          external_path: `<checkpoint-not-externally-addressable>`,
          discarded: false,
        }
      : {
          className: "failed",
          ...common,
          failure_timestamp: c.at,
          failure_message: FAILURE_MESSAGES[c.failure ?? "expired"],
        };
  };
  const completed = stats.history.filter((c) => c.status === "COMPLETED");
  const summary = (pick: (c: CheckpointRecord) => number) => {
    const values = completed.map(pick);
    if (!values.length) return { min: 0, max: 0, avg: 0 };
    return {
      min: Math.min(...values),
      max: Math.max(...values),
      avg: Math.round(values.reduce((a, b) => a + b, 0) / values.length),
    };
  };
  return {
    counts: {
      restored: stats.restored,
      total: stats.completed + stats.failed,
      in_progress: 0,
      completed: stats.completed,
      failed: stats.failed,
    },
    summary: {
      checkpointed_size: summary((c) => c.sizeBytes),
      state_size: summary((c) => c.sizeBytes),
      end_to_end_duration: summary((c) => c.durationMs),
    },
    latest: {
      completed: stats.latestCompleted ? render(stats.latestCompleted) : null,
      savepoint: null,
      failed: stats.latestFailed ? render(stats.latestFailed) : null,
      restored: null,
    },
    history: stats.history.map(render),
  };
}

export function jobConfigBody(job: JobView) {
  const shape = restShape(flinkVersionOf(job.runtime));
  return {
    jid: job.jid,
    name: job.name,
    "execution-config": {
      ...(shape.executionMode ? { "execution-mode": "PIPELINED" } : {}),
      "restart-strategy": "Cluster level default restart strategy",
      "job-parallelism": job.parallelism,
      "object-reuse-mode": false,
      "user-config": {},
    },
  };
}

export function vertexBody(app: MsfApp, job: JobView, vertexId: string, now: number) {
  const vertex = verticesOf(app, job).find((v) => v.id === vertexId);
  if (!vertex) return undefined;
  const shape = restShape(flinkVersionOf(job.runtime));
  const status = taskStatus(job);
  const attempt = totalOf(job.failures);
  const since = job.state === "RUNNING" ? job.runningSince : (job.lastFailureAt ?? job.startTime);
  const subtasks = Array.from({ length: job.parallelism }, (_, subtask) => {
    const tm = taskManager(app, subtask + 1);
    return {
      subtask,
      status,
      attempt,
      ...(shape.host ? { host: tm.endpoint.split(":")[0] } : {}),
      ...(shape.endpoint ? { endpoint: tm.endpoint } : {}),
      "start-time": since,
      "end-time": -1,
      duration: now - since,
      metrics: { "read-bytes": 0, "read-bytes-complete": true, "write-bytes": 0, "write-bytes-complete": true },
      "taskmanager-id": tm.id,
    };
  });
  return { id: vertex.id, name: vertex.name, parallelism: job.parallelism, maxParallelism: 128, now, subtasks };
}
