import {
  DescribeAlarmsCommand,
  PutMetricAlarmCommand,
  type CloudWatchClient,
  type MetricAlarm,
  type PutMetricAlarmCommandInput,
} from "@aws-sdk/client-cloudwatch";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cloudWatchClient } from "@/emulator/tests/harness";
import { resetWriteWorld, setupAppTestEnv, type AppTestEnv, TEST_ACCOUNT } from "@/tests/support/app-test-env";
import type { Role } from "@/lib/auth/roles";
import type { SignedInUser } from "@/lib/auth/session";

// Replacement alarms against the emulator: the one write path (role, input, verb, audit row), PutMetricAlarm with
// the old alarm's whole configuration on the 2.2 metric, and refusals that change nothing in AWS or the database.
let env: AppTestEnv;
let db: (typeof import("@/lib/db"))["db"];
let action: typeof import("@/lib/actions/action");
let specs: typeof import("@/lib/actions/specs");
let lib: typeof import("./alarm-fix");
let cw: CloudWatchClient;

const region = "us-east-1";
const app = "payments-fraud-scorer"; // Flink 1.19: fullRestarts, downtime and uptime-low alarms are seeded
const topic = "arn:aws:sns:us-east-1:123456789012:payments-pager";

const user = (roles: Role[], email = `${roles.join("-")}@example.com`): SignedInUser => ({
  sessionId: "s",
  subject: email,
  email,
  name: email,
  roles,
  teams: [],
});

beforeAll(async () => {
  env = await setupAppTestEnv({ regions: [region, "eu-west-1"] });
  db = (await import("@/lib/db")).db;
  action = await import("@/lib/actions/action");
  specs = await import("@/lib/actions/specs");
  lib = await import("./alarm-fix");
  cw = cloudWatchClient(env.emulator.url, region, { maxAttempts: 1 });
});

afterAll(async () => {
  await db.$disconnect();
  await env.close();
});

beforeEach(async () => {
  await resetWriteWorld(env);
});

/** A team's own alarm on uptime, paged, with a percentile and M-out-of-N: every field a replacement must keep. */
const paged: PutMetricAlarmCommandInput = {
  AlarmName: `${app}-uptime-paged`,
  AlarmDescription: "Job keeps restarting",
  Namespace: "AWS/KinesisAnalytics",
  MetricName: "uptime",
  Dimensions: [{ Name: "Application", Value: app }],
  ExtendedStatistic: "p10",
  Period: 300,
  Unit: "Milliseconds",
  EvaluationPeriods: 4,
  DatapointsToAlarm: 3,
  Threshold: 120_000,
  ComparisonOperator: "LessThanOrEqualToThreshold",
  TreatMissingData: "ignore",
  AlarmActions: [topic],
  OKActions: [`${topic}-ok`],
  InsufficientDataActions: [`${topic}-nodata`],
};

async function alarmsNamed(...names: string[]): Promise<Map<string, MetricAlarm>> {
  const out = await cw.send(new DescribeAlarmsCommand({ AlarmNames: names }));
  return new Map((out.MetricAlarms ?? []).map((a) => [a.AlarmName!, a]));
}

/** What a refused call must leave untouched: alarms in AWS, audit rows, and every CloudWatch write. */
async function world() {
  const calls = await env.emulator.control.calls();
  return {
    alarms: ((await cw.send(new DescribeAlarmsCommand({ MaxRecords: 100 }))).MetricAlarms ?? []).map(
      (a) => a.AlarmName,
    ),
    audits: await db.auditEvent.count(),
    puts: calls.filter((c) => c.operation === "PutMetricAlarm").reduce((n, c) => n + c.count, 0),
  };
}

const configOf = (a: MetricAlarm) => ({
  Namespace: a.Namespace,
  Dimensions: a.Dimensions,
  Statistic: a.Statistic,
  ExtendedStatistic: a.ExtendedStatistic,
  Period: a.Period,
  Unit: a.Unit,
  EvaluationPeriods: a.EvaluationPeriods,
  DatapointsToAlarm: a.DatapointsToAlarm,
  Threshold: a.Threshold,
  ComparisonOperator: a.ComparisonOperator,
  TreatMissingData: a.TreatMissingData,
  ActionsEnabled: a.ActionsEnabled,
  AlarmActions: a.AlarmActions,
  OKActions: a.OKActions,
  InsufficientDataActions: a.InsufficientDataActions,
});

