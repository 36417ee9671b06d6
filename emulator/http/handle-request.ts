// One AWS request: S3 (signed for service s3, path-style /<bucket>/<key>) goes to s3/handle-s3.ts, STS (awsQuery)
// to sts/handle-sts.ts; the rest is routed by X-Amz-Target (MSF, CloudWatch, CloudWatch Logs, Organizations),
// authenticated (identity/), counted, faulted, handled and answered here.
import type { IncomingMessage, ServerResponse } from "node:http";
import { cloudWatchErrorResponse, handleCloudWatch } from "../cloudwatch/index";
import { handleControl } from "../control/routes";
import type { CallRecorder } from "../core/calls";
import type { ServiceName } from "../core/control-types";
import { lostAnswerError, type FaultDecision, type FaultInjector } from "../core/faults";
import { newRequestId } from "../core/ids";
import type { Store } from "../core/store";
import { EmuError, type EmuSettings } from "../core/types";
import { FLINK_PREFIX, handleFlink } from "../flink/handle-flink";
import { handleLogs, logsErrorResponse, logsJson } from "../logs/index";
import { cloudWatchCredentialError, jsonCredentialError } from "../identity/errors";
import type { IdentityService } from "../identity/identity";
import { handleMsf } from "../msf/index";
import { handleOrganizations, organizationsErrorResponse } from "../organizations/index";
import { handleS3, isS3Request } from "../s3/handle-s3";
import { handleSts, isStsRequest } from "../sts/handle-sts";
import { parseAuthorization } from "./auth";
import { readBody } from "./body";
import { delay } from "./delay";
import { msfError, msfJson, send, type RenderedResponse } from "./respond";

export interface RequestDeps {
  store: Store;
  faults: FaultInjector;
  calls: CallRecorder;
  /** Roles, STS sessions and disabled regions (reset with the store). */
  identity: IdentityService;
  now: () => number;
  settings: EmuSettings;
  /** Start-up settings, restored by POST /_emulator/reset. */
  defaultSettings: EmuSettings;
  /** Pending latency timers, cleared when the server closes. */
  timers: Set<NodeJS.Timeout>;
}

const TARGETS: Record<string, ServiceName> = {
  "KinesisAnalytics_20180523.": "kinesisanalytics",
  "GraniteServiceVersion20100801.": "monitoring",
  "Logs_20140328.": "logs",
  "AWSOrganizationsV20161128.": "organizations",
};

