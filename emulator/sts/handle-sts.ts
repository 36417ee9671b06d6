// HTTP entry of STS (awsQuery: form-encoded POST to "/", or GET with the same query parameters, signed for service
// `sts`). Per request: authentication, identity (sessions, regions), count (service "sts"), faults, the action.
import type { IncomingMessage, ServerResponse } from "node:http";
import { EmuError } from "../core/types";
import type { RequestDeps } from "../http/handle-request";
import { parseAuthorization } from "../http/auth";
import type { BodyResult } from "../http/body";
import { delay } from "../http/delay";
import { send, type RenderedResponse } from "../http/respond";
import { lostAnswerError } from "../core/faults";
import { stsCredentialError } from "../identity/errors";
import { assumeRole, getCallerIdentity, type StsContext } from "./assume-role";
import { STS_VERSION, stsError, stsResult } from "./wire";

const STS_SCOPE = /Credential=[^/,\s]+\/\d{8}\/[a-z0-9-]+\/sts\/aws4_request/;

const ACTIONS: Record<string, (params: URLSearchParams, ctx: StsContext) => string> = {
  AssumeRole: assumeRole,
  GetCallerIdentity: (_params, ctx) => getCallerIdentity(ctx),
};

/** Signed for sts, or an unsigned form POST (the only awsQuery service here), and not a JSON target. */
export function isStsRequest(req: IncomingMessage): boolean {
  if (req.headers["x-amz-target"] !== undefined) return false;
  const auth = header(req, "authorization");
  if (auth !== undefined) return STS_SCOPE.test(auth);
  return req.method === "POST" && (header(req, "content-type") ?? "").startsWith("application/x-www-form-urlencoded");
}

export async function handleSts(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  body: BodyResult,
  deps: RequestDeps,
  requestId: string,
): Promise<void> {
  const params = req.method === "GET" ? url.searchParams : new URLSearchParams(body.ok ? body.text : "");
  const action = params.get("Action") ?? "(none)";
  const now = deps.now();
  const auth = parseAuthorization(header(req, "authorization"));
  const resolution = auth.ok ? deps.identity.resolve(auth.caller, header(req, "x-amz-security-token"), now) : undefined;
  const callKey = {
    accountId: resolution ? (resolution.ok ? resolution.identity.accountId : resolution.accountId) : "unknown",
    service: "sts" as const,
    region: auth.ok ? auth.caller.region : "unknown",
    operation: action,
    sessionName: resolution?.ok ? resolution.identity.session?.sessionName : resolution?.sessionName,
  };
  const fail = (err: EmuError) => send(res, requestId, stsError(err, requestId));

  if (!body.ok || !auth.ok || !resolution?.ok) {
    deps.calls.record(callKey);
    if (!body.ok) return fail(new EmuError("RequestEntityTooLarge", "Request body exceeds the 1 MB limit.", 413));
    if (!auth.ok) {
      const missing = auth.code === "MissingAuthenticationTokenException";
      return fail(new EmuError(missing ? "MissingAuthenticationToken" : "IncompleteSignature", auth.message, 403));
    }
    return fail(stsCredentialError(resolution!.ok ? "unknown-key" : resolution!.problem));
  }
  const fault = deps.faults.decide("sts", callKey.region, action, now, callKey.accountId);
  deps.calls.record(callKey, fault.outcome);
  if (fault.hang) return;
  if (fault.latencyMs > 0) await delay(fault.latencyMs, deps.timers);

  let rendered: RenderedResponse;
  try {
    if (fault.error) throw fault.error;
    const handler = Object.hasOwn(ACTIONS, action) ? ACTIONS[action] : undefined;
    if (!handler || params.get("Version") !== STS_VERSION) {
      const version = params.get("Version") ?? "(none)";
      throw new EmuError("InvalidAction", `Could not find operation ${action} for version ${version}`);
    }
    const ctx: StsContext = { caller: resolution.identity, identity: deps.identity, now: deps.now() };
    rendered = stsResult(action, handler(params, ctx), requestId);
  } catch (err) {
    const error =
      err instanceof EmuError ? err : new EmuError("InternalFailure", `Unexpected emulator error: ${String(err)}`, 500);
    rendered = stsError(error, requestId);
  }
  if (fault.lose === "reset") {
    req.socket.destroy();
    return;
  }
  send(res, requestId, fault.lose === "5xx" ? stsError(lostAnswerError(), requestId) : rendered);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