describe("the plan the application page shows", () => {
  it("replaces fullRestarts and uptime one for one, skips downtime with the reason, and warns where data is missing", async () => {
    const result = await lib.checkAlarmsWithReplacements(
      { account: TEST_ACCOUNT, region: region },
      app,
      "FLINK-1_19",
      "FLINK-2_2",
    );
    expect(result.findings).toHaveLength(3);
    expect(result.replacements.map((r) => [r.alarmName, r.metric, r.create, r.skipped === null])).toEqual([
      [
        `${app}-full-restarts`,
        "fullRestarts",
        { alarmName: `${app}-full-restarts-flink-2.2`, metric: "numRestarts" },
        true,
      ],
      [`${app}-downtime`, "downtime", null, false],
      [`${app}-uptime-low`, "uptime", { alarmName: `${app}-uptime-low-flink-2.2`, metric: "runningTime" }, true],
    ]);
    expect(result.replacements[1]!.skipped).toMatch(/^downtime has no direct replacement on Flink 2.2/);
    // The emulator publishes numRestarts on 1.x too; runningTime only from 2.x on, and uptime-low treats missing data
    // as breaching.
    expect(result.replacements[0]!.note).toBeNull();
    expect(result.replacements[2]!.note).toMatch(/goes to ALARM and runs its alarm actions/);
  });

  it("skips metric-math alarms, names too long, and replacements that exist already", () => {
    const finding = (alarmName: string, metric = "fullRestarts") =>
      ({ alarmName, metric, advice: "" }) as import("./alarm-check").AlarmFinding;
    const long = "a".repeat(250);
    const plan = lib.planReplacements(
      [
        { AlarmName: "math", Metrics: [] },
        { AlarmName: long, MetricName: "fullRestarts" },
        { AlarmName: "done", MetricName: "fullRestarts" },
        { AlarmName: "done-flink-2.2", MetricName: "numRestarts" },
      ],
      [finding("math"), finding(long), finding("done"), finding("done", "bytesRequestedPerFetch")],
      "FLINK-2_2",
    );
    expect(plan.map((p) => [p.create, p.skipped])).toEqual([
      [null, "A metric-math alarm: change the metric in its expression by hand."],
      [null, 'Its name is too long to add "-flink-2.2" (255 characters at most).'],
      [null, "done-flink-2.2 already exists; it is left as it is."],
      [null, expect.stringMatching(/^bytesRequestedPerFetch has no direct replacement/)],
    ]);
  });
});

