// What each scenario writes to the application log, checked against the Flink job view at the same instants
// (test speed: restart loop 167 ms, failing update 1.25 s, late-failure onset 2 s, failed checkpoint every 1 s).
import type { CloudWatchLogsClient, FilteredLogEvent } from "@aws-sdk/client-cloudwatch-logs";
import {
  CreateApplicationPresignedUrlCommand,
  UpdateApplicationCommand,
  type KinesisAnalyticsV2Client,
  type RuntimeEnvironment,
  type UpdateApplicationCommandInput,
} from "@aws-sdk/client-kinesis-analytics-v2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Scenario } from "../core/types";
import { logsClient, msfClient, startEmulator, type StartedEmulator } from "./harness";
import { filterAll, groupOf, lineOf, rootCauseClass, STREAM } from "./logs-helpers";
import { describeApp, sleep, timelineOf, waitForStatus } from "./msf-helpers";

let emu: StartedEmulator;
let msf: KinesisAnalyticsV2Client;
let logs: CloudWatchLogsClient;
const INGESTION_MS = 100;

beforeAll(async () => {
  emu = await startEmulator();
  msf = msfClient(emu.url, "us-east-1");
  logs = logsClient(emu.url, "us-east-1");
});
afterAll(() => emu.close());

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A code change (so the scenario applies), optionally a runtime and a log level; answers the update's instant. */
async function upgrade(
  name: string,
  scenario: Scenario,
  options: { runtime?: RuntimeEnvironment; logLevel?: "INFO" | "WARN" | "ERROR" } = {},
): Promise<number> {
  await emu.control.setScenario("us-east-1", name, scenario);
  const before = await describeApp(msf, name);
  const update: UpdateApplicationCommandInput = {
    ApplicationName: name,
    CurrentApplicationVersionId: before.ApplicationVersionId,
    RuntimeEnvironmentUpdate: options.runtime,
    ApplicationConfigurationUpdate: {
      ApplicationCodeConfigurationUpdate: {
        CodeContentUpdate: { S3ContentLocationUpdate: { FileKeyUpdate: `${name}-next.jar` } },
      },
      ...(options.logLevel
        ? {
            FlinkApplicationConfigurationUpdate: {
              MonitoringConfigurationUpdate: { ConfigurationTypeUpdate: "CUSTOM", LogLevelUpdate: options.logLevel },
            },
          }
        : {}),
    },
  };
  await msf.send(new UpdateApplicationCommand(update));
  return timelineOf(await emu.control.app("us-east-1", name)).at(-1)!.start;
}

async function dashboard(name: string): Promise<(endpoint: string) => Promise<Json>> {
  const out = await msf.send(
    new CreateApplicationPresignedUrlCommand({ ApplicationName: name, UrlType: "FLINK_DASHBOARD_URL" }),
  );
  const url = new URL(out.AuthorizedUrl!);
  return async (endpoint) => {
    const res = await fetch(`${url.origin}${url.pathname}/${endpoint}?authToken=${url.searchParams.get("authToken")}`);
    expect(res.status, endpoint).toBe(200);
    return (await res.json()) as Json;
  };
}

const read = async (name: string, startTime: number, endTime = Date.now(), filterPattern = "") =>
  (await filterAll(logs, { logGroupName: groupOf(name), logStreamNames: [STREAM], startTime, endTime, filterPattern }))
    .events;