export async function handleRequest(req: IncomingMessage, res: ServerResponse, deps: RequestDeps): Promise<void> {
  const requestId = newRequestId();
  // The raw target: S3 keys may hold "..", "//" or "%2F", which URL parsing would normalise away.
  const rawTarget = (req.url ?? "/").replace(/^[a-z]+:\/\/[^/]*/i, "") || "/";
  const queryAt = rawTarget.indexOf("?");
  const rawPath = queryAt < 0 ? rawTarget : rawTarget.slice(0, queryAt);
  const rawQuery = queryAt < 0 ? "" : rawTarget.slice(queryAt + 1);
  const internal = rawPath === "/_emulator" || rawPath.startsWith("/_emulator/") || rawPath.startsWith(FLINK_PREFIX);
  if (!internal && isS3Request(req, rawPath, rawQuery)) return handleS3(req, res, rawPath, rawQuery, deps);
  const url = new URL(rawTarget, "http://emulator.local");
  const body = await readBody(req);
  if (url.pathname === "/_emulator" || url.pathname.startsWith("/_emulator/")) {
    const text = body.ok ? body.text : "";
    const control = { method: req.method ?? "GET", path: url.pathname, query: url.searchParams, body: text };
    send(res, requestId, handleControl(control, deps));
    return;
  }
  if (url.pathname.startsWith(FLINK_PREFIX)) return handleFlink(req, res, url, deps);
  if (isStsRequest(req)) return handleSts(req, res, url, body, deps, requestId);

  const target = headerValue(req, "x-amz-target") ?? "";
  const prefix = Object.keys(TARGETS).find((p) => target.startsWith(p));
  const service = prefix ? TARGETS[prefix] : undefined;
  const operation = prefix ? target.slice(prefix.length) : target || "(none)";
  const renderError = (err: EmuError): RenderedResponse =>
    service === "monitoring"
      ? cloudWatchErrorResponse(err)
      : service === "logs"
        ? logsErrorResponse(err)
        : service === "organizations"
          ? organizationsErrorResponse(err)
          : msfError(err);

  const auth = parseAuthorization(headerValue(req, "authorization"));
  const region = auth.ok ? auth.caller.region : "unknown";
  // Organizations is global: no region switch applies to it.
  const resolution = auth.ok
    ? deps.identity.resolve(
        auth.caller,
        headerValue(req, "x-amz-security-token"),
        deps.now(),
        service !== "organizations",
      )
    : undefined;
  const accountId = resolution ? (resolution.ok ? resolution.identity.accountId : resolution.accountId) : "unknown";
  const parsed = body.ok ? parseJson(body.text) : undefined;
  const callKey = {
    accountId,
    service: service ?? ("unknown" as const),
    region,
    operation,
    app: parsed?.ok ? appNameOf(parsed.value) : undefined,
    sessionName: resolution?.ok ? resolution.identity.session?.sessionName : resolution?.sessionName,
  };

  if (!body.ok || req.method !== "POST" || !service || !resolution?.ok) deps.calls.record(callKey);
  if (!body.ok) {
    const tooLarge = new EmuError("SerializationException", "Request body exceeds the 1 MB limit.", 413);
    send(res, requestId, renderError(tooLarge));
    return;
  }
  if (req.method !== "POST" || !service) {
    const message = `Unknown operation ${req.method} ${target || "(no X-Amz-Target)"}.`;
    send(res, requestId, msfError(new EmuError("UnknownOperationException", message)));
    return;
  }
  if (!auth.ok) {
    send(res, requestId, renderError(new EmuError(auth.code, auth.message, 403)));
    return;
  }
  if (!resolution?.ok) {
    const problem = resolution?.problem ?? "unknown-key";
    const error = service === "monitoring" ? cloudWatchCredentialError(problem) : jsonCredentialError(problem);
    send(res, requestId, renderError(error));
    return;
  }
  const fault = deps.faults.decide(service, region, operation, deps.now(), accountId);
  deps.calls.record(callKey, fault.outcome);
  // Hung: no answer at all; the socket stays open until the client gives up (or the server closes it).
  if (fault.hang) return;
  if (fault.latencyMs > 0) await delay(fault.latencyMs, deps.timers);
  let rendered: RenderedResponse;
  try {
    if (fault.error) throw fault.error;
    if (!parsed?.ok) {
      throw service === "kinesisanalytics"
        ? new EmuError("InvalidRequestException", "Request body is not valid JSON.")
        : new EmuError("SerializationException", "Request body is not valid JSON.", 400, "SerializationError");
    }
    const ctx = {
      accountId,
      region,
      now: deps.now(),
      durations: deps.store.durations,
      store: deps.store,
      requestId,
      settings: deps.settings,
      metricStatus: fault.metricStatus,
      origin: `http://${headerValue(req, "host") ?? "127.0.0.1"}`,
    };
    if (service === "kinesisanalytics") rendered = msfJson(handleMsf(operation, parsed.value, ctx));
    else if (service === "logs") rendered = logsJson(handleLogs(operation, parsed.value, ctx));
    else if (service === "organizations")
      rendered = msfJson(handleOrganizations(operation, parsed.value, resolution.identity));
    else rendered = cloudWatchJson(handleCloudWatch(operation, parsed.value, ctx));
  } catch (err) {
    const error =
      err instanceof EmuError ? err : new EmuError("InternalFailure", `Unexpected emulator error: ${String(err)}`, 500);
    rendered = renderError(error);
  }
  deliver(req, res, requestId, fault, rendered, renderError);
}

/** Sends the answer, or loses it after the request was applied (injected `lose`). */
function deliver(
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
  fault: FaultDecision,
  rendered: RenderedResponse,
  renderError: (err: EmuError) => RenderedResponse,
): void {
  if (fault.lose === "reset") {
    req.socket.destroy();
    return;
  }
  send(res, requestId, fault.lose === "5xx" ? renderError(lostAnswerError()) : rendered);
}

function cloudWatchJson(output: unknown): RenderedResponse {
  return { status: 200, headers: { "Content-Type": "application/x-amz-json-1.0" }, body: JSON.stringify(output ?? {}) };
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === "") return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function appNameOf(input: unknown): string | undefined {
  if (typeof input !== "object" || input === null) return undefined;
  const { ApplicationName, ResourceARN, logGroupName, logGroupIdentifier } = input as Record<string, unknown>;
  if (typeof ApplicationName === "string") return ApplicationName.slice(0, 128);
  if (typeof ResourceARN === "string") return /application\/([^/]{1,128})$/.exec(ResourceARN)?.[1];
  const group = typeof logGroupName === "string" ? logGroupName : logGroupIdentifier;
  if (typeof group === "string") return /\/aws\/kinesis-analytics\/([^/:]{1,128})(?::\*)?$/.exec(group)?.[1];
  return undefined;
}
