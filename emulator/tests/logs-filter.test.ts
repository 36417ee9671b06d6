// FilterLogEvents through the real SDK: time window, both filter-pattern forms, paging, the ingestion delay and the
// JSON shape of MSF's lines. fx-rates-joiner (eu-west-1) is seeded restart-looping on 2.2: at test speed one
// cycle every 167 ms (task failure + RESTARTING 100 ms in, RUNNING again at 167 ms).
import {
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  type CloudWatchLogsClient,
} from "@aws-sdk/client-cloudwatch-logs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logsClient, msfClient, startEmulator, type StartedEmulator } from "./harness";
import { filterAll, groupOf, lineOf, STREAM } from "./logs-helpers";
import { describeApp, expectAwsError, sleep } from "./msf-helpers";

let emu: StartedEmulator;
let west: CloudWatchLogsClient;
const looping = { logGroupName: groupOf("fx-rates-joiner"), logStreamNames: [STREAM] };

beforeAll(async () => {
  emu = await startEmulator();
  west = logsClient(emu.url, "eu-west-1");
});
afterAll(() => emu.close());

const messagesOf = async (filterPattern: string, startTime: number, endTime: number) =>
  (await filterAll(west, { ...looping, filterPattern, startTime, endTime })).events.map((e) => lineOf(e).message);

describe("time window and order", () => {
  it("returns the events in [startTime, endTime], oldest first", async () => {
    const end = Date.now() - 1_000;
    const start = end - 2_000;
    const { events } = await filterAll(west, { ...looping, startTime: start, endTime: end });
    expect(events.length).toBeGreaterThan(30);
    // ~12 cycles in 2 s, 3 lines each.
    expect(events.length).toBeLessThan(45);
    expect(events.every((e) => e.timestamp! >= start && e.timestamp! <= end)).toBe(true);
    const times = events.map((e) => e.timestamp!);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(events.every((e) => e.logStreamName === STREAM && e.ingestionTime === e.timestamp! + 100)).toBe(true);
    await expectAwsError(
      west.send(new FilterLogEventsCommand({ ...looping, startTime: end, endTime: start })),
      "InvalidParameterException",
    );
  });
});

describe("filter patterns", () => {
  it("terms, quoted terms and ?alternatives match the raw message", async () => {
    const end = Date.now() - 1_000;
    const start = end - 3_000;
    const restarts = await messagesOf('"switched from state RUNNING to RESTARTING"', start, end);
    expect(restarts.length).toBeGreaterThan(10);
    expect(restarts.every((m) => m.endsWith("switched from state RUNNING to RESTARTING."))).toBe(true);
    const failed = await messagesOf('"to FAILED"', start, end);
    expect(failed.length).toBe(restarts.length);
    expect(await messagesOf("RESTARTING", start, end)).toHaveLength(restarts.length * 2);
    const either = await messagesOf('?"switched from state" ?"to FAILED"', start, end);
    const all = await messagesOf("", start, end);
    expect(either).toEqual(all);
    expect(await messagesOf("RESTARTING CANCELED", start, end)).toEqual([]);
  });

  it("the JSON form: =, !=, &&, ||, * wildcards", async () => {
    const end = Date.now() - 1_000;
    const start = end - 3_000;
    const restarts = await messagesOf('"switched from state RUNNING to RESTARTING"', start, end);
    const problems = await messagesOf('{ $.messageType = "ERROR" || $.messageType = "WARN" }', start, end);
    expect(problems.length).toBe(restarts.length);
    expect(problems.every((m) => m.includes("switched from RUNNING to FAILED on "))).toBe(true);
    expect(await messagesOf('{ $.message = "*switched from state RUNNING to RESTARTING*" }', start, end)).toEqual(
      restarts,
    );
    const notInfo = await messagesOf(
      '{ $.messageType != "INFO" && $.logger = "org.apache.flink.runtime.executiongraph.*" }',
      start,
      end,
    );
    expect(notInfo).toEqual(problems);
  });

  it("anything outside the subset is InvalidParameterException 'Invalid filter pattern'", async () => {
    for (const filterPattern of ["[ip, user, ...]", "{ $.latency > 5 }", "Job-123", '"open'])
      expect(
        (
          await expectAwsError(
            west.send(new FilterLogEventsCommand({ ...looping, filterPattern })),
            "InvalidParameterException",
            400,
          )
        ).message,
      ).toBe("Invalid filter pattern");
    await expectAwsError(
      west.send(new FilterLogEventsCommand({ logGroupName: groupOf("nope") })),
      "ResourceNotFoundException",
      400,
    );
  });
});

