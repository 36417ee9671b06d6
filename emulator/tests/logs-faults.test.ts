// Faults on service "logs": the same semantics as kinesisanalytics, through the real CloudWatch Logs client.
import { DescribeLogStreamsCommand, FilterLogEventsCommand, StartQueryCommand } from "@aws-sdk/client-cloudwatch-logs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { logsClient, startEmulator, type StartedEmulator } from "./harness";
import { groupOf } from "./logs-helpers";
import { expectAwsError } from "./msf-helpers";

let emu: StartedEmulator;

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.control.reset());

const logs = (maxAttempts = 1) => logsClient(emu.url, "us-east-1", { maxAttempts });
const describeStreams = (client = logs()) =>
  client.send(new DescribeLogStreamsCommand({ logGroupName: groupOf("orders-enricher") }));
const callsOf = async (operation: string) =>
  (await emu.control.calls()).filter((c) => c.service === "logs" && c.operation === operation);

describe("faults on service logs", () => {
  it("a throttled request is retried by the SDK; without retries it is ThrottlingException (400)", async () => {
    await emu.control.setFaults({ service: "logs", operation: "DescribeLogStreams", throttleRps: 0, remaining: 1 });
    expect((await describeStreams(logs(3))).logStreams).toHaveLength(1);
    expect((await callsOf("DescribeLogStreams"))[0]).toMatchObject({
      app: "orders-enricher",
      count: 2,
      throttled: 1,
    });
    await emu.control.setFaults({ service: "logs", throttleRps: 0 });
    await expectAwsError(describeStreams(), "ThrottlingException", 400);
  });

  it("errorRate answers HTTP 500 InternalFailure or 503 ServiceUnavailableException, only in its scope", async () => {
    await emu.control.setFaults({ service: "logs", operation: "FilterLogEvents", errorRate: 1 });
    const names = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const err = await logs()
        .send(new FilterLogEventsCommand({ logGroupName: groupOf("orders-enricher") }))
        .then(
          () => undefined,
          (e: unknown) => e as Error & { $metadata?: { httpStatusCode?: number } },
        );
      expect(err?.$metadata?.httpStatusCode).toBeGreaterThanOrEqual(500);
      names.add(err!.name);
    }
    expect([...names].every((n) => n === "InternalFailure" || n === "ServiceUnavailableException")).toBe(true);
    expect((await describeStreams()).logStreams).toHaveLength(1);
    expect((await callsOf("FilterLogEvents"))[0]).toMatchObject({ count: 8, failed: 8 });
  });

  it("quota is LimitExceededException, deny AccessDeniedException, latency delays, hang never answers", async () => {
    await emu.control.setFaults({ service: "logs", operation: "StartQuery", quota: true });
    const start = new StartQueryCommand({
      logGroupName: groupOf("orders-enricher"),
      startTime: 0,
      endTime: 1,
      queryString: "limit 1",
    });
    await expectAwsError(logs().send(start), "LimitExceededException", 400);
    await emu.control.setFaults({ service: "logs", deny: true });
    const denied = await expectAwsError(describeStreams(), "AccessDeniedException", 400);
    expect(denied.message).toMatch(/logs:DescribeLogStreams/);
    await emu.control.setFaults({ service: "logs", latencyMs: 250 });
    const started = Date.now();
    await describeStreams();
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    await emu.control.setFaults({ service: "logs", hang: true });
    await expect(
      describeStreams(
        logsClient(emu.url, "us-east-1", {
          maxAttempts: 1,
          requestHandler: { requestTimeout: 300, throwOnRequestTimeout: true },
        }),
      ),
    ).rejects.toThrow();
    expect((await callsOf("DescribeLogStreams")).find((c) => c.hung)).toMatchObject({ hung: 1 });
  });

  it("rejects fault fields that belong to other services; start-up throttling covers logs too", async () => {
    await expect(emu.control.setFaults({ service: "logs", metricStatus: "Forbidden" })).rejects.toThrow(/400/);
    await expect(emu.control.setFaults({ service: "logs", html: true })).rejects.toThrow(/400/);
    const throttled = await startEmulator({ throttleRps: 0 });
    try {
      await expectAwsError(
        logsClient(throttled.url, "us-east-1", { maxAttempts: 1 }).send(
          new DescribeLogStreamsCommand({ logGroupName: groupOf("orders-enricher") }),
        ),
        "ThrottlingException",
      );
    } finally {
      await throttled.close();
    }
  });
});
