// Injected faults per service + optional region + optional operation: throttling (token bucket or a share),
// random 5xx, quota errors, denied permissions, lost answers, hung requests, GetMetricData status codes and added
// latency.
import { EmuError } from "./types";
import type { FaultSpec, ServiceName } from "./control-types";
import type { CallOutcome } from "./calls";
import { createPrng, type Prng } from "./prng";

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** What happens to one request. `outcome` is what GET /_emulator/calls counts. */
export interface FaultDecision {
  latencyMs: number;
  outcome: CallOutcome;
  /** Answer with this error instead of running the handler. */
  error?: EmuError;
  /** Run the handler, then lose the answer. */
  lose?: "5xx" | "reset";
  /** Never answer. */
  hang?: boolean;
  metricStatus?: "Forbidden" | "InternalError";
  /** flink: answer an HTML login page with HTTP 200. */
  html?: boolean;
}

const EFFECT_FIELDS = [
  "throttleRps",
  "throttleRate",
  "errorRate",
  "lose",
  "hang",
  "quota",
  "deny",
  "metricStatus",
  "html",
] as const satisfies readonly (keyof FaultSpec)[];

const scopeKey = (f: Pick<FaultSpec, "service" | "region" | "operation">) =>
  JSON.stringify([f.service, f.region ?? null, f.operation ?? null]);

export class FaultInjector {
  private faults: FaultSpec[] = [];
  private buckets = new Map<string, Bucket>();
  private rng: Prng = createPrng("faults");

  constructor(private readonly defaults: FaultSpec[] = []) {
    this.reset();
  }

  /** Back to the start-up faults (e.g. EMULATOR_THROTTLE_RPS). */
  reset(): void {
    this.faults = this.defaults.map((f) => ({ ...f }));
    this.buckets.clear();
    this.rng = createPrng("faults");
  }

  clear(): void {
    this.faults = [];
    this.buckets.clear();
  }

  /** A spec replaces the previous one with the same service + region + operation scope. */
  set(spec: FaultSpec): void {
    const key = scopeKey(spec);
    this.faults = this.faults.filter((f) => scopeKey(f) !== key);
    this.faults.push({ ...spec });
    for (const bucket of [...this.buckets.keys()]) if (bucket.startsWith(key)) this.buckets.delete(bucket);
  }

  list(): FaultSpec[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** Most specific wins: operation beats region, both beat neither. */
  private specFor(service: ServiceName, region: string, operation: string): FaultSpec | undefined {
    let best: FaultSpec | undefined;
    let bestScore = -1;
    for (const f of this.faults) {
      if (f.service !== service) continue;
      if (f.region !== undefined && f.region !== region) continue;
      if (f.operation !== undefined && f.operation !== operation) continue;
      const score = (f.operation !== undefined ? 2 : 0) + (f.region !== undefined ? 1 : 0);
      if (score > bestScore) [best, bestScore] = [f, score];
    }
    return best;
  }

  /** `accountId`: AWS's request-rate quotas are per account and region, so each account has its own bucket. */
  decide(service: ServiceName, region: string, operation: string, now: number, accountId = ""): FaultDecision {
    const spec = this.specFor(service, region, operation);
    if (!spec) return { latencyMs: 0, outcome: "ok" };
    const latencyMs = Math.max(0, spec.latencyMs ?? 0);
    const effect = this.effectOf(spec, service, region, operation, now, accountId);
    const latencyOnly = latencyMs > 0 && EFFECT_FIELDS.every((field) => spec[field] === undefined);
    if ((effect || latencyOnly) && spec.remaining !== undefined) {
      spec.remaining--;
      if (spec.remaining <= 0) this.faults = this.faults.filter((f) => f !== spec);
    }
    return { latencyMs, outcome: "ok", ...effect };
  }

  private effectOf(
    spec: FaultSpec,
    service: ServiceName,
    region: string,
    operation: string,
    now: number,
    accountId: string,
  ): Omit<FaultDecision, "latencyMs"> | undefined {
    if (spec.hang) return { outcome: "hung", hang: true };
    // IAM decides before the service does anything else, throttling included.
    if (spec.deny) return { outcome: "failed", error: accessDenied(service, operation) };
    // One draw for both rates, so they are shares of all requests: 0.3 + 0.05 = 30 % throttled, 5 % 5xx.
    const throttleRate = spec.throttleRate ?? 0;
    const errorRate = spec.errorRate ?? 0;
    const draw = throttleRate + errorRate > 0 ? this.rng.next() : 1;
    const throttledByBucket =
      spec.throttleRps !== undefined && !this.take(`${scopeKey(spec)}|${accountId}|${region}`, spec.throttleRps, now);
    if (throttledByBucket || draw < throttleRate) return { outcome: "throttled", error: throttleError(spec) };
    if (spec.quota) return { outcome: "failed", error: quotaError(service, operation) };
    if (draw < throttleRate + errorRate) {
      return { outcome: "failed", error: serverError(service, this.rng.next() < 0.5) };
    }
    if (spec.html) return { outcome: "failed", html: true };
    if (spec.lose) return { outcome: "lost", lose: spec.lose };
    if (spec.metricStatus && service === "monitoring" && operation === "GetMetricData") {
      return { outcome: "failed", metricStatus: spec.metricStatus };
    }
    return undefined;
  }

  private take(key: string, rps: number, now: number): boolean {
    if (rps <= 0) return false;
    const capacity = Math.max(1, rps);
    const bucket = this.buckets.get(key) ?? { tokens: capacity, updatedAt: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.updatedAt) / 1000) * rps);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}

function throttleError(spec: FaultSpec): EmuError {
  const code = spec.throttleCode ?? "ThrottlingException";
  return new EmuError(
    code,
    "Rate exceeded",
    400,
    code === "ThrottlingException" ? "Throttling" : "LimitExceededException",
  );
}

/** MSF's and Logs' quota error; CloudWatch's modelled quota fault is query code LimitExceeded (LimitExceededFault). */
function quotaError(service: ServiceName, operation: string): EmuError {
  return service === "monitoring"
    ? new EmuError("LimitExceededFault", `Limit exceeded for ${operation}.`, 400, "LimitExceeded")
    : new EmuError(
        "LimitExceededException",
        `Limit exceeded for ${operation}: the quota for this resource is reached.`,
      );
}

const IAM_PREFIX: Record<ServiceName, string> = {
  kinesisanalytics: "kinesisanalytics",
  monitoring: "cloudwatch",
  logs: "logs",
  flink: "flink",
  s3: "s3",
  sts: "sts",
  organizations: "organizations",
};

function accessDenied(service: ServiceName, operation: string): EmuError {
  const action = `${IAM_PREFIX[service]}:${operation}`;
  const message =
    `User is not authorized to perform: ${action} ` + `because no identity-based policy allows the ${action} action`;
  return service === "monitoring"
    ? new EmuError("AccessDenied", message, 403, "AccessDenied")
    : new EmuError("AccessDeniedException", message);
}

/** The error an injected `lose: "5xx"` answers with after the request was applied. */
export function lostAnswerError(): EmuError {
  return serverError("kinesisanalytics", false);
}

function serverError(service: ServiceName, unavailable: boolean): EmuError {
  return unavailable
    ? new EmuError(
        service === "monitoring" ? "ServiceUnavailable" : "ServiceUnavailableException",
        "Service is unavailable. Please try again later.",
        503,
        "ServiceUnavailable",
      )
    : new EmuError(
        "InternalFailure",
        "The request processing has failed because of an unknown error.",
        500,
        "InternalFailure",
      );
}
