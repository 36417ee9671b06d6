// DescribeLogStreams, the no-log-stream knob and the wire format (real SDK, and one hand-built request).
import {
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  type CloudWatchLogsClient,
} from "@aws-sdk/client-cloudwatch-logs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logsClient, startEmulator, type StartedEmulator } from "./harness";
import { groupOf, STREAM } from "./logs-helpers";
import { expectAwsError } from "./msf-helpers";

let emu: StartedEmulator;
let east: CloudWatchLogsClient;
let west: CloudWatchLogsClient;

beforeAll(async () => {
  emu = await startEmulator();
  east = logsClient(emu.url, "us-east-1");
  west = logsClient(emu.url, "eu-west-1");
});
afterAll(() => emu.close());

const streamsOf = async (client: CloudWatchLogsClient, app: string, extra = {}) =>
  (await client.send(new DescribeLogStreamsCommand({ logGroupName: groupOf(app), ...extra }))).logStreams ?? [];

describe("DescribeLogStreams", () => {
  it("lists the application's one stream, its ARN and event times", async () => {
    const before = Date.now();
    const [stream, ...others] = await streamsOf(east, "orders-enricher");
    expect(others).toEqual([]);
    expect(stream).toMatchObject({
      logStreamName: STREAM,
      arn: `arn:aws:logs:us-east-1:123456789012:log-group:${groupOf("orders-enricher")}:log-stream:${STREAM}`,
      storedBytes: 0,
    });
    expect(stream!.creationTime).toBeLessThan(stream!.firstEventTimestamp!);
    expect(stream!.firstEventTimestamp).toBeLessThanOrEqual(stream!.lastEventTimestamp!);
    // test speed: 6 s × 1/60 = 100 ms of ingestion delay.
    expect(stream!.lastIngestionTime).toBe(stream!.lastEventTimestamp! + 100);
    expect(stream!.lastIngestionTime).toBeLessThanOrEqual(Date.now());
    expect(stream!.lastEventTimestamp).toBeLessThan(before);
    expect(await streamsOf(east, "orders-enricher", { logStreamNamePrefix: "kinesis-" })).toHaveLength(1);
    expect(await streamsOf(east, "orders-enricher", { logStreamNamePrefix: "other" })).toEqual([]);
    const byArn = await east.send(
      new DescribeLogStreamsCommand({
        logGroupIdentifier: `arn:aws:logs:us-east-1:123456789012:log-group:${groupOf("orders-enricher")}`,
      }),
    );
    expect(byArn.logStreams?.[0]?.logStreamName).toBe(STREAM);
  });

  it("an unknown group is ResourceNotFoundException; bad parameters are InvalidParameterException", async () => {
    const err = await expectAwsError(streamsOf(east, "no-such-app"), "ResourceNotFoundException", 400);
    expect(err.message).toBe("The specified log group does not exist.");
    // The group lives in the app's region only.
    await expectAwsError(streamsOf(west, "MyApplication"), "ResourceNotFoundException", 400);
    await expectAwsError(
      east.send(new DescribeLogStreamsCommand({ logGroupName: groupOf("orders-enricher"), limit: 51 })),
      "InvalidParameterException",
      400,
    );
    await expectAwsError(
      east.send(
        new DescribeLogStreamsCommand({
          logGroupName: groupOf("orders-enricher"),
          orderBy: "LastEventTime",
          logStreamNamePrefix: "kinesis",
        }),
      ),
      "InvalidParameterException",
    );
    await expectAwsError(east.send(new DescribeLogStreamsCommand({})), "InvalidParameterException");
  });

  it("seeded apps without a log stream: the group exists, the stream does not, nothing is stored", async () => {
    expect(await streamsOf(east, "legacy-geo-filter")).toEqual([]);
    expect(await streamsOf(west, "price-tick-normalizer")).toEqual([]);
    const out = await west.send(
      new FilterLogEventsCommand({ logGroupName: groupOf("price-tick-normalizer"), logStreamNames: [STREAM] }),
    );
    expect(out.events).toEqual([]);
    expect(out.nextToken).toBeUndefined();
    expect(await emu.control.app("us-east-1", "legacy-geo-filter")).toMatchObject({ logStream: false });
  });
});

describe("the no-log-stream knob", () => {
  it("removes and restores the stream and its events; reset brings back the seed", async () => {
    const name = "MyApplication";
    const events = async () =>
      (await east.send(new FilterLogEventsCommand({ logGroupName: groupOf(name) }))).events ?? [];
    expect((await events()).length).toBeGreaterThan(0);
    expect(await emu.control.setLogStream("us-east-1", name, false)).toBe(false);
    expect(await emu.control.app("us-east-1", name)).toMatchObject({ logStream: false });
    expect(await streamsOf(east, name)).toEqual([]);
    expect(await events()).toEqual([]);

    expect(await emu.control.setLogStream("us-east-1", "legacy-geo-filter", true)).toBe(true);
    expect(await streamsOf(east, "legacy-geo-filter")).toHaveLength(1);
    await emu.control.reset();
    expect(await streamsOf(east, name)).toHaveLength(1);
    expect(await streamsOf(east, "legacy-geo-filter")).toEqual([]);
  });

  it("rejects a bad body (400) and an unknown app (404)", async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${emu.url}/_emulator/apps/${path}/logs`, { method: "POST", body: JSON.stringify(body) });
    expect((await post("us-east-1/MyApplication", { logStream: "no" })).status).toBe(400);
    expect((await post("us-east-1/MyApplication", {})).status).toBe(400);
    expect((await post("us-east-1/no-such-app", { logStream: false })).status).toBe(404);
  });
});

describe("wire format (hand-built AWS JSON 1.1 request)", () => {
  const call = (operation: string, body: unknown) =>
    fetch(emu.url, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": `Logs_20140328.${operation}`,
        Authorization:
          "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/logs/aws4_request, " +
          "SignedHeaders=host;x-amz-date;x-amz-target, Signature=0000",
      },
      body: JSON.stringify(body),
    });

  it("answers JSON 1.1 errors with __type and message, and events with epoch-ms numbers", async () => {
    const missing = await call("DescribeLogStreams", { logGroupName: "/aws/kinesis-analytics/nope" });
    expect(missing.status).toBe(400);
    expect(missing.headers.get("content-type")).toBe("application/x-amz-json-1.1");
    expect(await missing.json()).toEqual({
      __type: "ResourceNotFoundException",
      message: "The specified log group does not exist.",
    });
    const unknown = await call("PutLogEvents", {});
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { __type: string }).__type).toBe("UnknownOperationException");

    const ok = await call("FilterLogEvents", { logGroupName: groupOf("orders-enricher"), limit: 2 });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { events: Record<string, unknown>[]; nextToken?: string };
    expect(body.events).toHaveLength(2);
    expect(Object.keys(body.events[0]!).sort()).toEqual(
      ["eventId", "ingestionTime", "logStreamName", "message", "timestamp"].sort(),
    );
    expect(typeof body.events[0]!.timestamp).toBe("number");
    expect(body.events[0]!.eventId).toMatch(/^\d{56}$/);
    expect(typeof body.nextToken).toBe("string");
    const calls = await emu.control.calls();
    expect(calls).toContainEqual(
      expect.objectContaining({ service: "logs", operation: "FilterLogEvents", app: "orders-enricher" }),
    );
  });
});
