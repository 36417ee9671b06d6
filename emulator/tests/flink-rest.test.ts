// The Flink REST subset behind the presigned URL, per scenario (test speed: restart loop 167 ms, runs 100 ms of
// it; slow loop 3 s; late-failure onset 2 s; maintenance/autoscaling 1 s after RUNNING), plus faults.
import {
  CreateApplicationPresignedUrlCommand,
  UpdateApplicationCommand,
  type KinesisAnalyticsV2Client,
  type RuntimeEnvironment,
} from "@aws-sdk/client-kinesis-analytics-v2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Scenario } from "../core/types";
import { msfClient, startEmulator, type StartedEmulator } from "./harness";
import { describeApp, expectAwsError, sleep, timelineOf, waitForStatus } from "./msf-helpers";

let emu: StartedEmulator;
let client: KinesisAnalyticsV2Client;

beforeAll(async () => {
  emu = await startEmulator();
  client = msfClient(emu.url, "us-east-1");
});
afterAll(() => emu.close());

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function dashboard(name: string): Promise<(endpoint: string) => Promise<Response>> {
  const out = await client.send(
    new CreateApplicationPresignedUrlCommand({ ApplicationName: name, UrlType: "FLINK_DASHBOARD_URL" }),
  );
  const url = new URL(out.AuthorizedUrl!);
  const token = url.searchParams.get("authToken");
  return (endpoint) => fetch(`${url.origin}${url.pathname}/${endpoint}?authToken=${token}`);
}

async function getJson(call: (endpoint: string) => Promise<Response>, endpoint: string): Promise<Json> {
  const res = await call(endpoint);
  expect(res.status, `${endpoint} status`).toBe(200);
  return (await res.json()) as Json;
}

async function currentJob(call: (endpoint: string) => Promise<Response>): Promise<string> {
  const { jobs } = await getJson(call, "jobs");
  expect(jobs).toHaveLength(1);
  return jobs[0].id as string;
}

async function upgrade(name: string, scenario: Scenario, runtime: RuntimeEnvironment = "FLINK-2_2") {
  await emu.control.setScenario("us-east-1", name, scenario);
  const before = await describeApp(client, name);
  await client.send(
    new UpdateApplicationCommand({
      ApplicationName: name,
      CurrentApplicationVersionId: before.ApplicationVersionId,
      RuntimeEnvironmentUpdate: runtime,
      ApplicationConfigurationUpdate: {
        ApplicationCodeConfigurationUpdate: {
          CodeContentUpdate: { S3ContentLocationUpdate: { FileKeyUpdate: `${name}-next.jar` } },
        },
      },
    }),
  );
}

const rootCause = (stacktrace: string) => {
  const causes = [...stacktrace.matchAll(/^Caused by: ([\w.$]+)/gm)].map((m) => m[1]);
  return causes.at(-1) ?? stacktrace.split(":")[0];
};

describe("healthy 1.20 job", () => {
  it("reports one RUNNING job with completed checkpoints and no exceptions (1.x shape)", async () => {
    const call = await dashboard("orders-enricher");
    expect((await getJson(call, "config"))["flink-version"]).toBe("1.20.0");
    const jid = await currentJob(call);
    expect(jid).toMatch(/^[0-9a-f]{32}$/);
    const overview = await getJson(call, "jobs/overview");
    expect(overview.jobs[0]).toMatchObject({ jid, state: "RUNNING", "end-time": -1 });
    const details = await getJson(call, `jobs/${jid}`);
    expect(details).toMatchObject({ jid, state: "RUNNING", "job-type": "STREAMING" });
    expect(details.vertices.length).toBeGreaterThan(0);
    expect(details.vertices.every((v: Json) => v.status === "RUNNING")).toBe(true);
    expect(details.timestamps.RESTARTING).toBe(0);
    const exceptions = await getJson(call, `jobs/${jid}/exceptions`);
    expect(exceptions.exceptionHistory).toEqual({ entries: [], truncated: false });
    expect(exceptions["all-exceptions"]).toEqual([]);
    const checkpoints = await getJson(call, `jobs/${jid}/checkpoints`);
    expect(checkpoints.counts.failed).toBe(0);
    expect(checkpoints.counts.completed).toBeGreaterThan(0);
    expect(checkpoints.latest.completed).toMatchObject({ status: "COMPLETED" });
    expect(checkpoints.latest.failed).toBeNull();
    const vertex = await getJson(call, `jobs/${jid}/vertices/${details.vertices[0].id}`);
    expect(vertex.subtasks[0]).toHaveProperty("host");
    expect(vertex.subtasks[0]).toHaveProperty("endpoint");
    expect((await getJson(call, `jobs/${jid}/config`))["execution-config"]).toHaveProperty("execution-mode");
    expect((await call("jobs/0123456789abcdef0123456789abcdef")).status).toBe(404);
    expect((await call("no/such/endpoint")).status).toBe(404);
  });
});

