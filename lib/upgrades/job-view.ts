import { CreateApplicationPresignedUrlCommand } from "@aws-sdk/client-kinesis-analytics-v2";
import { msfClient } from "@/lib/aws/clients";
import { describeAwsError } from "@/lib/aws/errors";
import { env } from "@/lib/env";
import { innermostCause } from "@/lib/logs/log-line";
import { awsCall } from "./record";
import { timings } from "./timing";
import { runScope, type Run } from "./run-types";

// The Flink job's own view, through the presigned dashboard URL (what aws-samples' task_status.sh does). The URL
// and its token live only in this process's memory: never stored, logged, or sent to a browser.

export interface JobFailure {
  at: Date;
  exceptionClass: string;
  message: string;
  stack: string | null;
}

export interface JobView {
  jobId: string;
  state: string;
  startedAt: Date | null;
  /** Failures the exception history lists (each one restarted the job), oldest first. */
  failures: JobFailure[];
  failedCheckpoints: number;
  /** When the checkpoints the view still lists failed (the REST history keeps the last 10), oldest first. */
  checkpointFailures: Date[];
  flinkVersion: string | null;
}

export type JobViewRead = { ok: true; view: JobView } | { ok: false; reason: string };

interface Dashboard {
  base: string;
  token: string;
}

const dashboards = new Map<string, Dashboard>();
/** After a refusal that will not go away by itself (no permission), ask again only after this. */
const quietUntil = new Map<string, { until: number; reason: string }>();

class DashboardRefused extends Error {}

/** Reads the job view, creating a presigned URL when there is none or the last one was refused. */
export async function readJobView(run: Run): Promise<JobViewRead> {
  const quiet = quietUntil.get(run.id);
  if (quiet && quiet.until > Date.now()) return { ok: false, reason: quiet.reason };
  for (const fresh of [false, true]) {
    let dashboard = fresh ? undefined : dashboards.get(run.id);
    try {
      dashboard ??= await createDashboard(run);
      return { ok: true, view: await readView(dashboard) };
    } catch (error) {
      dashboards.delete(run.id);
      if (error instanceof DashboardRefused && !fresh) continue;
      const reason = unavailableReason(error);
      if (isLasting(error)) quietUntil.set(run.id, { until: Date.now() + 6 * timings().pollMs, reason });
      return { ok: false, reason };
    }
  }
  return { ok: false, reason: "the dashboard refused a fresh presigned URL" };
}

export function forgetJobView(runId: string): void {
  dashboards.delete(runId);
  quietUntil.delete(runId);
}

/** A missing permission or an API this endpoint does not offer stays so for the rest of the run. */
function isLasting(error: unknown): boolean {
  const kind = describeAwsError(error).kind;
  return kind === "forbidden" || (error as Error).name === "UnknownOperationException";
}

async function createDashboard(run: Run): Promise<Dashboard> {
  const out = await awsCall(
    run,
    "CreateApplicationPresignedUrl",
    () =>
      msfClient(runScope(run)).send(
        new CreateApplicationPresignedUrlCommand({
          ApplicationName: run.appName,
          UrlType: "FLINK_DASHBOARD_URL",
          SessionExpirationDurationInSeconds: 1_800,
        }),
      ),
    () => "Flink dashboard URL created (kept in memory only)",
  );
  const url = new URL(out.AuthorizedUrl ?? "");
  const token = url.searchParams.get("authToken");
  const at = url.pathname.lastIndexOf("/flinkdashboard");
  if (!token || at < 0) throw new Error("the presigned URL has no /flinkdashboard path or authToken");
  const dashboard = { base: `${url.origin}${url.pathname.slice(0, at + "/flinkdashboard".length)}`, token };
  dashboards.set(run.id, dashboard);
  return dashboard;
}

async function getJson(dashboard: Dashboard, path: string): Promise<unknown> {
  const url = `${dashboard.base}${path}${path.includes("?") ? "&" : "?"}authToken=${encodeURIComponent(dashboard.token)}`;
  const res = await fetch(url, { signal: AbortSignal.timeout(env().AWS_REQUEST_TIMEOUT_MS), cache: "no-store" });
  if (res.status === 401 || res.status === 403) throw new DashboardRefused(`HTTP ${res.status}`);
  if (!res.ok) throw new Error(`the dashboard answered HTTP ${res.status} for ${path}`);
  const type = res.headers.get("content-type") ?? "";
  if (!type.includes("json"))
    throw new Error(`the dashboard answered ${type || "no content type"} for ${path}, not JSON`);
  return res.json();
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === "object" ? (v as Json) : {});
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === "string" ? v : null);

