// Local AWS emulator: kinesisanalyticsv2 (AWS JSON 1.1) + CloudWatch (AWS JSON 1.0) + a control API.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { cloudWatchErrorResponse, handleCloudWatch } from "./cloudwatch/index";
import { handleControl } from "./control/routes";
import { CallRecorder } from "./core/calls";
import type { FaultSpec, ServiceName, Speed } from "./core/control-types";
import { FaultInjector } from "./core/faults";
import { newRequestId } from "./core/ids";
import { Store } from "./core/store";
import { EmuError, type EmuDurations } from "./core/types";
import { parseAuthorization } from "./http/auth";
import { readBody } from "./http/body";
import { msfError, msfJson, send, type RenderedResponse } from "./http/respond";
import { handleMsf } from "./msf/index";

export interface EmulatorOptions {
  port?: number;
  host?: string;
  speed?: Speed;
  /** Fleet size; omitted = the hand-made 72-app demo fleet over 3 regions. */
  apps?: number;
  regions?: number;
  /** Default throttling for both services in every region (restored by POST /_emulator/reset). */
  throttleRps?: number;
  durations?: Partial<EmuDurations>;
}

export interface RunningEmulator {
  url: string;
  port: number;
  close(): Promise<void>;
}

const TARGETS: Record<string, ServiceName> = {
  "KinesisAnalytics_20180523.": "kinesisanalytics",
  "GraniteServiceVersion20100801.": "monitoring",
};

export async function createEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const store = new Store({
    speed: opts.speed ?? "demo",
    apps: opts.apps,
    regions: opts.regions,
    durations: opts.durations,
  });
  const defaults: FaultSpec[] =
    opts.throttleRps === undefined
      ? []
      : (["kinesisanalytics", "monitoring"] as const).map((service) => ({ service, throttleRps: opts.throttleRps }));
  const deps = { store, faults: new FaultInjector(defaults), calls: new CallRecorder(), now: () => Date.now() };

  const server = createServer((req, res) => {
    handleRequest(req, res, deps).catch((err: unknown) => {
      const error = new EmuError("InternalFailure", `Unexpected emulator error: ${String(err)}`, 500);
      send(res, newRequestId(), msfError(error));
    });
  });
  server.on("clientError", (_err, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 4566, opts.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.host ?? "127.0.0.1";
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

type Deps = { store: Store; faults: FaultInjector; calls: CallRecorder; now: () => number };

async function handleRequest(req: IncomingMessage, res: ServerResponse, deps: Deps): Promise<void> {
  const requestId = newRequestId();
  const url = new URL(req.url ?? "/", "http://emulator.local");
  const body = await readBody(req);
  if (url.pathname === "/_emulator" || url.pathname.startsWith("/_emulator/")) {
    const text = body.ok ? body.text : "";
    send(
      res,
      requestId,
      handleControl({ method: req.method ?? "GET", path: url.pathname, query: url.searchParams, body: text }, deps),
    );
    return;
  }

  const target = headerValue(req, "x-amz-target") ?? "";
  const prefix = Object.keys(TARGETS).find((p) => target.startsWith(p));
  const service = prefix ? TARGETS[prefix] : undefined;
  const operation = prefix ? target.slice(prefix.length) : target || "(none)";
  const renderError = (err: EmuError): RenderedResponse =>
    service === "monitoring" ? cloudWatchErrorResponse(err) : msfError(err);

  const auth = parseAuthorization(headerValue(req, "authorization"));
  const region = auth.ok ? auth.caller.region : "unknown";
  const accountId = auth.ok ? auth.caller.accountId : "unknown";
  const parsed = body.ok ? parseJson(body.text) : undefined;
  const callKey = {
    accountId,
    service: service ?? ("unknown" as const),
    region,
    operation,
    app: parsed?.ok ? appNameOf(parsed.value) : undefined,
  };

  if (!body.ok || req.method !== "POST" || !service || !auth.ok) deps.calls.record(callKey);
  if (!body.ok) {
    send(
      res,
      requestId,
      renderError(new EmuError("SerializationException", "Request body exceeds the 1 MB limit.", 413)),
    );
    return;
  }
  if (req.method !== "POST" || !service) {
    send(
      res,
      requestId,
      msfError(
        new EmuError("UnknownOperationException", `Unknown operation ${req.method} ${target || "(no X-Amz-Target)"}.`),
      ),
    );
    return;
  }
  if (!auth.ok) {
    send(res, requestId, renderError(new EmuError(auth.code, auth.message, 403)));
    return;
  }
  const fault = deps.faults.decide(service, region, deps.now());
  const throttled = fault.error !== undefined && fault.error.httpStatus < 500;
  deps.calls.record(callKey, fault.error ? (throttled ? "throttled" : "failed") : "ok");
  if (fault.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
  try {
    if (fault.error) throw fault.error;
    if (!parsed?.ok) {
      throw service === "monitoring"
        ? new EmuError("SerializationException", "Request body is not valid JSON.", 400, "SerializationError")
        : new EmuError("InvalidRequestException", "Request body is not valid JSON.");
    }
    const ctx = { accountId, region, now: deps.now(), durations: deps.store.durations, store: deps.store, requestId };
    if (service === "kinesisanalytics") {
      send(res, requestId, msfJson(handleMsf(operation, parsed.value, ctx)));
    } else {
      const output = handleCloudWatch(operation, parsed.value, ctx);
      send(res, requestId, {
        status: 200,
        headers: { "Content-Type": "application/x-amz-json-1.0" },
        body: JSON.stringify(output ?? {}),
      });
    }
  } catch (err) {
    const error =
      err instanceof EmuError ? err : new EmuError("InternalFailure", `Unexpected emulator error: ${String(err)}`, 500);
    send(res, requestId, renderError(error));
  }
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
  const { ApplicationName, ResourceARN } = input as Record<string, unknown>;
  if (typeof ApplicationName === "string") return ApplicationName.slice(0, 128);
  if (typeof ResourceARN === "string") return /application\/([^/]{1,128})$/.exec(ResourceARN)?.[1];
  return undefined;
}