describe("paging", () => {
  it("limit + nextToken: every event exactly once, in the same order as one big page", async () => {
    const end = Date.now() - 1_000;
    const window = { ...looping, startTime: end - 3_000, endTime: end };
    const whole = await west.send(new FilterLogEventsCommand(window));
    expect(whole.nextToken).toBeUndefined();
    const ids = whole.events!.map((e) => e.eventId);
    expect(ids.length).toBeGreaterThan(40);
    const { events, pages } = await filterAll(west, { ...window, limit: 7 });
    expect(pages).toBe(Math.ceil(ids.length / 7));
    expect(events.map((e) => e.eventId)).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    await expectAwsError(
      west.send(new FilterLogEventsCommand({ ...window, nextToken: "not-a-token" })),
      "InvalidParameterException",
    );
    await expectAwsError(
      west.send(new FilterLogEventsCommand({ ...window, limit: 10_001 })),
      "InvalidParameterException",
    );
  });

  it("a token freezes the first page's instant: later lines never join the chain", async () => {
    const first = await west.send(new FilterLogEventsCommand({ ...looping, startTime: Date.now() - 500, limit: 1 }));
    const frozenAt = Date.now();
    await sleep(400);
    const { events } = await filterAll(west, { ...looping, startTime: Date.now() - 900, nextToken: first.nextToken });
    expect(events.length).toBeGreaterThan(0);
    expect(Math.max(...events.map((e) => e.timestamp!))).toBeLessThanOrEqual(frozenAt - 100);
  });
});

describe("ingestion delay", () => {
  it("hides the lines younger than the delay (here overridden to 1.5 s)", async () => {
    const slow = await startEmulator({ durations: { logsIngestionDelayMs: 1_500 } });
    try {
      const client = logsClient(slow.url, "eu-west-1");
      const before = Date.now();
      const out = await client.send(new FilterLogEventsCommand({ ...looping, startTime: before - 5_000 }));
      const after = Date.now();
      const newest = Math.max(...out.events!.map((e) => e.timestamp!));
      expect(newest).toBeLessThanOrEqual(after - 1_500);
      // The loop writes a line at least every 100 ms, so nothing older than the delay is missing.
      expect(newest).toBeGreaterThan(before - 1_500 - 150);
      expect(out.events!.every((e) => e.ingestionTime === e.timestamp! + 1_500)).toBe(true);
      const stream = (await client.send(new DescribeLogStreamsCommand({ logGroupName: looping.logGroupName })))
        .logStreams![0]!;
      expect(stream.lastEventTimestamp).toBeLessThanOrEqual(Date.now() - 1_500);
      expect(stream.lastIngestionTime).toBe(stream.lastEventTimestamp! + 1_500);
    } finally {
      await slow.close();
    }
  });
});

describe("the lines' JSON", () => {
  it("has MSF's keys in MSF's order, the app's ARN and version, and a stack trace only on failures", async () => {
    const detail = await describeApp(msfClient(emu.url, "eu-west-1"), "fx-rates-joiner");
    const end = Date.now() - 1_000;
    const { events } = await filterAll(west, { ...looping, startTime: end - 1_000, endTime: end });
    expect(events.length).toBeGreaterThan(5);
    for (const event of events) {
      const line = lineOf(event);
      const keys = [
        "locationInformation",
        "logger",
        "message",
        ...(line.messageType === "WARN" ? ["throwableInformation"] : []),
        "threadName",
        "applicationARN",
        "applicationVersionId",
        "messageSchemaVersion",
        "messageType",
      ];
      expect(Object.keys(line)).toEqual(keys);
      expect(line).toMatchObject({
        applicationARN: detail.ApplicationARN,
        applicationVersionId: String(detail.ApplicationVersionId),
        messageSchemaVersion: "1",
        logger: "org.apache.flink.runtime.executiongraph.ExecutionGraph",
      });
      expect(line.locationInformation).toMatch(/^org\.apache\.flink\.[\w.$]+\(\w+\.java:\d+\)$/);
      expect(line.threadName).toMatch(/^flink-pekko\.actor\.default-dispatcher-\d+$/);
      expect(["INFO", "WARN"]).toContain(line.messageType);
      if (line.messageType === "WARN") {
        expect(Array.isArray(line.throwableInformation)).toBe(true);
        expect(line.throwableInformation!.every((l) => typeof l === "string" && !l.includes("\n"))).toBe(true);
        const task = String.raw`KeyedProcess -> Sink: Writer -> Sink: Committer \(1/\d+\)#\d+ \([0-9a-f]{32}\)`;
        const host = String.raw`@ ip-10-0-1-23\.ec2\.internal \(dataPort=6121\)\.`;
        expect(line.message).toMatch(new RegExp(`^${task} switched from RUNNING to FAILED on \\S+ ${host}$`));
      } else {
        expect(line.message).toMatch(
          /^Job fx-rates-joiner \([0-9a-f]{32}\) switched from state (RUNNING|RESTARTING) to (RESTARTING|RUNNING)\.$/,
        );
      }
    }
  });
});