describe("state-incompatible upgrade to 2.2", () => {
  it("gets a new job that restart-loops every 10 s (scaled) with a state root cause, 2.x shapes", async () => {
    const name = "clickstream-sessionizer";
    const call = await dashboard(name);
    const oldJid = await currentJob(call);
    await upgrade(name, "state-incompatible");
    expect((await call("jobs")).status).toBe(503); // UPDATING: no JobManager
    await waitForStatus(client, name, "RUNNING");
    const jid = await currentJob(call);
    expect(jid).not.toBe(oldJid);
    expect((await getJson(call, "config"))["flink-version"]).toBe("2.2.0");

    const states = new Set<string>();
    for (let i = 0; i < 20; i++) {
      states.add((await getJson(call, `jobs/${jid}`)).state);
      await sleep(23);
    }
    expect(states).toEqual(new Set(["RUNNING", "RESTARTING"]));

    const segmentStart = timelineOf(await emu.control.app("us-east-1", name)).at(-1)!.start;
    const before = Date.now();
    const exceptions = await getJson(call, `jobs/${jid}/exceptions`);
    const after = Date.now();
    // Loop at test speed: interval round(10 000 / 60) = 167 ms, the first failure 100 ms in.
    const failuresAt = (t: number) => (t - segmentStart < 100 ? 0 : Math.floor((t - segmentStart - 100) / 167) + 1);
    const { entries, truncated } = exceptions.exceptionHistory;
    const total = truncated ? 16 : entries.length;
    expect(total).toBeGreaterThanOrEqual(Math.min(16, failuresAt(before)));
    expect(total).toBeLessThanOrEqual(Math.min(16, failuresAt(after)));
    expect(entries.length).toBeGreaterThan(0);
    expect(rootCause(entries[0].stacktrace)).toMatch(
      /^(org\.apache\.flink\.util\.StateMigrationException|com\.esotericsoftware\.kryo\.KryoException)$/,
    );
    // 2.x: no deprecated top-level fields, no `location`; the attempt is the taskName's "execution #n".
    expect(exceptions).not.toHaveProperty("root-exception");
    expect(entries[0]).toHaveProperty("endpoint");
    expect(entries[0]).not.toHaveProperty("location");
    if (!truncated) expect(entries.at(-1).taskName).toMatch(/ - execution #0$/);
    expect(entries[0].taskName).toMatch(new RegExp(` - execution #${entries.length - 1}$`));

    const checkpoints = await getJson(call, `jobs/${jid}/checkpoints`);
    expect(checkpoints.counts.failed).toBeGreaterThanOrEqual(entries.length);
    expect(checkpoints.latest.failed.failure_message).toBeTruthy();
    const details = await getJson(call, `jobs/${jid}`);
    const vertex = await getJson(call, `jobs/${jid}/vertices/${details.vertices[0].id}`);
    expect(vertex.subtasks[0]).not.toHaveProperty("host");
    expect((await getJson(call, `jobs/${jid}/config`))["execution-config"]).not.toHaveProperty("execution-mode");
  });
});

describe("binary-incompatible upgrade", () => {
  it("crash-loops on a code error while UPDATING, then the rolled-back job is a new, healthy one", async () => {
    const name = "payments-fraud-scorer";
    const call = await dashboard(name);
    const oldJid = await currentJob(call);
    await upgrade(name, "binary-incompatible");
    await expectAwsError(
      client.send(new CreateApplicationPresignedUrlCommand({ ApplicationName: name, UrlType: "FLINK_DASHBOARD_URL" })),
      "ResourceInUseException",
    );
    await sleep(400);
    const failingJid = await currentJob(call);
    expect(failingJid).not.toBe(oldJid);
    const { exceptionHistory } = await getJson(call, `jobs/${failingJid}/exceptions`);
    expect(exceptionHistory.entries.length).toBeGreaterThan(0);
    expect(rootCause(exceptionHistory.entries[0].stacktrace)).toMatch(
      /^(java\.lang\.ClassNotFoundException|java\.lang\.NoSuchMethodError)$/,
    );
    await waitForStatus(client, name, "ROLLING_BACK");
    expect((await call("jobs")).status).toBe(503);
    await waitForStatus(client, name, "RUNNING");
    const jid = await currentJob(call);
    expect([oldJid, failingJid]).not.toContain(jid);
    expect((await getJson(call, `jobs/${jid}/exceptions`)).exceptionHistory.entries).toEqual([]);
  });
});

describe("observation scenarios", () => {
  it("late-failure: RUNNING, no restarts, failed checkpoints grow with an expiry message", async () => {
    const name = "sensor-ingest-py";
    const call = await dashboard(name);
    await upgrade(name, "late-failure", "FLINK-1_20");
    await waitForStatus(client, name, "RUNNING");
    const jid = await currentJob(call);
    expect((await getJson(call, `jobs/${jid}/checkpoints`)).counts.failed).toBe(0);
    await sleep(3_300);
    const first = await getJson(call, `jobs/${jid}/checkpoints`);
    expect(first.counts.failed).toBeGreaterThan(0);
    expect(first.latest.failed.failure_message).toBe("Checkpoint expired before completing.");
    await sleep(1_100);
    const later = await getJson(call, `jobs/${jid}/checkpoints`);
    expect(later.counts.failed).toBeGreaterThan(first.counts.failed);
    expect((await getJson(call, `jobs/${jid}`)).state).toBe("RUNNING");
    expect((await getJson(call, `jobs/${jid}/exceptions`)).exceptionHistory.entries).toEqual([]);
  });

  it("silent: the job view works although CloudWatch is silent", async () => {
    const east = "MyApplication";
    const dash = await dashboard(east);
    await upgrade(east, "silent");
    await waitForStatus(client, east, "RUNNING");
    await sleep(500);
    const jid = await currentJob(dash);
    expect((await getJson(dash, `jobs/${jid}`)).state).toBe("RUNNING");
    expect((await getJson(dash, `jobs/${jid}/exceptions`)).exceptionHistory.entries).toEqual([]);
  });

  it("slow-restart-loop: one restart per 3 s (test speed) with a state root cause", async () => {
    const name = "ad-impressions-aggregator";
    const call = await dashboard(name);
    await upgrade(name, "slow-restart-loop");
    await waitForStatus(client, name, "RUNNING");
    const jid = await currentJob(call);
    expect((await getJson(call, `jobs/${jid}/exceptions`)).exceptionHistory.entries).toEqual([]);
    await sleep(2_800);
    const { entries } = (await getJson(call, `jobs/${jid}/exceptions`)).exceptionHistory;
    expect(entries).toHaveLength(1);
    expect(entries[0].taskName).toMatch(/ - execution #0$/);
    expect(rootCause(entries[0].stacktrace)).toMatch(/StateMigrationException|KryoException/);
  });

  it("maintenance: one benign restart inside the same job, then RUNNING", async () => {
    const name = "recommendations-v2";
    const call = await dashboard(name);
    await upgrade(name, "maintenance-during-observation", "FLINK-2_2");
    await waitForStatus(client, name, "RUNNING");
    const jid = await currentJob(call);
    await waitForStatus(client, name, "MAINTENANCE");
    await waitForStatus(client, name, "RUNNING");
    expect(await currentJob(call)).toBe(jid);
    const { entries } = (await getJson(call, `jobs/${jid}/exceptions`)).exceptionHistory;
    expect(entries).toHaveLength(1);
    expect(entries[0].exceptionName).toBe("org.apache.flink.util.FlinkExpectedException");
    expect((await getJson(call, `jobs/${jid}/checkpoints`)).counts.restored).toBe(1);
  });

  it("autoscaling: the job is re-submitted (new job id, no exception)", async () => {
    const name = "sensor-ingest-py";
    const call = await dashboard(name);
    await upgrade(name, "autoscaling-during-observation", "FLINK-2_2");
    await waitForStatus(client, name, "RUNNING");
    const jid = await currentJob(call);
    await waitForStatus(client, name, "AUTOSCALING");
    await waitForStatus(client, name, "RUNNING");
    const after = await currentJob(call);
    expect(after).not.toBe(jid);
    expect((await getJson(call, `jobs/${after}/exceptions`)).exceptionHistory.entries).toEqual([]);
  });
});

describe("faults for service flink", () => {
  it("html, 5xx, latency and hang", async () => {
    const call = await dashboard("orders-enricher");
    await emu.control.setFaults({ service: "flink", html: true, remaining: 1 });
    const page = await call("jobs");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect(await page.text()).toMatch(/Sign in/);
    expect((await call("jobs")).status).toBe(200);

    await emu.control.setFaults({ service: "flink", operation: "/jobs/overview", errorRate: 1 });
    expect((await call("jobs/overview")).status).toBeGreaterThanOrEqual(500);
    expect((await call("jobs")).status).toBe(200);

    await emu.control.setFaults({ service: "flink", operation: "/jobs/overview", latencyMs: 300 });
    const started = Date.now();
    expect((await call("jobs/overview")).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);

    await emu.control.setFaults({ service: "flink", operation: "/jobs/overview", hang: true });
    await expect(
      fetch(`${emu.url}/_flink/123456789012/us-east-1/orders-enricher/flinkdashboard/jobs/overview`, {
        signal: AbortSignal.timeout(300),
      }),
    ).rejects.toThrow();
    const calls = await emu.control.calls();
    const overview = calls.find((c) => c.service === "flink" && c.operation === "/jobs/overview");
    expect(overview?.hung).toBe(1);
    expect(overview?.failed).toBeGreaterThanOrEqual(1);
    await emu.control.clearFaults();
  });

  it("rejects fault fields the dashboard has no meaning for", async () => {
    await expect(emu.control.setFaults({ service: "flink", throttleRps: 1 })).rejects.toThrow(/400/);
    await expect(emu.control.setFaults({ service: "monitoring", html: true })).rejects.toThrow(/400/);
  });
});
