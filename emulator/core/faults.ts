// Injected faults per service (+ optional region): token-bucket throttling, random 5xx, added latency.
import { EmuError } from "./types";
import type { FaultSpec, ServiceName } from "./control-types";
import { createPrng, type Prng } from "./prng";

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export interface FaultDecision {
  latencyMs: number;
  error?: EmuError;
}

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

  /** A spec replaces the previous one for the same service + region scope. */
  set(spec: FaultSpec): void {
    this.faults = this.faults.filter((f) => !(f.service === spec.service && f.region === spec.region));
    this.faults.push({ ...spec });
    for (const key of [...this.buckets.keys()]) if (key.startsWith(`${spec.service}|`)) this.buckets.delete(key);
  }

  list(): FaultSpec[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** The region-specific spec wins over the all-regions one. */
  private specFor(service: ServiceName, region: string): FaultSpec | undefined {
    return (
      this.faults.find((f) => f.service === service && f.region === region) ??
      this.faults.find((f) => f.service === service && f.region === undefined)
    );
  }

  decide(service: ServiceName, region: string, now: number): FaultDecision {
    const spec = this.specFor(service, region);
    if (!spec) return { latencyMs: 0 };
    const latencyMs = Math.max(0, spec.latencyMs ?? 0);
    if (spec.throttleRps !== undefined && !this.take(`${service}|${region}`, spec.throttleRps, now)) {
      const code = spec.throttleCode ?? "ThrottlingException";
      return {
        latencyMs,
        error: new EmuError(
          code,
          "Rate exceeded",
          400,
          code === "ThrottlingException" ? "Throttling" : "LimitExceededException",
        ),
      };
    }
    if (spec.errorRate !== undefined && spec.errorRate > 0 && this.rng.next() < spec.errorRate) {
      const unavailable = this.rng.next() < 0.5;
      return {
        latencyMs,
        error: unavailable
          ? new EmuError(
              service === "kinesisanalytics" ? "ServiceUnavailableException" : "ServiceUnavailable",
              "Service is unavailable. Please try again later.",
              503,
              "ServiceUnavailable",
            )
          : new EmuError(
              "InternalFailure",
              "The request processing has failed because of an unknown error.",
              500,
              "InternalFailure",
            ),
      };
    }
    return { latencyMs };
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
