// Logs Insights through the real SDK. Query phases are slowed here (Scheduled 300 ms, Complete at 900 ms) so the
// progression can be observed; fx-rates-joiner (eu-west-1) restart-loops every 167 ms.
import {
  GetQueryResultsCommand,
  StartQueryCommand,
  StopQueryCommand,
  type CloudWatchLogsClient,
  type GetQueryResultsCommandOutput,
  type ResultField,
  type StartQueryCommandInput,
} from "@aws-sdk/client-cloudwatch-logs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logsClient, startEmulator, type StartedEmulator } from "./harness";
import { groupOf } from "./logs-helpers";
import { expectAwsError, sleep } from "./msf-helpers";

let emu: StartedEmulator;
let west: CloudWatchLogsClient;

beforeAll(async () => {
  emu = await startEmulator({ durations: { logsQueryScheduledMs: 300, logsQueryMs: 900 } });
  west = logsClient(emu.url, "eu-west-1");
});
afterAll(() => emu.close());

const seconds = (ms: number) => Math.floor(ms / 1000);
const lastMinute = () => ({ startTime: seconds(Date.now()) - 60, endTime: seconds(Date.now()) });

async function run(
  client: CloudWatchLogsClient,
  input: Omit<StartQueryCommandInput, "startTime" | "endTime"> & Partial<StartQueryCommandInput>,
) {
  const { queryId } = await client.send(new StartQueryCommand({ ...lastMinute(), ...input } as StartQueryCommandInput));
  for (;;) {
    const out = await client.send(new GetQueryResultsCommand({ queryId }));
    if (out.status === "Complete") return out;
    expect(["Scheduled", "Running"]).toContain(out.status);
    await sleep(100);
  }
}

const rowsOf = (out: GetQueryResultsCommandOutput) =>
  (out.results ?? []).map((row: ResultField[]) => Object.fromEntries(row.map((f) => [f.field!, f.value!])));

describe("query lifecycle", () => {
  it("Scheduled → Running → Complete, results only when Complete", async () => {
    const { queryId } = await west.send(
      new StartQueryCommand({ logGroupName: groupOf("fx-rates-joiner"), ...lastMinute(), queryString: "limit 3" }),
    );
    expect(queryId).toMatch(/^[0-9a-f-]{36}$/);
    const scheduled = await west.send(new GetQueryResultsCommand({ queryId }));
    expect(scheduled).toMatchObject({ status: "Scheduled", results: [] });
    await sleep(400);
    expect((await west.send(new GetQueryResultsCommand({ queryId }))).status).toBe("Running");
    await sleep(600);
    const done = await west.send(new GetQueryResultsCommand({ queryId }));
    expect(done.status).toBe("Complete");
    expect(done.results).toHaveLength(3);
    expect(done.statistics!.recordsScanned).toBeGreaterThan(100);
    expect(done.statistics!.recordsMatched).toBe(done.statistics!.recordsScanned);
    expect(done.statistics!.bytesScanned).toBeGreaterThan(done.statistics!.recordsScanned! * 100);
    expect((await west.send(new StopQueryCommand({ queryId }))).success).toBe(false);
  });

  it("StopQuery cancels a running query; unknown ids and groups are ResourceNotFoundException", async () => {
    const { queryId } = await west.send(
      new StartQueryCommand({ logGroupName: groupOf("fx-rates-joiner"), ...lastMinute(), queryString: "limit 1" }),
    );
    expect((await west.send(new StopQueryCommand({ queryId }))).success).toBe(true);
    expect((await west.send(new GetQueryResultsCommand({ queryId }))).status).toBe("Cancelled");
    await expectAwsError(
      west.send(new GetQueryResultsCommand({ queryId: "00000000-0000-0000-0000-000000000000" })),
      "ResourceNotFoundException",
      400,
    );
    // Queries live in their region.
    await expectAwsError(
      logsClient(emu.url, "us-east-1").send(new GetQueryResultsCommand({ queryId })),
      "ResourceNotFoundException",
    );
    await expectAwsError(
      west.send(
        new StartQueryCommand({
          logGroupNames: [groupOf("fx-rates-joiner"), groupOf("nope")],
          ...lastMinute(),
          queryString: "limit 1",
        }),
      ),
      "ResourceNotFoundException",
    );
  });
});