const messages = (events: FilteredLogEvent[]) => events.map((e) => lineOf(e).message);
const attemptOf = (message: string) => Number(/#(\d+) \(/.exec(message)?.[1]);

describe.concurrent("scenarios in the log", () => {
  it("state-incompatible: restarts and attempts equal the REST exception history, same job and cause", async () => {
    const name = "clickstream-sessionizer";
    const updatedAt = await upgrade(name, "state-incompatible", { runtime: "FLINK-2_2" });
    await waitForStatus(msf, name, "RUNNING");
    await sleep(800);
    const rest = await dashboard(name);
    const [{ id: jid }] = (await rest("jobs")).jobs;
    const { entries, truncated } = (await rest(`jobs/${jid}/exceptions`)).exceptionHistory;
    expect(entries.length).toBeGreaterThan(2);
    const newest = entries[0];
    await sleep(INGESTION_MS + 100);

    const lines = await read(name, updatedAt, newest.timestamp);
    const failed = lines.filter((e) => / switched from RUNNING to FAILED on /.test(lineOf(e).message));
    const restarting = messages(lines).filter(
      (m) => m === `Job ${name} (${jid}) switched from state RUNNING to RESTARTING.`,
    );
    // Up to the newest REST failure the log has exactly as many failures and restarts as the history counts.
    const total = Number(/execution #(\d+)$/.exec(newest.taskName)![1]) + 1;
    expect(failed).toHaveLength(total);
    expect(restarting).toHaveLength(total);
    expect(failed.map((e) => attemptOf(lineOf(e).message))).toEqual([...Array(total).keys()]);
    for (const entry of entries) {
      const attempt = Number(/execution #(\d+)$/.exec(entry.taskName)![1]);
      const line = failed[attempt]!;
      expect(line.timestamp).toBe(entry.timestamp);
      expect(
        lineOf(line).message.startsWith(entry.taskName.replace(/ \(\d+\//, " (1/").replace(/ - execution #\d+$/, "")),
      ).toBe(true);
    }
    // Attempt #0 fails on the same root cause class as the REST view shows.
    const restCause = rootCauseClass(entries.at(-1).stacktrace.split("\n"));
    expect(rootCauseClass(lineOf(failed[0]!).throwableInformation!)).toBe(restCause);
    if (!truncated) expect(entries.at(-1).taskName).toMatch(/execution #0$/);
    expect(restCause).toMatch(
      /^(org\.apache\.flink\.util\.StateMigrationException|com\.esotericsoftware\.kryo\.KryoException)$/,
    );
    // The new job started (and its Kryo types were logged) once; the old job was cancelled by the update.
    const all = messages(await read(name, updatedAt - 5_000));
    expect(all.filter((m) => m === `Job ${name} (${jid}) switched from state CREATED to RUNNING.`)).toHaveLength(1);
    expect(
      all.some((m) =>
        /^Job clickstream-sessionizer \([0-9a-f]{32}\) switched from state RUNNING to CANCELED\.$/.test(m),
      ),
    ).toBe(true);
    const kryo = all.filter((m) => m.startsWith("Class class com.example.clickstreamSessionizer."));
    expect(kryo.length).toBeGreaterThanOrEqual(1);
    const fqcn = kryo[0]!.split(" ")[2]!;
    expect(fqcn).toMatch(/^com\.example\.clickstreamSessionizer\.[A-Z]\w+$/);
    expect(kryo[0]).toBe(
      `Class class ${fqcn} cannot be used as a POJO type because not all fields are valid POJO fields, and must be ` +
        'processed as GenericType. Please read the Flink documentation on "Data Types & Serialization" for details ' +
        "of the effect on performance and schema evolution.",
    );
  });

  it("binary-incompatible: the crash-looping update job fails on code, is cancelled, a new job follows", async () => {
    const name = "payments-fraud-scorer";
    const updatedAt = await upgrade(name, "binary-incompatible", { runtime: "FLINK-2_2" });
    await waitForStatus(msf, name, "ROLLING_BACK");
    await waitForStatus(msf, name, "RUNNING");
    await sleep(INGESTION_MS + 50);
    const events = await read(name, updatedAt);
    const failed = events.filter((e) => lineOf(e).messageType === "WARN");
    expect(failed.length).toBeGreaterThan(3);
    expect(rootCauseClass(lineOf(failed[0]!).throwableInformation!)).toMatch(
      /^(java\.lang\.ClassNotFoundException|java\.lang\.NoSuchMethodError)$/,
    );
    const text = messages(events);
    const starts = text.filter((m) => m.endsWith("switched from state CREATED to RUNNING."));
    expect(starts).toHaveLength(2);
    const crashJob = /\(([0-9a-f]{32})\)/.exec(starts[0]!)![1];
    expect(
      text.some((m) => m.startsWith(`Job ${name} (${crashJob}) switched from state`) && m.endsWith("to CANCELED.")),
    ).toBe(true);
    const rest = await dashboard(name);
    expect(starts[1]).toContain(`(${(await rest("jobs")).jobs[0].id})`);
  });

  it("late-failure: one WARN per failed checkpoint, with Flink's id and consecutive count", async () => {
    const name = "sensor-ingest-py";
    await upgrade(name, "late-failure", { runtime: "FLINK-1_20" });
    await waitForStatus(msf, name, "RUNNING");
    const rest = await dashboard(name);
    // The first use starts the session (a presigned URL must be used within 3 s at test speed).
    const [{ id: jid }] = (await rest("jobs")).jobs;
    await sleep(3_400);
    const latest = (await rest(`jobs/${jid}/checkpoints`)).latest.failed;
    expect(latest.failure_message).toBe("Checkpoint expired before completing.");
    await sleep(INGESTION_MS + 50);
    const events = await read(
      name,
      Date.now() - 10_000,
      latest.failure_timestamp,
      '"Failed to trigger or complete checkpoint"',
    );
    expect(events.length).toBeGreaterThanOrEqual(2);
    const line = lineOf(events.at(-1)!);
    expect(events.at(-1)!.timestamp).toBe(latest.failure_timestamp);
    expect(line).toMatchObject({
      messageType: "WARN",
      logger: "org.apache.flink.runtime.checkpoint.CheckpointFailureManager",
      message:
        `Failed to trigger or complete checkpoint ${latest.id} for job ${jid}. ` +
        `(${events.length - 1} consecutive failed attempts so far)`,
    });
    expect(line.throwableInformation![0]).toBe(
      "org.apache.flink.runtime.checkpoint.CheckpointException: Checkpoint expired before completing.",
    );
  });

  it("maintenance: one benign task failure inside the same job, then RUNNING again", async () => {
    const name = "recommendations-v2";
    const updatedAt = await upgrade(name, "maintenance-during-observation", { runtime: "FLINK-2_2" });
    await waitForStatus(msf, name, "MAINTENANCE");
    await waitForStatus(msf, name, "RUNNING");
    await sleep(INGESTION_MS + 50);
    const text = messages(await read(name, updatedAt));
    const jid = /\(([0-9a-f]{32})\) switched from state CREATED to RUNNING\.$/.exec(
      text.find((m) => m.endsWith("CREATED to RUNNING."))!,
    )![1];
    const tail = text.filter((m) => m.includes(jid!) || / to FAILED /.test(m)).slice(-3);
    expect(tail[0]).toMatch(/#0 \([0-9a-f]{32}\) switched from RUNNING to FAILED/);
    expect(tail.slice(1)).toEqual([
      `Job ${name} (${jid}) switched from state RUNNING to RESTARTING.`,
      `Job ${name} (${jid}) switched from state RESTARTING to RUNNING.`,
    ]);
  });

  it("LogLevel WARN keeps the task failures only; ERROR writes nothing (no state switch, no Kryo line)", async () => {
    const warn = "ledger-reconciler";
    const warnAt = await upgrade(warn, "rollback-fails", { logLevel: "WARN" });
    const error = "inventory-sync";
    const errorAt = await upgrade(error, "state-incompatible", { logLevel: "ERROR" });
    await waitForStatus(msf, warn, "RUNNING");
    await waitForStatus(msf, error, "RUNNING");
    await sleep(800);
    const warnLines = (await read(warn, warnAt + 1)).map(lineOf);
    expect(warnLines.length).toBeGreaterThan(2);
    expect(warnLines.every((l) => l.messageType === "WARN" && / to FAILED /.test(l.message))).toBe(true);
    expect(await read(error, errorAt + 1)).toEqual([]);
    // Before the update the job logged at INFO, including its cancellation at the update instant.
    const before = messages(await read(error, errorAt - 60_000, errorAt));
    expect(before.at(-1)).toMatch(/switched from state RUNNING to CANCELED\.$/);
  });
});
