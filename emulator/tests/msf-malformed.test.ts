import { ListApplicationsCommand } from "@aws-sdk/client-kinesis-analytics-v2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrng, type Prng } from "../core/prng";
import { MSF_OPERATIONS } from "../msf/index";
import { msfClient, startEmulator, type StartedEmulator } from "./harness";

let emu: StartedEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());

const AUTH =
  "AWS4-HMAC-SHA256 Credential=test/20261122/us-east-1/kinesisanalytics/aws4_request, SignedHeaders=host, Signature=00";

async function post(body: string | Buffer, target: string | undefined, auth: string | null = AUTH, method = "POST") {
  const headers: Record<string, string> = { "content-type": "application/x-amz-json-1.1" };
  if (target !== undefined) headers["x-amz-target"] = target;
  if (auth !== null) headers.authorization = auth;
  const payload = typeof body === "string" ? body : new Uint8Array(body);
  const res = await fetch(emu.url, { method, headers, body: method === "GET" ? undefined : payload });
  const text = await res.text();
  return { status: res.status, requestId: res.headers.get("x-amzn-requestid"), text };
}

function garbageValue(rng: Prng, depth = 0): unknown {
  const kind = rng.int(0, depth > 2 ? 5 : 8);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return rng.int(-1e9, 1e12);
    case 2:
      return rng.next() * 1e6;
    case 3:
      return rng.chance(0.5);
    case 4:
      return rng.pick([
        "",
        "orders-enricher",
        "a b",
        "x".repeat(rng.int(1, 300)),
        "FLINK-2_2",
        "\u0000\uffff",
        "arn:aws:x",
      ]);
    case 5:
      return "🙂".repeat(rng.int(0, 5));
    case 6:
      return Array.from({ length: rng.int(0, 4) }, () => garbageValue(rng, depth + 1));
    default: {
      const keys = [
        "ApplicationName",
        "CurrentApplicationVersionId",
        "ConditionalToken",
        "RuntimeEnvironmentUpdate",
        "Limit",
        "NextToken",
        "ApplicationConfigurationUpdate",
        "SnapshotName",
        "Tags",
        "TagKeys",
        "ResourceARN",
        "Force",
        "RunConfiguration",
        "OperationId",
        "ApplicationVersionId",
        "SnapshotCreationTimestamp",
        "__proto__",
        "constructor",
      ];
      return Object.fromEntries(
        Array.from({ length: rng.int(0, 6) }, () => [rng.pick(keys), garbageValue(rng, depth + 1)]),
      );
    }
  }
}

function garbageBody(rng: Prng): string | Buffer {
  switch (rng.int(0, 5)) {
    case 0:
      return Buffer.from(Array.from({ length: rng.int(0, 200) }, () => rng.int(0, 255)));
    case 1:
      return JSON.stringify(garbageValue(rng)).slice(0, rng.int(0, 50));
    case 2:
      return "{".repeat(rng.int(1, 2000));
    default:
      return JSON.stringify(garbageValue(rng, 0));
  }
}

function garbageTarget(rng: Prng): string | undefined {
  switch (rng.int(0, 6)) {
    case 0:
      return undefined;
    case 1:
      return "";
    case 2:
      return `KinesisAnalytics_20180523.${rng.pick(["", "Nope", "toString", "__proto__", "constructor", "hasOwnProperty"])}`;
    case 3:
      return `GraniteServiceVersion20100801.${rng.pick(["GetMetricData", "ListMetrics", "Nope", "__proto__"])}`;
    case 4:
      return rng.pick(["Kinesis_20180523.ListApplications", "x".repeat(500), "KinesisAnalytics_20180523"]);
    default:
      return `KinesisAnalytics_20180523.${rng.pick(MSF_OPERATIONS)}`;
  }
}

describe("malformed input", () => {
  it("always answers AWS-shaped JSON and keeps serving (400 random requests)", async () => {
    const rng = createPrng("malformed-loop");
    for (let i = 0; i < 400; i++) {
      const auth = rng.chance(0.1) ? null : rng.chance(0.05) ? "Bearer nonsense" : AUTH;
      const method = rng.chance(0.05) ? rng.pick(["GET", "PUT", "DELETE"]) : "POST";
      const res = await post(garbageBody(rng), garbageTarget(rng), auth, method);
      expect(res.requestId, `request ${i}`).toBeTruthy();
      expect(res.status, `request ${i}`).toBeLessThan(600);
      const json = JSON.parse(res.text) as Record<string, unknown>;
      if (res.status >= 400) {
        expect(typeof json.__type, `request ${i}: ${res.text}`).toBe("string");
        expect(res.status, `request ${i}: ${res.text}`).toBeLessThan(500);
      }
    }
    const ok = await msfClient(emu.url, "us-east-1").send(new ListApplicationsCommand({}));
    expect(ok.ApplicationSummaries?.length).toBeGreaterThan(0);
  });

  it("rejects bodies over 1 MB with 413 SerializationException", async () => {
    const res = await post(Buffer.alloc(1024 * 1024 + 10, 0x20), "KinesisAnalytics_20180523.ListApplications");
    expect(res.status).toBe(413);
    expect(JSON.parse(res.text)).toMatchObject({ __type: "SerializationException" });
  });

  it("answers missing auth, unknown targets and bad JSON with the documented codes", async () => {
    const missing = await post("{}", "KinesisAnalytics_20180523.ListApplications", null);
    expect(missing.status).toBe(403);
    expect(JSON.parse(missing.text).__type).toBe("MissingAuthenticationTokenException");
    const unknown = await post("{}", "KinesisAnalytics_20180523.DeleteEverything");
    expect(JSON.parse(unknown.text).__type).toBe("UnknownOperationException");
    const noTarget = await post("{}", undefined);
    expect(JSON.parse(noTarget.text).__type).toBe("UnknownOperationException");
    const badJson = await post('{"ApplicationName":', "KinesisAnalytics_20180523.DescribeApplication");
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.text).__type).toBe("InvalidRequestException");
    const notObject = await post("[1,2]", "KinesisAnalytics_20180523.ListApplications");
    expect(JSON.parse(notObject.text).__type).toBe("InvalidRequestException");
    const get = await post("", undefined, AUTH, "GET");
    expect(get.status).toBe(400);
  });

  it("keeps the control API JSON-shaped for bad paths and bodies", async () => {
    const cases: [string, string, string | undefined][] = [
      ["POST", "/_emulator/apps/us-east-1/%ZZ/scenario", "{}"],
      ["POST", "/_emulator/apps/us-east-1/orders-enricher/scenario", "null"],
      ["POST", "/_emulator/apps/us-east-1/orders-enricher/scenario", "{not json"],
      ["POST", "/_emulator/faults", "[]"],
      ["GET", "/_emulator/state?account=abc", undefined],
      ["PATCH", "/_emulator/reset", "{}"],
    ];
    for (const [method, path, body] of cases) {
      const res = await fetch(`${emu.url}${path}`, { method, body });
      expect(res.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${method} ${path}`).toBeLessThan(500);
      expect(await res.json()).toHaveProperty("error");
    }
  });
});
