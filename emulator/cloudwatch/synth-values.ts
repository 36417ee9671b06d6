// The value one metric has at one instant inside a job span. Pure and deterministic (noise = hash of app + time).
import type { MetricProfile } from "../core/types";
import { noise01, noiseSigned } from "./hash";
import type { MetricDef } from "./metric-catalog";
import { failuresUpTo, type JobSpan, type LoopShape, type SynthShapes } from "./synth-spans";

export interface SynthEnv {
  /** hashString(app ARN): decorrelates noise between applications. */
  seed: number;
  profile: MetricProfile;
  shapes: SynthShapes;
}

interface JobState {
  running: boolean;
  uptimeMs: number;
  outageMs: number;
  failingMs: number;
  restartingMs: number;
  restarts: number;
  failedCheckpoints: number;
}

/** State of a restart-looping job `t - span.start` ms into the loop. */
export function loopStateAt(span: JobSpan, t: number, shape: LoopShape): JobState {
  const elapsed = t - span.start;
  const phase = elapsed % shape.intervalMs;
  const failures = failuresUpTo(elapsed, shape);
  const running = phase < shape.runMs;
  const outageMs = running ? 0 : phase - shape.runMs;
  const failing = !running && outageMs < shape.failingMs;
  return {
    running,
    uptimeMs: running ? phase : 0,
    outageMs,
    failingMs: failing ? outageMs : 0,
    restartingMs: !running && !failing ? outageMs - shape.failingMs : 0,
    restarts: span.restartsBase + failures,
    failedCheckpoints: span.failedCheckpointsBase + failures,
  };
}

// Checkpoint metrics change when a checkpoint completes, not every sample: their noise is keyed on 10 s buckets.
const CHECKPOINT_BUCKET_MS = 10_000;
const round2 = (x: number) => Math.round(x * 100) / 100;
const clampPct = (x: number) => round2(Math.min(100, Math.max(0, x)));

/** Value of `def` at `t` (epoch ms) or undefined when the job publishes no datapoint for it then. */
export function metricValueAt(def: MetricDef, span: JobSpan, t: number, env: SynthEnv): number | undefined {
  // Hot path (millions of calls for a 24 h x 500-query request): steady spans allocate nothing.
  switch (span.behaviour) {
    case "healthy":
    case "slow-checkpoints":
      return steadyValue(def, span, t, env);
    case "restart-loop":
      return loopValue(def, span, t, env, loopStateAt(span, t, env.shapes.loop));
    case "slow-restart-loop":
      return loopValue(def, span, t, env, loopStateAt(span, t, env.shapes.slowLoop));
    case "restarting":
      return loopValue(def, span, t, env, restartingState(span, t));
    case "failing-checkpoints":
      return failingCheckpointsValue(def, span, t, env);
  }
}

/** One restart in progress since the span began (maintenance): down, restart already counted. */
function restartingState(span: JobSpan, t: number): JobState {
  const outageMs = t - span.start;
  return {
    running: false,
    uptimeMs: 0,
    outageMs,
    failingMs: 0,
    restartingMs: outageMs,
    restarts: span.restartsBase + 1,
    failedCheckpoints: span.failedCheckpointsBase,
  };
}

/** A running job whose checkpoints fail, one per checkpoint interval: no completed checkpoint is reported. */
function failingCheckpointsValue(def: MetricDef, span: JobSpan, t: number, env: SynthEnv): number | undefined {
  if (def.name === "lastCheckpointDuration" || def.name === "lastCheckpointSize") return undefined;
  if (def.name === "numberOfFailedCheckpoints") {
    return span.failedCheckpointsBase + Math.floor((t - span.start) / env.shapes.checkpointIntervalMs) + 1;
  }
  return steadyValue(def, span, t, env);
}

function steadyValue(def: MetricDef, span: JobSpan, t: number, env: SynthEnv): number {
  const { profile } = env;
  const slow = span.behaviour === "slow-checkpoints";
  switch (def.name) {
    case "uptime":
    case "runningTime":
      return Math.max(0, t - span.upSince);
    case "downtime":
    case "restartingTime":
    case "failingTime":
    case "cancellingTime":
      return 0;
    case "fullRestarts":
    case "numRestarts":
      return span.restartsBase;
    case "numberOfFailedCheckpoints":
      return span.failedCheckpointsBase;
    case "KPUs":
      return span.kpus;
    case "lastCheckpointDuration": {
      const n = noise01(env.seed, def.index, Math.floor(t / CHECKPOINT_BUCKET_MS));
      return Math.round(profile.checkpointDurationMs * (slow ? 3 + 2 * n : 1 + 0.2 * (n - 0.5)));
    }
    case "lastCheckpointSize":
      return checkpointSize(def, t, env);
    case "cpuUtilization":
      return clampPct(profile.cpuPct + (slow ? 8 : 0) + 6 * noiseSigned(env.seed, def.index, Math.floor(t / 1000)));
    case "heapMemoryUtilization":
      return clampPct(profile.heapPct + 3 * noiseSigned(env.seed, def.index, Math.floor(t / 1000)));
    case "millisBehindLatest": {
      const n = noise01(env.seed, def.index, Math.floor(t / 1000));
      return Math.round(slow ? 1500 + 1500 * n : 100 + 400 * n);
    }
    case "records_lag_max": {
      const n = noise01(env.seed, def.index, Math.floor(t / 1000));
      return Math.round(slow ? 300 + 300 * n : 20 + 80 * n);
    }
  }
}

function loopValue(def: MetricDef, span: JobSpan, t: number, env: SynthEnv, state: JobState): number | undefined {
  const { profile } = env;
  switch (def.name) {
    case "uptime":
    case "runningTime":
      return state.uptimeMs;
    case "downtime":
      return state.outageMs;
    case "restartingTime":
      return state.restartingMs;
    case "failingTime":
      return state.failingMs;
    case "cancellingTime":
      return 0;
    case "fullRestarts":
    case "numRestarts":
      return state.restarts;
    case "numberOfFailedCheckpoints":
      return state.failedCheckpoints;
    case "KPUs":
      return span.kpus;
    case "lastCheckpointDuration": {
      // Checkpoints of a crashing job complete rarely and slowly; none is reported while it is down.
      if (!state.running) return undefined;
      const n = noise01(env.seed, def.index, Math.floor(t / CHECKPOINT_BUCKET_MS));
      return Math.round(profile.checkpointDurationMs * (6 + 4 * n));
    }
    case "lastCheckpointSize":
      return state.running ? checkpointSize(def, t, env) : undefined;
    case "cpuUtilization": {
      const n = noiseSigned(env.seed, def.index, Math.floor(t / 1000));
      return clampPct(state.running ? profile.cpuPct * 0.5 + 6 * n : 3 + 2 * n);
    }
    case "heapMemoryUtilization":
      return clampPct(profile.heapPct * 0.7 + 8 * noiseSigned(env.seed, def.index, Math.floor(t / 1000)));
    // Nothing is consumed while the job crash-loops: lag grows with the time since the loop began.
    case "millisBehindLatest":
      return Math.round(t - span.start + 100 * noise01(env.seed, def.index, Math.floor(t / 1000)));
    case "records_lag_max":
      return Math.round(((t - span.start) / 1000) * 250 + 50 * noise01(env.seed, def.index, Math.floor(t / 1000)));
  }
}

function checkpointSize(def: MetricDef, t: number, env: SynthEnv): number {
  const n = noiseSigned(env.seed, def.index, Math.floor(t / CHECKPOINT_BUCKET_MS));
  return Math.round(env.profile.checkpointSizeBytes * (1 + 0.05 * n));
}
