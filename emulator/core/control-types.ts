// Shapes of the control API (/_emulator/*), shared by the server and the test harness.
import type { ApplicationStatus, RuntimeEnvironment, Scenario } from "./types";

export type Speed = "real" | "demo" | "test";
export type ServiceName = "kinesisanalytics" | "monitoring";

export interface FaultSpec {
  service: ServiceName;
  /** Omitted = every region. */
  region?: string;
  throttleRps?: number;
  throttleCode?: "ThrottlingException" | "LimitExceededException";
  /** 0..1: share of requests answered with HTTP 500 InternalFailure / 503 ServiceUnavailable. */
  errorRate?: number;
  latencyMs?: number;
}

export interface CallCount {
  service: ServiceName | "control" | "unknown";
  region: string;
  operation: string;
  app?: string;
  /** Requests received (including those answered with an injected fault). */
  count: number;
  /** How many of them were throttled by an injected fault (present only when > 0). */
  throttled?: number;
  /** How many of them got an injected 5xx (present only when > 0). */
  failed?: number;
}

export interface AppSummaryView {
  accountId: string;
  region: string;
  name: string;
  status: ApplicationStatus;
  runtime: RuntimeEnvironment;
  scenario: Scenario;
  versionId: number;
}

export interface StateView {
  now: number;
  speed: Speed;
  accounts: { accountId: string; regions: { region: string; apps: AppSummaryView[] }[] }[];
}
