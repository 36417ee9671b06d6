// PutMetricAlarm through the real @aws-sdk/client-cloudwatch (AWS JSON 1.0, query-compatible errors).
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  PutMetricAlarmCommand,
  type PutMetricAlarmCommandInput,
} from "@aws-sdk/client-cloudwatch";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cloudWatchClient, startEmulator, type StartedEmulator } from "./harness";
import { expectAwsError } from "./msf-helpers";

let emu: StartedEmulator;
let cw: CloudWatchClient;

beforeAll(async () => {
  emu = await startEmulator();
  cw = cloudWatchClient(emu.url, "us-east-1", { maxAttempts: 1 });
});
afterAll(() => emu.close());
beforeEach(() => emu.control.reset());

const topic = "arn:aws:sns:us-east-1:123456789012:flink-pager";
const input: PutMetricAlarmCommandInput = {
  AlarmName: "payments-fraud-scorer-full-restarts-flink-2.2",
  AlarmDescription: "Flink job restarted (payments-fraud-scorer)",
  Namespace: "AWS/KinesisAnalytics",
  MetricName: "numRestarts",
  Dimensions: [{ Name: "Application", Value: "payments-fraud-scorer" }],
  Statistic: "Maximum",
  Period: 60,
  EvaluationPeriods: 5,
  DatapointsToAlarm: 2,
  Threshold: 0,
  ComparisonOperator: "GreaterThanThreshold",
  TreatMissingData: "notBreaching",
  AlarmActions: [topic],
  OKActions: [`${topic}-ok`],
  InsufficientDataActions: [`${topic}-nodata`],
};

async function alarm(name: string, client = cw) {
  return (await client.send(new DescribeAlarmsCommand({ AlarmNames: [name] }))).MetricAlarms ?? [];
}

describe("PutMetricAlarm", () => {
  it("creates an alarm; DescribeAlarms returns it as given, INSUFFICIENT_DATA, and ActionPrefix finds it", async () => {
    const put = await cw.send(new PutMetricAlarmCommand(input));
    expect(put.$metadata.httpStatusCode).toBe(200);
    const [created] = await alarm(input.AlarmName!);
    expect(created).toMatchObject({
      ...input,
      AlarmArn: `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${input.AlarmName}`,
      ActionsEnabled: true,
      StateValue: "INSUFFICIENT_DATA",
      StateReason: "Unchecked: Initial alarm creation",
    });
    expect(created!.AlarmConfigurationUpdatedTimestamp).toBeInstanceOf(Date);
    const byAction = await cw.send(new DescribeAlarmsCommand({ ActionPrefix: topic }));
    expect(byAction.MetricAlarms!.map((a) => a.AlarmName)).toEqual([input.AlarmName]);
    const calls = await emu.control.calls();
    expect(calls.find((c) => c.operation === "PutMetricAlarm")).toMatchObject({ service: "monitoring", count: 1 });
  });

  it("replaces the alarm of the same name: the configuration changes, the state and the count do not", async () => {
    const seeded = (await cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: "payments-fraud-scorer-" })))
      .MetricAlarms!;
    const fullRestarts = seeded.find((a) => a.MetricName === "fullRestarts")!;
    await cw.send(
      new PutMetricAlarmCommand({
        ...input,
        AlarmName: fullRestarts.AlarmName,
        Statistic: undefined,
        ExtendedStatistic: "p90",
        Threshold: 3,
      }),
    );
    const after = (await cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: "payments-fraud-scorer-" })))
      .MetricAlarms!;
    expect(after).toHaveLength(seeded.length);
    const [replaced] = await alarm(fullRestarts.AlarmName!);
    expect(replaced).toMatchObject({
      MetricName: "numRestarts",
      ExtendedStatistic: "p90",
      Threshold: 3,
      StateValue: fullRestarts.StateValue,
      StateReason: fullRestarts.StateReason,
    });
    expect(replaced!.Statistic).toBeUndefined();
  });

  it("answers validation errors with CloudWatch's query codes and HTTP 400, changing nothing", async () => {
    const before = await cw.send(new DescribeAlarmsCommand({}));
    const put = (change: Partial<PutMetricAlarmCommandInput>) =>
      cw.send(new PutMetricAlarmCommand({ ...input, ...change }));
    const tooLong = await expectAwsError(put({ AlarmName: "x".repeat(256) }), "ValidationException", 400);
    expect(tooLong.message).toMatch(
      /^1 validation error detected: Value '.*' at 'alarmName' failed to satisfy constraint: Member must have length less than or equal to 255$/,
    );
    await expectAwsError(put({ Statistic: undefined }), "MissingRequiredParameterException", 400);
    await expectAwsError(put({ ExtendedStatistic: "p99" }), "InvalidParameterCombinationException", 400);
    const period = await expectAwsError(put({ Period: 45 }), "InvalidParameterValueException", 400);
    expect(period.message).toMatch(/Period must be 10, 20, 30 or a multiple of 60/);
    await expectAwsError(put({ DatapointsToAlarm: 6 }), "ValidationException", 400);
    await expectAwsError(put({ TreatMissingData: "zero" }), "InvalidParameterValueException", 400);
    expect(await cw.send(new DescribeAlarmsCommand({}))).toMatchObject({ MetricAlarms: before.MetricAlarms });
  });

  it("keeps each account and region to itself, and reset drops what was put", async () => {
    await cw.send(new PutMetricAlarmCommand(input));
    const eu = cloudWatchClient(emu.url, "eu-west-1", { maxAttempts: 1 });
    const other = cloudWatchClient(emu.url, "us-east-1", {
      maxAttempts: 1,
      credentials: { accessKeyId: "999999999999", secretAccessKey: "test" },
    });
    expect(await alarm(input.AlarmName!, eu)).toEqual([]);
    expect(await alarm(input.AlarmName!, other)).toEqual([]);
    await emu.control.reset();
    expect(await alarm(input.AlarmName!)).toEqual([]);
  });
});