describe("the query subset", () => {
  it("fields, filter like /regex/ and =, sort desc, limit", async () => {
    const out = await run(west, {
      logGroupName: groupOf("fx-rates-joiner"),
      queryString:
        "fields @timestamp, message, messageType " +
        '| filter message like /switched from state (RUNNING|RESTARTING) to/ and messageType = "INFO" ' +
        "| sort @timestamp desc | limit 5",
    });
    const rows = rowsOf(out);
    expect(rows).toHaveLength(5);
    for (const row of out.results!)
      expect(row.map((f) => f.field)).toEqual(["@timestamp", "message", "messageType", "@ptr"]);
    for (const row of rows) {
      expect(row["@timestamp"]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/);
      expect(row.message).toMatch(/^Job fx-rates-joiner \([0-9a-f]{32}\) switched from state (RUNNING|RESTARTING) to/);
      expect(row.messageType).toBe("INFO");
    }
    const stamps = rows.map((r) => r["@timestamp"]!);
    expect(stamps).toEqual([...stamps].sort().reverse());
    expect(out.statistics!.recordsMatched).toBeGreaterThan(5);
    expect(out.statistics!.recordsMatched).toBeLessThan(out.statistics!.recordsScanned!);
  });

  it("or, not, parentheses, != and discovered array fields; StartQuery's limit when the query has none", async () => {
    const out = await run(west, {
      logGroupName: groupOf("fx-rates-joiner"),
      queryString:
        "fields @timestamp, throwableInformation.0, messageType " +
        '| filter (messageType = "WARN" or messageType = "ERROR") and not message like "CANCELED" and logger != "x" ' +
        "| sort @timestamp asc",
      limit: 4,
    });
    const rows = rowsOf(out);
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.messageType === "WARN" && r["throwableInformation.0"]!.length > 0)).toBe(true);
    const stamps = rows.map((r) => r["@timestamp"]!);
    expect(stamps).toEqual([...stamps].sort());
  });

  it("without fields: @timestamp, @message, @logStream, @log; the app's Kryo query over several groups", async () => {
    const plain = rowsOf(await run(west, { logGroupName: groupOf("fx-rates-joiner"), queryString: "limit 1" }));
    expect(Object.keys(plain[0]!)).toEqual(["@timestamp", "@message", "@logStream", "@log", "@ptr"]);
    expect(JSON.parse(plain[0]!["@message"]!)).toHaveProperty("messageSchemaVersion", "1");
    expect(plain[0]!["@log"]).toBe(`123456789012:${groupOf("fx-rates-joiner")}`);

    const kryo = await run(west, {
      logGroupNames: [groupOf("fx-rates-joiner"), groupOf("shipment-eta-predictor"), groupOf("orders-enricher")],
      startTime: seconds(Date.now()) - 30 * 86_400,
      // The app side's query (lib/logs/kryo-scan.ts), verbatim.
      queryString:
        "fields @log, message | filter message like /cannot be used as a POJO type/ " +
        "| sort @timestamp desc | limit 10000",
    });
    const groups = new Set(rowsOf(kryo).map((r) => r["@log"]!.replace(/^\d{12}:/, "")));
    // Both state-incompatible apps log their GenericType fallbacks; whether orders-enricher does is its hash's call.
    expect(groups.has(groupOf("fx-rates-joiner"))).toBe(true);
    expect(groups.has(groupOf("shipment-eta-predictor"))).toBe(true);
    expect(
      rowsOf(kryo).every((r) => /^Class class com\.example\.\w+\.\w+ cannot be used as a POJO type/.test(r.message!)),
    ).toBe(true);
  });

  it("a group without a log stream answers no rows", async () => {
    const out = await run(west, { logGroupName: groupOf("price-tick-normalizer"), queryString: "limit 10" });
    expect(out.results).toEqual([]);
    expect(out.statistics!.recordsScanned).toBe(0);
  });

  it("anything outside the subset is MalformedQueryException naming the part", async () => {
    const malformed = async (queryString: string) =>
      (
        await expectAwsError(
          west.send(new StartQueryCommand({ logGroupName: groupOf("fx-rates-joiner"), ...lastMinute(), queryString })),
          "MalformedQueryException",
          400,
        )
      ).message;
    expect(await malformed("stats count(*) by bin(5m)")).toMatch(/'stats'/);
    expect(await malformed("filter @message like /x/ | parse @message 'a * b' as c")).toMatch(/'parse'/);
    expect(await malformed("filter latency > 5")).toMatch(/'>'/);
  });
});

describe("concurrency limit", () => {
  it("the 31st running query of an account is LimitExceededException; a stopped one frees a slot", async () => {
    // Its own account, so the other tests' queries do not count.
    const client = logsClient(emu.url, "eu-west-1", {
      credentials: { accessKeyId: "111122223333", secretAccessKey: "test" },
      maxAttempts: 1,
    });
    const input = { logGroupName: groupOf("fx-rates-joiner"), ...lastMinute(), queryString: "limit 1" };
    const ids = await Promise.all(
      Array.from({ length: 30 }, async () => (await client.send(new StartQueryCommand(input))).queryId!),
    );
    const err = await expectAwsError(client.send(new StartQueryCommand(input)), "LimitExceededException", 400);
    expect(err.message).toBe(
      "Account maximum query concurrency limit of [30] reached. Please try again after some queries have completed.",
    );
    expect((await client.send(new StopQueryCommand({ queryId: ids[0] }))).success).toBe(true);
    expect((await client.send(new StartQueryCommand(input))).queryId).toBeTruthy();
  });
});
