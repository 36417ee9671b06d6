// AWS SDK errors mapped once to what a person can act on.
export type AwsErrorKind =
  "throttled" | "not-found" | "conflict" | "wrong-state" | "invalid" | "unavailable" | "unknown";

export interface AwsProblem {
  kind: AwsErrorKind;
  code: string;
  message: string;
}

const kindByCode: Record<string, AwsErrorKind> = {
  ThrottlingException: "throttled",
  LimitExceededException: "throttled",
  TooManyRequestsException: "throttled",
  Throttling: "throttled",
  ResourceNotFoundException: "not-found",
  ConcurrentModificationException: "conflict",
  ResourceInUseException: "wrong-state",
  InvalidArgumentException: "invalid",
  InvalidRequestException: "invalid",
  InvalidApplicationConfigurationException: "invalid",
  UnsupportedOperationException: "invalid",
  ServiceUnavailableException: "unavailable",
  InternalFailure: "unavailable",
};

const advice: Record<AwsErrorKind, string> = {
  throttled: "AWS is throttling requests; try again in a moment.",
  "not-found": "The application no longer exists in this region.",
  conflict: "Someone else changed this application since it was read; reload and try again.",
  "wrong-state": "The application's current status does not allow this operation.",
  invalid: "AWS rejected the request as invalid.",
  unavailable: "AWS is unavailable right now; try again later.",
  unknown: "The AWS call failed.",
};

export function describeAwsError(error: unknown): AwsProblem {
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const code = e?.name ?? "Error";
  let kind = kindByCode[code] ?? "unknown";
  if (kind === "unknown" && (e?.$metadata?.httpStatusCode ?? 0) >= 500) kind = "unavailable";
  if (kind === "unknown" && /ECONNREFUSED|fetch failed|socket hang up/i.test(e?.message ?? "")) kind = "unavailable";
  const detail = e?.message && e.message !== code ? ` (${code}: ${e.message})` : ` (${code})`;
  return { kind, code, message: advice[kind] + detail };
}