describe("replacing alarms through the write path", () => {
  it("creates <name>-flink-2.2 on numRestarts / runningTime with everything else kept, keeps the old alarms, writes one audit row", async () => {
    await cw.send(new PutMetricAlarmCommand(paged));
    const names = [`${app}-full-restarts`, `${app}-uptime-paged`, `${app}-downtime`];
    const before = await alarmsNamed(...names);
    await env.emulator.control.resetCalls();

    const outcome = await action.runAction(specs.replaceAlarmsSpec, user(["engineer"], "eli@example.com"), {
      account: TEST_ACCOUNT,
      region,
      name: app,
      alarmNames: names,
    });
    if (!outcome.ok) throw new Error(outcome.error);
    expect(outcome.data.created.map((c) => [c.replaces, c.alarmName, c.metric])).toEqual([
      [`${app}-full-restarts`, `${app}-full-restarts-flink-2.2`, "numRestarts"],
      [`${app}-uptime-paged`, `${app}-uptime-paged-flink-2.2`, "runningTime"],
    ]);
    expect(outcome.data.skipped).toEqual([
      { alarmName: `${app}-downtime`, metric: "downtime", reason: expect.stringMatching(/no direct replacement/) },
    ]);
    expect(outcome.data.failed).toEqual([]);
    expect(outcome.revalidate).toEqual([`/apps/${TEST_ACCOUNT}/${region}/${app}`]);

    const after = await alarmsNamed(...names, `${app}-full-restarts-flink-2.2`, `${app}-uptime-paged-flink-2.2`);
    for (const name of names) expect(after.get(name)).toEqual(before.get(name)); // the old alarms stay as they were
    for (const old of [`${app}-full-restarts`, `${app}-uptime-paged`]) {
      const created = after.get(`${old}-flink-2.2`)!;
      expect(configOf(created)).toEqual(configOf(before.get(old)!));
      expect(created.AlarmDescription).toContain(`Replaces ${old}`);
    }
    expect(after.get(`${app}-full-restarts-flink-2.2`)!.MetricName).toBe("numRestarts");
    expect(after.get(`${app}-uptime-paged-flink-2.2`)).toMatchObject({
      MetricName: "runningTime",
      ExtendedStatistic: "p10",
      AlarmActions: [topic],
      OKActions: [`${topic}-ok`],
      InsufficientDataActions: [`${topic}-nodata`],
    });
    const calls = await env.emulator.control.calls();
    expect(calls.filter((c) => c.operation === "PutMetricAlarm").reduce((n, c) => n + c.count, 0)).toBe(2);

    const rows = await db.auditEvent.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor: "eli@example.com",
      action: "alarms.replaced",
      target: `${TEST_ACCOUNT}/${region}/${app}`,
    });
    expect(JSON.parse(rows[0]!.after!)).toMatchObject({
      created: [
        { alarmName: `${app}-full-restarts-flink-2.2`, metric: "numRestarts", replaces: `${app}-full-restarts` },
        { alarmName: `${app}-uptime-paged-flink-2.2`, metric: "runningTime", replaces: `${app}-uptime-paged` },
      ],
    });
  });

  it("a viewer is refused before any AWS call: nothing created, no audit row", async () => {
    const before = await world();
    await env.emulator.control.resetCalls();
    for (const roles of [["viewer"], ["manager"], ["approver"]] as Role[][]) {
      const refused = await action.runAction(specs.replaceAlarmsSpec, user(roles), {
        account: TEST_ACCOUNT,
        region,
        name: app,
        alarmNames: [`${app}-full-restarts`],
      });
      expect(refused).toMatchObject({ ok: false, status: 403 });
    }
    expect(
      await action.runAction(specs.replaceAlarmsSpec, null, {
        account: TEST_ACCOUNT,
        region,
        name: app,
        alarmNames: [],
      }),
    ).toMatchObject({
      ok: false,
      status: 401,
    });
    expect(await env.emulator.control.calls()).toEqual([]);
    expect(await world()).toEqual(before);
  });

  it("refuses, changing nothing, unknown alarms, alarms that need no fix, and a choice with nothing to create", async () => {
    const engineer = user(["engineer"]);
    const run = (alarmNames: string[], name = app) =>
      action.runAction(specs.replaceAlarmsSpec, engineer, { account: TEST_ACCOUNT, region, name, alarmNames });
    const before = await world();

    const unknown = await run([`${app}-full-restarts`, "no-such-alarm", "orders-enricher-full-restarts"]);
    expect(unknown).toMatchObject({ ok: false, status: 400 });
    if (unknown.ok) return;
    expect(unknown.error).toMatch(/no-such-alarm, orders-enricher-full-restarts/);
    expect(unknown.fieldErrors?.alarmNames).toHaveLength(2);

    const checkpoints = (await cw.send(new DescribeAlarmsCommand({ MaxRecords: 100 }))).MetricAlarms!.find(
      (a) => a.MetricName === "numberOfFailedCheckpoints",
    )!;
    const fine = await run([checkpoints.AlarmName!], checkpoints.Dimensions![0]!.Value!);
    expect(fine).toMatchObject({ ok: false, status: 400, error: expect.stringMatching(/keeps working on Flink 2.2/) });

    const downtimeOnly = await run([`${app}-downtime`]);
    expect(downtimeOnly).toMatchObject({
      ok: false,
      status: 409,
      error: expect.stringMatching(/^No replacement alarm was created\. .*downtime has no direct replacement/),
    });

    expect(await run([`${app}-full-restarts`], "no-such-app")).toMatchObject({
      ok: false,
      error: "Unknown application.",
    });
    const forged = await run([]);
    expect(forged).toMatchObject({ ok: false, status: 400, error: "Some fields need attention." });

    expect(await world()).toEqual(before);
    expect(before.puts).toBe(0);
  });

  it("a second run finds the replacement in place and creates nothing more", async () => {
    const engineer = user(["engineer"]);
    const input = { account: TEST_ACCOUNT, region, name: app, alarmNames: [`${app}-full-restarts`] };
    expect((await action.runAction(specs.replaceAlarmsSpec, engineer, input)).ok).toBe(true);
    const again = await action.runAction(specs.replaceAlarmsSpec, engineer, input);
    expect(again).toMatchObject({
      ok: false,
      error: expect.stringMatching(/full-restarts-flink-2.2 already exists/),
    });
    expect(await db.auditEvent.count()).toBe(1);
  });

  it("when AWS refuses PutMetricAlarm, the refusal says why and no audit row is written", async () => {
    await env.emulator.control.setFaults({ service: "monitoring", operation: "PutMetricAlarm", deny: true });
    try {
      const refused = await action.runAction(specs.replaceAlarmsSpec, user(["engineer"]), {
        account: TEST_ACCOUNT,
        region,
        name: app,
        alarmNames: [`${app}-full-restarts`],
      });
      expect(refused).toMatchObject({
        ok: false,
        status: 409,
        error: expect.stringMatching(/check the IAM permissions of the dashboard's role/),
      });
      expect(await db.auditEvent.count()).toBe(0);
      expect((await alarmsNamed(`${app}-full-restarts-flink-2.2`)).size).toBe(0);
    } finally {
      await env.emulator.control.clearFaults();
    }
  });

  it("when AWS refuses one of two, the other is created and the audit row names both", async () => {
    await env.emulator.control.setFaults({
      service: "monitoring",
      operation: "PutMetricAlarm",
      deny: true,
      remaining: 1,
    });
    const outcome = await action.runAction(specs.replaceAlarmsSpec, user(["engineer"]), {
      account: TEST_ACCOUNT,
      region,
      name: app,
      alarmNames: [`${app}-full-restarts`, `${app}-uptime-low`],
    });
    if (!outcome.ok) throw new Error(outcome.error);
    expect(outcome.data.failed).toEqual([
      {
        alarmName: `${app}-full-restarts-flink-2.2`,
        metric: "numRestarts",
        error: expect.stringMatching(/^AWS refused the request: check the IAM permissions/),
      },
    ]);
    expect(outcome.data.created.map((c) => c.alarmName)).toEqual([`${app}-uptime-low-flink-2.2`]);
    const rows = await db.auditEvent.findMany();
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.after!)).toMatchObject({
      created: [{ alarmName: `${app}-uptime-low-flink-2.2` }],
      failed: [{ alarmName: `${app}-full-restarts-flink-2.2` }],
    });
  });
});
