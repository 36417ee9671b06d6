// HTTP entry of the Flink dashboard behind CreateApplicationPresignedUrl:
//   /_flink/<account>/<region>/<app>/flinkdashboard[/<REST path>]?authToken=<token>
// Order per request: count it, injected faults (service "flink"), token (403), JobManager present (503), route.
import { delay } from "../http/delay";
import type { IncomingMessage, ServerResponse } from "node:http";
import { newRequestId } from "../core/ids";
import type { RequestDeps } from "../http/handle-request";
import { send, type RenderedResponse } from "../http/respond";
import { jobViewAt, type JobView } from "./job-view";
import {
  checkpointsBody,
  configBody,
  exceptionsBody,
  jobConfigBody,
  jobDetailsBody,
  jobsBody,
  overviewBody,
  vertexBody,
} from "./rest-render";
import { checkSession } from "./sessions";

export const FLINK_PREFIX = "/_flink/";

interface Route {
  /** Operation name in /_emulator/calls and fault scopes: Flink's REST path template. */
  operation: string;
  params: string[];
}

const TEMPLATES = [
  "/config",
  "/jobs",
  "/jobs/overview",
  "/jobs/:jobid",
  "/jobs/:jobid/exceptions",
  "/jobs/:jobid/checkpoints",
  "/jobs/:jobid/config",
  "/jobs/:jobid/vertices/:vertexid",
];

function matchRoute(rest: string[]): Route {
  if (rest.length === 0) return { operation: "/", params: [] };
  for (const template of TEMPLATES) {
    const parts = template.split("/").slice(1);
    if (parts.length !== rest.length) continue;
    const params: string[] = [];
    const ok = parts.every((p, i) => (p.startsWith(":") ? (params.push(rest[i]!), true) : p === rest[i]));
    if (ok) return { operation: template, params };
  }
  return { operation: "(unknown)", params: [] };
}

const json = (status: number, body: unknown): RenderedResponse => ({
  status,
  headers: { "Content-Type": "application/json; charset=UTF-8" },
  body: JSON.stringify(body),
});
const html = (status: number, body: string): RenderedResponse => ({
  status,
  headers: { "Content-Type": "text/html; charset=UTF-8" },
  body,
});

const LOGIN_PAGE =
  '<!DOCTYPE html><html><head><title>Sign in</title></head><body><form method="post" action="/login">' +
  '<h1>Sign in to continue</h1><input name="username"><input name="password" type="password">' +
  "<button>Sign in</button></form></body></html>";
const FORBIDDEN_PAGE = "<html><head><title>403 Forbidden</title></head><body><h1>403 Forbidden</h1></body></html>";
const BAD_GATEWAY_PAGE =
  "<html><head><title>503 Service Temporarily Unavailable</title></head><body><h1>503 Service Temporarily Unavailable</h1></body></html>";
const DASHBOARD_PAGE =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Apache Flink Web Dashboard</title>' +
  '<base href="./"></head><body><flink-root></flink-root></body></html>';
// What Flink's REST answers while no JobManager leads (the cluster is gone or being replaced).
const NO_LEADER = { errors: ["Service temporarily unavailable due to an ongoing leader election. Please refresh."] };

export async function handleFlink(req: IncomingMessage, res: ServerResponse, url: URL, deps: RequestDeps) {
  const requestId = newRequestId();
  const segments = url.pathname.slice(FLINK_PREFIX.length).split("/");
  const [accountId = "", region = "", rawApp = "", dashboard, ...rest] = segments;
  let appName = rawApp;
  try {
    appName = decodeURIComponent(rawApp);
  } catch {
    /* a malformed name simply matches no session */
  }
  const route =
    dashboard === "flinkdashboard" ? matchRoute(rest.filter(Boolean)) : { operation: "(unknown)", params: [] };
  const now = deps.now();
  const fault = deps.faults.decide("flink", region, route.operation, now);
  deps.calls.record({ accountId, service: "flink", region, operation: route.operation, app: appName }, fault.outcome);
  if (fault.hang) return;
  if (fault.latencyMs > 0) await delay(fault.latencyMs, deps.timers);
  if (fault.error) {
    const rendered =
      fault.error.httpStatus === 503 ? html(503, BAD_GATEWAY_PAGE) : json(500, { errors: ["Internal server error."] });
    return send(res, requestId, rendered);
  }
  if (fault.html) return send(res, requestId, html(200, LOGIN_PAGE));
  send(res, requestId, answer(req, url, deps, { accountId, region, appName }, route, now));
}

function answer(
  req: IncomingMessage,
  url: URL,
  deps: RequestDeps,
  target: { accountId: string; region: string; appName: string },
  route: Route,
  now: number,
): RenderedResponse {
  const check = checkSession(deps.store, url.searchParams.get("authToken"), target, now);
  if (!check.ok) return html(403, FORBIDDEN_PAGE);
  if (req.method !== "GET") return json(405, { errors: ["Not found: " + url.pathname] });
  const app = deps.store.app(target.accountId, target.region, target.appName, now);
  const job = app && jobViewAt(app, now, deps.store.durations);
  if (!app || !job) return json(503, NO_LEADER);
  if (route.operation === "/") return html(200, DASHBOARD_PAGE);
  if (route.operation === "/config") return json(200, configBody(job.runtime));
  if (route.operation === "/jobs") return json(200, jobsBody(job));
  if (route.operation === "/jobs/overview") return json(200, overviewBody(app, job, now));
  if (route.operation === "(unknown)") return json(404, { errors: ["Not found: " + url.pathname] });
  const [jobId, vertexId] = route.params;
  if (jobId !== job.jid) return jobNotFound(jobId ?? "");
  const body = jobEndpoint(route.operation, app, job, now, deps.store.durations.checkpointIntervalMs, vertexId);
  return body === undefined ? json(404, notFoundBody(url)) : json(200, body);
}

function jobEndpoint(
  operation: string,
  app: Parameters<typeof overviewBody>[0],
  job: JobView,
  now: number,
  checkpointIntervalMs: number,
  vertexId: string | undefined,
): unknown {
  switch (operation) {
    case "/jobs/:jobid":
      return jobDetailsBody(app, job, now);
    case "/jobs/:jobid/exceptions":
      return exceptionsBody(app, job);
    case "/jobs/:jobid/checkpoints":
      // Reported durations are real milliseconds (as in CloudWatch); the timeline runs at the emulator speed.
      return checkpointsBody(app, job, checkpointIntervalMs / 60_000);
    case "/jobs/:jobid/config":
      return jobConfigBody(job);
    case "/jobs/:jobid/vertices/:vertexid":
      return vertexBody(app, job, vertexId ?? "", now);
  }
  return undefined;
}

function notFoundBody(url: URL) {
  return { errors: ["Not found: " + url.pathname] };
}

function jobNotFound(jobId: string): RenderedResponse {
  return json(404, {
    errors: [
      `org.apache.flink.runtime.rest.handler.RestHandlerException: Job ${jobId} not found\n` +
        "\tat org.apache.flink.runtime.rest.handler.job.AbstractExecutionGraphHandler.lambda$handleRequest$1(AbstractExecutionGraphHandler.java:99)",
    ],
  });
}
