// CreateApplicationPresignedUrl through the real SDK, and the token rules of the dashboard it opens.
import {
  CreateApplicationPresignedUrlCommand,
  StopApplicationCommand,
  type KinesisAnalyticsV2Client,
} from "@aws-sdk/client-kinesis-analytics-v2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { msfClient, startEmulator, type StartedEmulator } from "./harness";
import { expectAwsError, sleep, waitForStatus } from "./msf-helpers";

// First-use window 400 ms; sessions scale alike: 1,800 s → 4 s.
const FIRST_USE_MS = 400;

let emu: StartedEmulator;
let client: KinesisAnalyticsV2Client;

beforeAll(async () => {
  emu = await startEmulator({ durations: { presignedUrlFirstUseMs: FIRST_USE_MS } });
  client = msfClient(emu.url, "us-east-1");
});
afterAll(() => emu.close());

const presign = (name: string, extra: { SessionExpirationDurationInSeconds?: number; UrlType?: string } = {}) =>
  client.send(
    new CreateApplicationPresignedUrlCommand({
      ApplicationName: name,
      UrlType: (extra.UrlType ?? "FLINK_DASHBOARD_URL") as "FLINK_DASHBOARD_URL",
      SessionExpirationDurationInSeconds: extra.SessionExpirationDurationInSeconds,
    }),
  );

/** `<base>/<endpoint>?authToken=…` exactly as aws-samples' task_status.sh builds it. */
function restUrl(authorizedUrl: string, endpoint: string): string {
  const url = new URL(authorizedUrl);
  return `${url.origin}${url.pathname}/${endpoint}?authToken=${url.searchParams.get("authToken")}`;
}

describe("CreateApplicationPresignedUrl", () => {
  it("answers an AuthorizedUrl ending in /flinkdashboard with an authToken", async () => {
    const out = await presign("orders-enricher");
    const url = new URL(out.AuthorizedUrl!);
    expect(url.pathname).toBe("/_flink/123456789012/us-east-1/orders-enricher/flinkdashboard");
    expect(url.searchParams.get("authToken")).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(url.origin).toBe(emu.url);
    const again = await presign("orders-enricher");
    expect(new URL(again.AuthorizedUrl!).searchParams.get("authToken")).not.toBe(url.searchParams.get("authToken"));
  });

  it("validates the session length and the URL type", async () => {
    await expectAwsError(
      presign("orders-enricher", { SessionExpirationDurationInSeconds: 1799 }),
      "InvalidArgumentException",
      400,
    );
    await expectAwsError(
      presign("orders-enricher", { SessionExpirationDurationInSeconds: 43201 }),
      "InvalidArgumentException",
    );
    await presign("orders-enricher", { SessionExpirationDurationInSeconds: 43200 });
    await expectAwsError(presign("orders-enricher", { UrlType: "ZEPPELIN_UI_URL" }), "InvalidArgumentException");
    await expectAwsError(presign("orders-enricher", { UrlType: "GRAFANA" }), "InvalidArgumentException");
  });

  it("rejects unknown apps, apps that are not RUNNING and SQL apps", async () => {
    await expectAwsError(presign("no-such-app"), "ResourceNotFoundException");
    await expectAwsError(presign("order-audit-archiver"), "ResourceInUseException"); // READY
    await expectAwsError(presign("fulfilment-tracker-not-there"), "ResourceNotFoundException");
    await expectAwsError(presign("sql-anomaly-detector"), "InvalidArgumentException");
  });
});

describe("dashboard token rules", () => {
  it("answers 403 for a missing, wrong or foreign token", async () => {
    const { AuthorizedUrl } = await presign("orders-enricher");
    const base = new URL(AuthorizedUrl!);
    expect((await fetch(`${base.origin}${base.pathname}/jobs`)).status).toBe(403);
    expect((await fetch(`${base.origin}${base.pathname}/jobs?authToken=nope`)).status).toBe(403);
    const foreign = restUrl(AuthorizedUrl!, "jobs").replace("/orders-enricher/", "/telemetry-downsampler/");
    expect((await fetch(foreign)).status).toBe(403);
    expect((await fetch(restUrl(AuthorizedUrl!, "jobs"))).status).toBe(200);
  });

  it("must be first used within the first-use window", async () => {
    const late = await presign("orders-enricher");
    const early = await presign("orders-enricher");
    expect((await fetch(restUrl(early.AuthorizedUrl!, "config"))).status).toBe(200);
    await sleep(FIRST_USE_MS + 150);
    expect((await fetch(restUrl(late.AuthorizedUrl!, "config"))).status).toBe(403);
    // Used in time, it stays valid after the window.
    expect((await fetch(restUrl(early.AuthorizedUrl!, "config"))).status).toBe(200);
  });

  it("expires SessionExpirationDurationInSeconds after first use (scaled)", async () => {
    const { AuthorizedUrl } = await presign("orders-enricher", { SessionExpirationDurationInSeconds: 1800 });
    expect((await fetch(restUrl(AuthorizedUrl!, "jobs"))).status).toBe(200);
    await sleep(3_000);
    expect((await fetch(restUrl(AuthorizedUrl!, "jobs"))).status).toBe(200);
    await sleep(1_300);
    expect((await fetch(restUrl(AuthorizedUrl!, "jobs"))).status).toBe(403);
  });

  it("stops serving once the app is no longer running (503 like a JobManager that is gone)", async () => {
    const { AuthorizedUrl } = await presign("sensor-ingest-py", { SessionExpirationDurationInSeconds: 3600 });
    expect((await fetch(restUrl(AuthorizedUrl!, "jobs/overview"))).status).toBe(200);
    await client.send(new StopApplicationCommand({ ApplicationName: "sensor-ingest-py" }));
    const res = await fetch(restUrl(AuthorizedUrl!, "jobs/overview"));
    expect(res.status).toBe(503);
    expect(((await res.json()) as { errors: string[] }).errors[0]).toMatch(/leader election/);
    await waitForStatus(client, "sensor-ingest-py", "READY");
    expect((await fetch(restUrl(AuthorizedUrl!, "jobs/overview"))).status).toBe(503);
    await expectAwsError(presign("sensor-ingest-py"), "ResourceInUseException");
  });

  it("is counted in /_emulator/calls as service flink", async () => {
    await emu.control.resetCalls();
    const { AuthorizedUrl } = await presign("orders-enricher");
    await fetch(restUrl(AuthorizedUrl!, "jobs/overview"));
    await fetch(restUrl(AuthorizedUrl!, "jobs/overview"));
    const calls = await emu.control.calls();
    const flink = calls.find((c) => c.service === "flink" && c.operation === "/jobs/overview");
    expect(flink).toMatchObject({ region: "us-east-1", app: "orders-enricher", count: 2 });
    expect(calls.find((c) => c.operation === "CreateApplicationPresignedUrl")?.count).toBe(1);
  });
});
