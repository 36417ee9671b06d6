// Control API under /_emulator/ (plain JSON, no auth): reset, state, scenarios, log streams, deletes, faults, call
// counts, S3 buckets and objects, roles, STS sessions and regions.
import type { CallRecorder } from "../core/calls";
import type { StateView } from "../core/control-types";
import type { FaultInjector } from "../core/faults";
import { conditionalToken } from "../core/ids";
import type { IdentityService } from "../identity/identity";
import type { Store } from "../core/store";
import type { EmuSettings, Scenario } from "../core/types";
import { controlJson, type RenderedResponse } from "../http/respond";
import { DEFAULT_ACCOUNT_ID } from "../seed/spec";
import { handleIdentityControl } from "./identity-routes";
import { readFault } from "./read-fault";
import { handleS3Control } from "./s3-routes";

const SCENARIOS: readonly Scenario[] = [
  "healthy",
  "binary-incompatible",
  "state-incompatible",
  "slow-checkpoints",
  "stuck-updating",
  "rollback-fails",
  "slow-restart-loop",
  "silent",
  "late-failure",
  "maintenance-during-observation",
  "autoscaling-during-observation",
];

export interface ControlDeps {
  store: Store;
  faults: FaultInjector;
  calls: CallRecorder;
  identity: IdentityService;
  now: () => number;
  settings: EmuSettings;
  defaultSettings: EmuSettings;
}

export interface ControlRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: string;
}

const ok = (body: unknown = { ok: true }) => controlJson(200, body);
const fail = (status: number, error: string) => controlJson(status, { error });

export function handleControl(req: ControlRequest, deps: ControlDeps): RenderedResponse {
  const account = req.query.get("account") ?? DEFAULT_ACCOUNT_ID;
  if (!/^\d{12}$/.test(account)) return fail(400, "account must be a 12-digit account id");
  let parts: string[];
  try {
    parts = req.path
      .replace(/^\/_emulator\/?/, "")
      .split("/")
      .filter(Boolean)
      .map(decodeURIComponent);
  } catch {
    return fail(400, "malformed path");
  }
  const route = `${req.method} ${parts[0] ?? ""}`;
  let body: unknown;
  try {
    body = req.body.trim() ? JSON.parse(req.body) : {};
  } catch {
    return fail(400, "body must be JSON");
  }
  switch (route) {
    case "GET health":
      return ok();
    case "POST reset":
      deps.store.reset();
      deps.faults.reset();
      deps.calls.reset();
      // keepIdentity: a running dashboard keeps the sessions it was issued (AWS never forgets them on its own).
      if (!(body as { keepIdentity?: boolean }).keepIdentity) deps.identity.reset();
      Object.assign(deps.settings, deps.defaultSettings);
      return ok();
    case "GET settings":
      return ok(deps.settings);
    case "POST settings": {
      const flow =
        typeof body === "object" && body !== null ? (body as Record<string, unknown>).jobStateFlowDimension : undefined;
      if (typeof flow !== "boolean") return fail(400, "jobStateFlowDimension must be a boolean");
      deps.settings.jobStateFlowDimension = flow;
      return ok(deps.settings);
    }
    case "GET state":
      return ok(stateView(deps, req.query.get("account") ?? undefined));
    case "GET faults":
      return ok({ faults: deps.faults.list() });
    case "POST faults": {
      const spec = readFault(body);
      if (typeof spec === "string") return fail(400, spec);
      deps.faults.set(spec);
      return ok({ faults: deps.faults.list() });
    }
    case "DELETE faults":
      deps.faults.clear();
      return ok();
    case "GET calls":
      if (parts[1] === undefined) return ok({ calls: deps.calls.list(req.query.get("account") ?? undefined) });
      break;
    case "POST calls":
      if (parts[1] === "reset") {
        deps.calls.reset();
        return ok();
      }
      break;
    default:
      if (parts[0] === "apps" && parts.length >= 3) return handleAppRoute(req.method, parts, account, body, deps);
      if (parts[0] === "s3")
        return handleS3Control(req.method, parts.slice(1), account, body, deps.store.s3, deps.now());
      if (["roles", "sts", "regions"].includes(parts[0] ?? "")) {
        const answer = handleIdentityControl(req.method, parts, body, deps.identity, deps.now());
        if (answer) return answer;
      }
  }
  return fail(404, `no control route ${req.method} ${req.path}`);
}

function handleAppRoute(
  method: string,
  parts: string[],
  account: string,
  body: unknown,
  deps: ControlDeps,
): RenderedResponse {
  const [, region = "", name = "", action] = parts;
  const app = deps.store.app(account, region, name, deps.now());
  if (!app) return fail(404, `application ${name} not found in ${account}/${region}`);
  if (method === "GET" && action === undefined) {
    return ok({ ...app, conditionalToken: conditionalToken(app.arn, app.versionId, app.changeSeq), now: deps.now() });
  }
  if (method === "POST" && action === "scenario") {
    const scenario = typeof body === "object" && body !== null ? (body as { scenario?: unknown }).scenario : undefined;
    if (!SCENARIOS.includes(scenario as Scenario)) return fail(400, `scenario must be one of ${SCENARIOS.join(", ")}`);
    app.scenario = scenario as Scenario;
    return ok({ name, region, scenario });
  }
  if (method === "POST" && action === "logs") {
    const logStream =
      typeof body === "object" && body !== null ? (body as { logStream?: unknown }).logStream : undefined;
    if (typeof logStream !== "boolean") return fail(400, "logStream must be a boolean");
    app.logStream = logStream;
    return ok({ name, region, logStream });
  }
  if (method === "POST" && action === "delete") {
    deps.store.deleteApp(account, region, name);
    return ok({ deleted: name, region });
  }
  return fail(404, `no control route ${method} apps/${region}/${name}/${action ?? ""}`);
}

function stateView(deps: ControlDeps, onlyAccount: string | undefined): StateView {
  const now = deps.now();
  // An account asked for by id is seeded first (accounts are materialised on first use).
  if (onlyAccount) deps.store.materialise(onlyAccount);
  const accounts = onlyAccount ? [onlyAccount] : deps.store.accountIds();
  return {
    now,
    speed: deps.store.speed,
    accounts: accounts.map((accountId) => ({
      accountId,
      regions: deps.store.regionsOf(accountId).map((region) => ({
        region,
        apps: deps.store.apps(accountId, region, now).map((a) => ({
          accountId,
          region,
          name: a.name,
          status: a.status,
          runtime: a.runtime,
          scenario: a.scenario,
          versionId: a.versionId,
        })),
      })),
    })),
  };
}