async function readView(dashboard: Dashboard): Promise<JobView> {
  const overview = obj(await getJson(dashboard, "/jobs/overview"));
  const jobs = (Array.isArray(overview.jobs) ? overview.jobs : []).map(obj);
  const job = jobs.sort((a, b) => (num(b["start-time"]) ?? 0) - (num(a["start-time"]) ?? 0))[0];
  const jobId = str(job?.jid);
  if (!jobId) throw new Error("the dashboard lists no job");
  const [detail, exceptions, checkpoints, config] = await Promise.all([
    getJson(dashboard, `/jobs/${jobId}`).then(obj),
    getJson(dashboard, `/jobs/${jobId}/exceptions`).then(obj),
    getJson(dashboard, `/jobs/${jobId}/checkpoints`).then(obj),
    getJson(dashboard, "/config")
      .then(obj)
      .catch(() => ({}) as Json),
  ]);
  const start = num(detail["start-time"]);
  return {
    jobId,
    state: str(detail.state) ?? str(job?.state) ?? "UNKNOWN",
    startedAt: start !== null && start > 0 ? new Date(start) : null,
    failures: failuresOf(exceptions),
    failedCheckpoints: num(obj(checkpoints.counts).failed) ?? 0,
    checkpointFailures: checkpointFailuresOf(checkpoints),
    flinkVersion: str(config["flink-version"]),
  };
}

/** The exception history, oldest first; old Flink versions only give the root exception. */
function failuresOf(exceptions: Json): JobFailure[] {
  const entries = (
    Array.isArray(obj(exceptions.exceptionHistory).entries)
      ? (obj(exceptions.exceptionHistory).entries as unknown[])
      : []
  ).map(obj);
  const failures = entries.flatMap((e) => {
    const at = num(e.timestamp);
    const stack = str(e.stacktrace);
    // Flink names the top-level exception; the cause worth showing is the innermost "Caused by:".
    const cause = innermostCause(stack?.split("\n") ?? []);
    const exceptionClass = cause?.split(":")[0]?.trim() || str(e.exceptionName) || null;
    return at === null || !exceptionClass
      ? []
      : [{ at: new Date(at), exceptionClass, message: cause ?? exceptionClass, stack }];
  });
  if (failures.length === 0 && str(exceptions["root-exception"])) {
    const stack = str(exceptions["root-exception"]);
    const at = num(exceptions.timestamp);
    const cause = innermostCause(stack!.split("\n")) ?? stack!;
    failures.push({
      at: new Date(at ?? Date.now()),
      exceptionClass: cause.split(":")[0]!.trim(),
      message: cause,
      stack,
    });
  }
  return failures.sort((a, b) => a.at.getTime() - b.at.getTime());
}

function checkpointFailuresOf(checkpoints: Json): Date[] {
  const history = (Array.isArray(checkpoints.history) ? checkpoints.history : []).map(obj);
  return history
    .filter((c) => c.status === "FAILED")
    .flatMap((c) => {
      const at = num(c.failure_timestamp) ?? num(c.trigger_timestamp);
      return at === null ? [] : [new Date(at)];
    })
    .sort((a, b) => a.getTime() - b.getTime());
}

function unavailableReason(error: unknown): string {
  if (error instanceof DashboardRefused) return "the Flink dashboard refused the presigned URL";
  const name = (error as Error).name;
  if (name === "ResourceInUseException") return "the application is not RUNNING, so MSF gives no dashboard URL";
  const problem = describeAwsError(error);
  if (problem.kind === "forbidden") return "no permission for kinesisanalytics:CreateApplicationPresignedUrl";
  if (name === "TimeoutError" || name === "AbortError") return "the Flink dashboard did not answer in time";
  return (error as Error).message?.startsWith("the ") ? (error as Error).message : problem.message;
}
