// AWS SDK errors mapped once to what a person can act on.
export type AwsErrorKind =
  | "throttled"
  | "not-found"
  | "conflict"
  | "wrong-state"
  | "invalid"
  | "unavailable"
  | "timeout"
  | "forbidden"
  | "expired"
  | "unknown";

export interface AwsProblem {
  kind: AwsErrorKind;
  code: string;
  /** What a person reads (pages, stored runs): the advice, the error code, and AWS's words with identifiers masked. */
  message: string;
  /** AWS's own words, unmasked: for the server log only. */
  detail: string;
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
  ServiceUnavailable: "unavailable",
  InternalFailure: "unavailable",
  InternalServerError: "unavailable",
  TimeoutError: "timeout",
  RequestTimeout: "timeout",
  RequestTimeoutException: "timeout",
  AccessDeniedException: "forbidden",
  AccessDenied: "forbidden",
  UnrecognizedClientException: "forbidden",
  InvalidClientTokenId: "forbidden",
  InvalidAccessKeyId: "forbidden",
  InvalidToken: "forbidden",
  ExpiredTokenException: "expired",
  ExpiredToken: "expired",
};

const advice: Record<AwsErrorKind, string> = {
  throttled: "AWS is throttling requests; try again in a moment.",
  "not-found": "The application no longer exists in this region.",
  conflict: "Someone else changed this application since it was read; reload and try again.",
  "wrong-state": "The application's current status does not allow this operation.",
  invalid: "AWS rejected the request as invalid.",
  unavailable: "AWS is unavailable right now; try again later.",
  timeout: "AWS did not answer in time.",
  forbidden: "AWS refused the request: check the IAM permissions of the dashboard's role.",
  expired: "The account's temporary credentials expired; the next attempt assumes its role again.",
  unknown: "The AWS call failed.",
};

const networkFailure = /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EAI_AGAIN|fetch failed|socket hang up|aborted/i;

/** The kinds that say nothing about the request itself: the same call may well succeed a moment later. */
// An expired session is forgotten when AWS says so (lib/aws/clients.ts), so the next attempt signs with a new one.
const transientKinds = new Set<AwsErrorKind>(["throttled", "unavailable", "timeout", "expired"]);

/** Throttling, 5xx, timeouts and network errors: retried with backoff. Anything else is an answer. */
export function isTransient(error: unknown): boolean {
  return transientKinds.has(describeAwsError(error).kind);
}

/** "throttled", "AWS unavailable", "timed out": what the run page says while a step retries. */
export function transientReason(error: unknown): string {
  const kind = describeAwsError(error).kind;
  if (kind === "expired") return "credentials expired";
  return kind === "throttled" ? "throttled" : kind === "timeout" ? "timed out" : "AWS unavailable";
}

export function describeAwsError(error: unknown): AwsProblem {
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const code = e?.name ?? "Error";
  let kind = kindByCode[code] ?? "unknown";
  if (kind === "unknown" && (e?.$metadata?.httpStatusCode ?? 0) >= 500) kind = "unavailable";
  if (kind === "unknown" && networkFailure.test(`${e?.message ?? ""} ${(e as { code?: string })?.code ?? ""}`))
    kind = "unavailable";
  const detail = e?.message && e.message !== code ? e.message : "";
  // An access denial names the caller's role ARN, an unknown error may say anything: their words stay in the log.
  const shown = detail && kind !== "forbidden" && kind !== "unknown" ? `: ${maskIdentifiers(detail)}` : "";
  return { kind, code, message: `${advice[kind]} (${code}${shown})`, detail };
}

/** ARNs and 12-digit account ids in AWS's words, masked: they reach browsers and the run history. */
export function maskIdentifiers(text: string): string {
  return text.replace(/arn:aws[\w-]*:[^\s"',;)]*/g, "arn:…").replace(/\b\d{12}\b/g, "…");
}
