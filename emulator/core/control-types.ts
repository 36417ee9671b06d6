// Shapes of the control API (/_emulator/*), shared by the server and the test harness.
import type { ApplicationStatus, RuntimeEnvironment, Scenario } from "./types";

export type Speed = "real" | "demo" | "test";
export type ServiceName = "kinesisanalytics" | "monitoring" | "logs" | "flink" | "s3" | "sts" | "organizations";

export interface FaultSpec {
  service: ServiceName;
  /** Omitted = every region. */
  region?: string;
  /** API action name (e.g. "UpdateApplication", "GetMetricData"); omitted = every operation. */
  operation?: string;
  throttleRps?: number;
  throttleCode?: "ThrottlingException" | "LimitExceededException";
  /** 0..1: share of requests answered with throttleCode (default ThrottlingException). */
  throttleRate?: number;
  /** 0..1: share of requests answered with HTTP 500 InternalFailure / 503 ServiceUnavailable. */
  errorRate?: number;
  latencyMs?: number;
  /** The request is applied, then the answer is lost: HTTP 500 InternalFailure, or the socket is destroyed. */
  lose?: "5xx" | "reset";
  /** The request is never answered (the socket stays open until the client gives up). */
  hang?: boolean;
  /** LimitExceededException (HTTP 400), e.g. a snapshot quota on CreateApplicationSnapshot. */
  quota?: boolean;
  /** The caller's role lacks the permission: AccessDeniedException (CloudWatch: HTTP 403 AccessDenied). */
  deny?: boolean;
  /** monitoring/GetMetricData only: HTTP 200, every result has this StatusCode, no datapoints. */
  metricStatus?: "Forbidden" | "InternalError";
  /** flink only: HTTP 200 with an HTML login page instead of the JSON (a dashboard behind an auth proxy). */
  html?: boolean;
  /** Fires for this many requests it actually hits, then removes itself. */
  remaining?: number;
}

export interface CallCount {
  service: ServiceName | "control" | "unknown";
  region: string;
  operation: string;
  app?: string;
  /** RoleSessionName of the STS session that signed the requests (absent for long-term credentials). */
  sessionName?: string;
  /** Requests received (including those answered with an injected fault). */
  count: number;
  /** How many of them were throttled by an injected fault (present only when > 0). */
  throttled?: number;
  /** How many of them got another injected error: 5xx, quota, deny, metricStatus (present only when > 0). */
  failed?: number;
  /** Applied, but the answer was lost (injected 5xx or connection reset; present only when > 0). */
  lost?: number;
  /** Never answered (present only when > 0). */
  hung?: number;
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
