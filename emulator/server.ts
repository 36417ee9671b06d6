// Local AWS emulator: kinesisanalyticsv2 (AWS JSON 1.1) + CloudWatch (AWS JSON 1.0) + CloudWatch Logs (AWS JSON
// 1.1) + S3 (REST-XML, path-style) + the Flink dashboard + a control API.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { CallRecorder } from "./core/calls";
import type { FaultSpec, Speed } from "./core/control-types";
import { FaultInjector } from "./core/faults";
import { newRequestId } from "./core/ids";
import { Store } from "./core/store";
import { IdentityService } from "./identity/identity";
import { EmuError, type EmuDurations } from "./core/types";
import { handleRequest, type RequestDeps } from "./http/handle-request";
import { msfError, send } from "./http/respond";

export interface EmulatorOptions {
  port?: number;
  host?: string;
  speed?: Speed;
  /** Fleet size; omitted = the hand-made 72-app demo fleet over 3 regions. */
  apps?: number;
  regions?: number;
  /** Apps of each extra demo account (210987654321 payments-prod, 345678901234 analytics-dev); default 12. */
  extraAccountApps?: number;
  /** Default throttling for the three AWS services in every region (restored by POST /_emulator/reset). */
  throttleRps?: number;
  durations?: Partial<EmuDurations>;
  /** Start-up value of the Flow-dimension knob (EMULATOR_FLOW_DIMENSION=1). */
  jobStateFlowDimension?: boolean;
}

export interface RunningEmulator {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function createEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const store = new Store({
    speed: opts.speed ?? "demo",
    apps: opts.apps,
    regions: opts.regions,
    extraAccountApps: opts.extraAccountApps,
    durations: opts.durations,
  });
  const defaults: FaultSpec[] =
    opts.throttleRps === undefined
      ? []
      : (["kinesisanalytics", "monitoring", "logs"] as const).map((service) => ({
          service,
          throttleRps: opts.throttleRps,
        }));
  const defaultSettings = { jobStateFlowDimension: opts.jobStateFlowDimension ?? false };
  const deps: RequestDeps = {
    store,
    faults: new FaultInjector(defaults),
    calls: new CallRecorder(),
    identity: new IdentityService(),
    now: () => Date.now(),
    settings: { ...defaultSettings },
    defaultSettings,
    timers: new Set(),
  };

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
        for (const timer of deps.timers) clearTimeout(timer);
        deps.timers.clear();
        server.close(() => resolve());
        // Also ends hung requests: their sockets are still open.
        server.closeAllConnections();
      }),
  };
}
