// Error wire format checked against the real @aws-sdk/client-cloudwatch deserializer (no server: a stub handler
// replays cloudWatchErrorResponse), so typed exceptions and retry classification are the SDK's own.
import { CloudWatchClient, ListMetricsCommand } from "@aws-sdk/client-cloudwatch";
import { describe, expect, it } from "vitest";
import { EmuError } from "../core/types";
import { cloudWatchErrorResponse, handleCloudWatch } from "./index";
import { invalidParameterValue, validationError } from "./errors";
import { T0, healthyApp, makeCtx } from "./test-fixtures";

async function sdkErrorFor(err: EmuError, maxAttempts = 1) {
  const wire = cloudWatchErrorResponse(err);
  let calls = 0;
  const headers = Object.fromEntries(Object.entries(wire.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const requestHandler = {
    handle: async () => {
      calls++;
      return { response: { statusCode: wire.status, headers, body: new TextEncoder().encode(wire.body) } };
    },
  };
  const client = new CloudWatchClient({
    region: "us-east-1",
    credentials: { accessKeyId: "a", secretAccessKey: "b" },
    maxAttempts,
    // The stub stands in for the HTTP layer; its shape is what the SDK's handler interface consumes.
    requestHandler: requestHandler as never,
  });
  const error = await client.send(new ListMetricsCommand({})).then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error: error as Error & { Code?: string; $fault?: string; $retryable?: unknown }, calls };
}

describe("cloudWatchErrorResponse", () => {
  it("writes a query-compatible JSON 1.0 error", () => {
    const wire = cloudWatchErrorResponse(invalidParameterValue("The parameter Period must be a multiple of 60."));
    expect(wire.status).toBe(400);
    expect(wire.headers["Content-Type"]).toBe("application/x-amz-json-1.0");
    expect(wire.headers["x-amzn-query-error"]).toBe("InvalidParameterValue;Sender");
    expect(JSON.parse(wire.body)).toMatchObject({
      __type: "InvalidParameterValueException",
      message: "The parameter Period must be a multiple of 60.",
    });
  });

  it("marks 5xx as Receiver faults and maps codes without a queryCode", () => {
    expect(cloudWatchErrorResponse(new EmuError("InternalFailure", "boom", 500)).headers["x-amzn-query-error"]).toBe(
      "InternalFailure;Receiver",
    );
    expect(
      cloudWatchErrorResponse(new EmuError("ThrottlingException", "Rate exceeded", 400)).headers["x-amzn-query-error"],
    ).toBe("Throttling;Sender");
  });

  it("makes the SDK raise the typed exceptions", async () => {
    const cases: [EmuError, string, string][] = [
      [invalidParameterValue("bad"), "InvalidParameterValueException", "InvalidParameterValue"],
      [validationError("bad stat"), "ValidationException", "ValidationError"],
      [new EmuError("x", "no token", 400, "InvalidNextToken"), "InvalidNextToken", "InvalidNextToken"],
      [new EmuError("x", "missing", 400, "MissingParameter"), "MissingRequiredParameterException", "MissingParameter"],
      [
        new EmuError("x", "combo", 400, "InvalidParameterCombination"),
        "InvalidParameterCombinationException",
        "InvalidParameterCombination",
      ],
      [new EmuError("x", "nope", 404, "ResourceNotFound"), "ResourceNotFound", "ResourceNotFound"],
      [new EmuError("x", "limit", 400, "LimitExceeded"), "LimitExceededFault", "LimitExceeded"],
    ];
    for (const [err, name, code] of cases) {
      const { error, calls } = await sdkErrorFor(err);
      expect(error.name, code).toBe(name);
      expect(error.Code).toBe(code);
      expect(error.message).toBe(err.message);
      expect(calls).toBe(1);
    }
  });

  it("lets the SDK retry throttling and 5xx but not client errors", async () => {
    expect((await sdkErrorFor(new EmuError("ThrottlingException", "Rate exceeded", 400), 3)).calls).toBe(3);
    const throttled = await sdkErrorFor(new EmuError("ThrottlingException", "Rate exceeded", 400), 1);
    expect(throttled.error.name).toBe("Throttling");
    expect((await sdkErrorFor(new EmuError("InternalFailure", "boom", 500), 2)).calls).toBe(2);
    expect((await sdkErrorFor(invalidParameterValue("bad"), 3)).calls).toBe(1);
  });
});

describe("handleCloudWatch", () => {
  it("rejects unknown operations with InvalidAction", () => {
    const ctx = makeCtx([healthyApp()], T0);
    expect(() => handleCloudWatch("PutMetricData", {}, ctx)).toThrowError(
      expect.objectContaining({ queryCode: "InvalidAction", httpStatus: 400 }) as Error,
    );
    expect(() => handleCloudWatch("toString", {}, ctx)).toThrow(EmuError);
  });

  it("routes the supported operations", () => {
    const ctx = makeCtx([healthyApp()], T0);
    const out = handleCloudWatch("ListMetrics", { MetricName: "fullRestarts" }, ctx) as { Metrics: unknown[] };
    expect(out.Metrics).toHaveLength(1);
  });
});
