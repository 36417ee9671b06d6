// Validation of POST /_emulator/faults bodies.
import type { FaultSpec, ServiceName } from "../core/control-types";

const SERVICES: readonly ServiceName[] = [
  "kinesisanalytics",
  "monitoring",
  "logs",
  "flink",
  "s3",
  "sts",
  "organizations",
];

const FLINK_UNSUPPORTED = [
  "throttleRps",
  "throttleCode",
  "throttleRate",
  "lose",
  "quota",
  "deny",
  "metricStatus",
] as const;

export function readFault(body: unknown): FaultSpec | string {
  if (typeof body !== "object" || body === null) return "body must be an object";
  const b = body as Record<string, unknown>;
  if (!SERVICES.includes(b.service as ServiceName)) return `service must be ${SERVICES.join(", ")}`;
  const problems: string[] = [];
  const read = <T>(key: string, valid: (v: unknown) => boolean, rule: string): T | undefined => {
    const v = b[key];
    if (v === undefined || v === null) return undefined;
    if (valid(v)) return v as T;
    problems.push(`${key} must be ${rule}`);
    return undefined;
  };
  const number = (key: string, min: number, max = Infinity) =>
    read<number>(key, (v) => typeof v === "number" && v >= min && v <= max, `a number in ${min}..${max}`);
  const oneOf = <T extends string>(key: string, values: readonly T[]) =>
    read<T>(key, (v) => values.includes(v as T), `one of ${values.join(", ")}`);
  const flag = (key: string) => read<boolean>(key, (v) => typeof v === "boolean", "a boolean");
  const text = (key: string) => read<string>(key, (v) => typeof v === "string" && v !== "", "a non-empty string");

  const spec: FaultSpec = {
    service: b.service as ServiceName,
    region: text("region"),
    operation: text("operation"),
    throttleRps: number("throttleRps", 0),
    throttleCode: oneOf("throttleCode", ["ThrottlingException", "LimitExceededException"] as const),
    throttleRate: number("throttleRate", 0, 1),
    errorRate: number("errorRate", 0, 1),
    latencyMs: number("latencyMs", 0, 60_000),
    lose: oneOf("lose", ["5xx", "reset"] as const),
    hang: flag("hang") || undefined,
    quota: flag("quota") || undefined,
    deny: flag("deny") || undefined,
    metricStatus: oneOf("metricStatus", ["Forbidden", "InternalError"] as const),
    html: flag("html") || undefined,
    remaining: read<number>("remaining", (v) => Number.isInteger(v) && (v as number) >= 1, "an integer ≥ 1"),
  };
  if ((spec.throttleRate ?? 0) + (spec.errorRate ?? 0) > 1) problems.push("throttleRate + errorRate must be ≤ 1");
  if (spec.metricStatus && b.service !== "monitoring") problems.push("metricStatus needs service monitoring");
  if (spec.html && b.service !== "flink") problems.push("html needs service flink");
  // The Flink dashboard is no AWS API: it has no throttling, quota or lost-answer semantics to emulate.
  if (b.service === "flink") {
    const unsupported = FLINK_UNSUPPORTED.filter((key) => b[key] !== undefined && b[key] !== null);
    if (unsupported.length)
      problems.push(`service flink supports only latencyMs, hang, errorRate, html: not ${unsupported.join(", ")}`);
  }
  // S3, STS and Organizations have no quota error for these operations and one throttling code each (SlowDown,
  // Throttling, TooManyRequestsException).
  if (b.service === "s3" || b.service === "sts" || b.service === "organizations") {
    const unsupported = (["quota", "throttleCode"] as const).filter((key) => b[key] !== undefined && b[key] !== null);
    if (unsupported.length) problems.push(`service ${b.service} does not support ${unsupported.join(", ")}`);
  }
  if (problems.length) return problems.join("; ");
  return Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined)) as unknown as FaultSpec;
}
