// `npm run emulator`: the emulator reads its own environment (it stands apart from the app's lib/env.ts).
import { isSpeed } from "./core/durations";
import type { EmuDurations } from "./core/types";
import { createEmulator } from "./server";

function numberEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return value;
}

const DURATION_ENV: Record<keyof EmuDurations, string> = {
  startMs: "EMULATOR_START_MS",
  stopMs: "EMULATOR_STOP_MS",
  updateMs: "EMULATOR_UPDATE_MS",
  rollbackMs: "EMULATOR_ROLLBACK_MS",
  snapshotMs: "EMULATOR_SNAPSHOT_MS",
  updateFailMs: "EMULATOR_UPDATE_FAIL_MS",
  restartLoopIntervalMs: "EMULATOR_RESTART_LOOP_INTERVAL_MS",
  slowRestartLoopIntervalMs: "EMULATOR_SLOW_RESTART_LOOP_INTERVAL_MS",
  metricPeriodMs: "EMULATOR_METRIC_PERIOD_MS",
  ingestionDelayMs: "EMULATOR_INGESTION_DELAY_MS",
  checkpointIntervalMs: "EMULATOR_CHECKPOINT_INTERVAL_MS",
  maintenanceMs: "EMULATOR_MAINTENANCE_MS",
  autoscalingMs: "EMULATOR_AUTOSCALING_MS",
  restartOutageMs: "EMULATOR_RESTART_OUTAGE_MS",
  lateFailureOnsetMs: "EMULATOR_LATE_FAILURE_ONSET_MS",
  disturbanceOnsetMs: "EMULATOR_DISTURBANCE_ONSET_MS",
  presignedUrlFirstUseMs: "EMULATOR_PRESIGNED_URL_FIRST_USE_MS",
  logsIngestionDelayMs: "EMULATOR_LOGS_INGESTION_DELAY_MS",
  logsQueryScheduledMs: "EMULATOR_LOGS_QUERY_SCHEDULED_MS",
  logsQueryMs: "EMULATOR_LOGS_QUERY_MS",
};

async function main(): Promise<void> {
  const speed = process.env.EMULATOR_SPEED ?? "demo";
  if (!isSpeed(speed)) throw new Error(`EMULATOR_SPEED must be real, demo or test, got "${speed}"`);
  const durations: Partial<EmuDurations> = {};
  for (const [field, env] of Object.entries(DURATION_ENV) as [keyof EmuDurations, string][]) {
    const value = numberEnv(env);
    if (value !== undefined) durations[field] = value;
  }
  const emulator = await createEmulator({
    host: process.env.EMULATOR_HOST ?? "127.0.0.1",
    port: numberEnv("EMULATOR_PORT") ?? 4566,
    speed,
    apps: numberEnv("EMULATOR_APPS"),
    regions: numberEnv("EMULATOR_REGIONS"),
    extraAccountApps: numberEnv("EMULATOR_EXTRA_ACCOUNT_APPS"),
    throttleRps: numberEnv("EMULATOR_THROTTLE_RPS"),
    durations,
    jobStateFlowDimension: process.env.EMULATOR_FLOW_DIMENSION === "1",
  });
  console.log(
    `AWS emulator (kinesisanalyticsv2 + CloudWatch + CloudWatch Logs + S3 + STS + Organizations, speed ${speed}) listening on ${emulator.url}`,
  );
  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
