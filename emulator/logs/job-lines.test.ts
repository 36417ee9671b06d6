// The log synthesised from a seeded timeline agrees with the Flink job view at the same instant, and the log group
// follows the application's CloudWatchLoggingOptions.
import { describe, expect, it } from "vitest";
import { Store } from "../core/store";
import { jobViewAt } from "../flink/job-view";
import { totalOf } from "../flink/series";
import type { MsfApp } from "../msf/model";
import { handleLogs, type LogsContext } from "./index";
import { eventSourceOf, eventsBetween } from "./log-events";

const NOW = Date.UTC(2026, 5, 1, 12, 0, 0);
const store = new Store({ speed: "test" }, () => NOW);
const ctx = (region: string): LogsContext => ({
  accountId: "123456789012",
  region,
  now: NOW,
  durations: store.durations,
  store,
  requestId: "test",
});
const appOf = (region: string, name: string) => store.app("123456789012", region, name, NOW) as MsfApp;
const target = (app: MsfApp) => ({
  app,
  group: `/aws/kinesis-analytics/${app.name}`,
  stream: "kinesis-analytics-log-stream",
  streamExists: true,
});

describe("lines from the timeline", () => {
  it("a restart-looping job: one task failure per job-view failure, attempts #0.. in order, same job id", () => {
    const app = appOf("eu-west-1", "fx-rates-joiner");
    const job = jobViewAt(app, NOW, store.durations)!;
    const source = eventSourceOf(target(app), NOW + store.durations.logsIngestionDelayMs, store.durations);
    const failed = [...eventsBetween(source, job.startTime, NOW)].filter((e) => / to FAILED /.test(e.line.message));
    expect(failed.length).toBe(totalOf(job.failures));
    expect(failed.length).toBeGreaterThan(1000);
    expect(failed[0]!.line.message).toContain("#0 (");
    expect(failed.at(-1)!.line.message).toContain(`#${failed.length - 1} (`);
    expect(failed.at(-1)!.timestamp).toBe(job.lastFailureAt);
    const restarting = [...eventsBetween(source, job.startTime, NOW)].filter((e) =>
      e.line.message.endsWith("switched from state RUNNING to RESTARTING."),
    );
    expect(restarting.length).toBe(failed.length);
    expect(restarting[0]!.line.message).toContain(`(${job.jid})`);
  });

  it("a healthy job writes only its start lines; SQL applications write none", () => {
    const app = appOf("us-east-1", "orders-enricher");
    const job = jobViewAt(app, NOW, store.durations)!;
    const source = eventSourceOf(target(app), NOW + store.durations.logsIngestionDelayMs, store.durations);
    const lines = [...eventsBetween(source, job.startTime - 10, NOW)].map((e) => e.line.message);
    expect(lines.at(-1)).toBe(`Job orders-enricher (${job.jid}) switched from state CREATED to RUNNING.`);
    expect(lines.length).toBeLessThanOrEqual(5);
    const sql = appOf("us-east-1", "sql-anomaly-detector");
    expect(eventSourceOf(target(sql), NOW, store.durations).runs).toEqual([]);
  });
});

describe("log groups follow CloudWatchLoggingOptions", () => {
  it("an application without a logging option has no group at all", () => {
    const group = "/aws/kinesis-analytics/telemetry-downsampler";
    const input = { logGroupName: group };
    expect(
      (handleLogs("DescribeLogStreams", input, ctx("ap-southeast-2")) as { logStreams: unknown[] }).logStreams,
    ).toHaveLength(1);
    const app = appOf("ap-southeast-2", "telemetry-downsampler");
    const version = app.versions.at(-1)!;
    app.versions[app.versions.length - 1] = { ...version, config: { ...version.config, logging: [] } };
    expect(() => handleLogs("DescribeLogStreams", input, ctx("ap-southeast-2"))).toThrow(
      expect.objectContaining({
        code: "ResourceNotFoundException",
        message: "The specified log group does not exist.",
      }),
    );
    expect(() => handleLogs("FilterLogEvents", input, ctx("ap-southeast-2"))).toThrow(
      expect.objectContaining({ code: "ResourceNotFoundException" }),
    );
  });

  it("a logging option pointed at another group moves the log there", () => {
    const app = appOf("ap-southeast-2", "metrics-rollup-v2");
    const version = app.versions.at(-1)!;
    const arn = `arn:aws:logs:ap-southeast-2:123456789012:log-group:/custom/rollup:log-stream:main`;
    app.versions[app.versions.length - 1] = {
      ...version,
      config: { ...version.config, logging: [{ CloudWatchLoggingOptionId: "1.1", LogStreamARN: arn }] },
    };
    const out = handleLogs("DescribeLogStreams", { logGroupName: "/custom/rollup" }, ctx("ap-southeast-2")) as {
      logStreams: { logStreamName: string }[];
    };
    expect(out.logStreams.map((s) => s.logStreamName)).toEqual(["main"]);
    expect(() =>
      handleLogs(
        "DescribeLogStreams",
        { logGroupName: "/aws/kinesis-analytics/metrics-rollup-v2" },
        ctx("ap-southeast-2"),
      ),
    ).toThrow(expect.objectContaining({ code: "ResourceNotFoundException" }));
  });
});
