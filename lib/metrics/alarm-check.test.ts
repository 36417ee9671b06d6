import type { MetricAlarm } from "@aws-sdk/client-cloudwatch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupAppTestEnv, type AppTestEnv, TEST_ACCOUNT } from "@/tests/support/app-test-env";

// Integration: DescribeAlarms through the app's own CloudWatch client against the emulator's seeded alarms.
let env: AppTestEnv;
let lib: typeof import("./alarm-check");

beforeAll(async () => {
  env = await setupAppTestEnv({ regions: ["us-east-1", "eu-west-1"] });
  lib = await import("./alarm-check");
});

afterAll(async () => {
  await env.close();
});

const summary = (findings: import("./alarm-check").AlarmFinding[]) =>
  findings.map((f) => ({
    alarm: f.alarmName,
    metric: f.metric,
    problem: f.problem,
    replacement: f.replacement,
    isBrokenNow: f.isBrokenNow,
  }));

describe("alarm check against the emulator", () => {
  it("a Flink 1.19 app: fullRestarts removed, downtime and uptime deprecated on 2.2; other alarms are fine", async () => {
    const result = await lib.checkAlarms(
      { account: TEST_ACCOUNT, region: "us-east-1" },
      "payments-fraud-scorer",
      "FLINK-1_19",
      "FLINK-2_2",
    );
    expect(result.checked).toBe(3);
    expect(summary(result.findings)).toEqual([
      {
        alarm: "payments-fraud-scorer-full-restarts",
        metric: "fullRestarts",
        problem: "removed",
        replacement: "numRestarts",
        isBrokenNow: false,
      },
      {
        alarm: "payments-fraud-scorer-downtime",
        metric: "downtime",
        problem: "deprecated",
        replacement: "restartingTime / failingTime / cancellingTime",
        isBrokenNow: false,
      },
      {
        alarm: "payments-fraud-scorer-uptime-low",
        metric: "uptime",
        problem: "deprecated",
        replacement: "runningTime",
        isBrokenNow: false,
      },
    ]);
    expect(result.findings[0]).toMatchObject({ state: "OK", condition: "Maximum > 0 for 1 × 60 s" });
  });

  it("an app already on 2.2 with a leftover fullRestarts alarm: broken now, numRestarts alarms not flagged", async () => {
    const result = await lib.checkAlarms(
      { account: TEST_ACCOUNT, region: "eu-west-1" },
      "fx-rates-joiner",
      "FLINK-2_2",
      "FLINK-2_2",
    );
    expect(result.checked).toBe(4);
    expect(summary(result.findings).map((f) => [f.metric, f.isBrokenNow])).toEqual([
      ["fullRestarts", true],
      ["uptime", false],
    ]);
    expect(result.findings[0]!.state).toBe("INSUFFICIENT_DATA");
  });

  it("follows NextToken: small pages give the same answer in ceil(n / page) calls", async () => {
    await env.emulator.control.resetCalls();
    const paged = await lib.checkAlarms(
      { account: TEST_ACCOUNT, region: "us-east-1" },
      "payments-fraud-scorer",
      "FLINK-1_19",
      "FLINK-2_2",
      {
        pageSize: 4,
      },
    );
    const calls = (await env.emulator.control.calls())
      .filter((c) => c.operation === "DescribeAlarms" && c.region === "us-east-1")
      .reduce((n, c) => n + c.count, 0);
    expect(calls).toBe(4); // 15 seeded alarms in us-east-1
    expect(summary(paged.findings)).toEqual(
      summary(
        (
          await lib.checkAlarms(
            { account: TEST_ACCOUNT, region: "us-east-1" },
            "payments-fraud-scorer",
            "FLINK-1_19",
            "FLINK-2_2",
          )
        ).findings,
      ),
    );
  });

  it("an application without alarms has nothing to check", async () => {
    expect(
      await lib.checkAlarms(
        { account: TEST_ACCOUNT, region: "us-east-1" },
        "orders-enricher",
        "FLINK-1_20",
        "FLINK-2_2",
      ),
    ).toEqual({
      target: "FLINK-2_2",
      checked: 0,
      findings: [],
    });
  });
});

describe("which alarms count", () => {
  const alarm = (o: Partial<MetricAlarm>): MetricAlarm => ({
    AlarmName: "a",
    Namespace: "AWS/KinesisAnalytics",
    MetricName: "fullRestarts",
    Statistic: "Maximum",
    Threshold: 0,
    ComparisonOperator: "GreaterThanThreshold",
    Period: 60,
    EvaluationPeriods: 1,
    Dimensions: [{ Name: "Application", Value: "app" }],
    StateValue: "OK",
    ...o,
  });

  it("only alarms on this application's metrics in AWS/KinesisAnalytics", () => {
    const { checked, findings } = lib.findAlarmsAtRisk(
      [
        alarm({ AlarmName: "other-app", Dimensions: [{ Name: "Application", Value: "app-2" }] }),
        alarm({ AlarmName: "other-namespace", Namespace: "Custom/Flink" }),
        alarm({ AlarmName: "mine" }),
      ],
      "app",
      "FLINK-1_20",
      "FLINK-2_2",
    );
    expect(checked).toBe(1);
    expect(findings.map((f) => f.alarmName)).toEqual(["mine"]);
  });

  it("looks inside metric-math alarms", () => {
    const math = alarm({
      AlarmName: "math",
      MetricName: undefined,
      Statistic: undefined,
      Namespace: undefined,
      Dimensions: undefined,
      Metrics: [
        { Id: "e1", Expression: "m1 + m2" },
        {
          Id: "m1",
          MetricStat: {
            Metric: {
              Namespace: "AWS/KinesisAnalytics",
              MetricName: "downtime",
              Dimensions: [{ Name: "Application", Value: "app" }],
            },
            Period: 60,
            Stat: "Average",
          },
        },
        {
          Id: "m2",
          MetricStat: {
            Metric: {
              Namespace: "AWS/KinesisAnalytics",
              MetricName: "numRestarts",
              Dimensions: [{ Name: "Application", Value: "app" }],
            },
            Period: 60,
            Stat: "Maximum",
          },
        },
      ],
    });
    const { findings } = lib.findAlarmsAtRisk([math], "app", "FLINK-1_20", "FLINK-2_2");
    expect(findings.map((f) => [f.metric, f.problem, f.condition])).toEqual([
      ["downtime", "deprecated", "Average > 0 for 1 × 60 s"],
    ]);
  });

  it("nothing is at risk when the target keeps publishing the 1.x metrics", () => {
    expect(lib.findAlarmsAtRisk([alarm({})], "app", "FLINK-1_15", "FLINK-1_20").findings).toEqual([]);
  });
});
