import { afterEach, describe, expect, it, vi } from "vitest";
import { describeAwsError, isTransient } from "./errors";
import { failureResponse } from "@/lib/http/failure";

const awsError = (name: string, message: string, httpStatusCode = 400) =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode } });

const denied = awsError(
  "AccessDeniedException",
  "User: arn:aws:sts::123456789012:assumed-role/msf-dashboard/i-0abc is not authorized to perform: kinesisanalytics:UpdateApplication on resource: arn:aws:kinesisanalytics:us-east-1:123456789012:application/orders",
);

describe("describeAwsError", () => {
  it("keeps an access denial's words (the role ARN) out of what people read, and in the detail for the log", () => {
    const problem = describeAwsError(denied);
    expect(problem.kind).toBe("forbidden");
    expect(problem.message).toBe(
      "AWS refused the request: check the IAM permissions of the dashboard's role. (AccessDeniedException)",
    );
    expect(problem.detail).toContain("assumed-role/msf-dashboard");
  });

  it("keeps AWS's words for a refusal a person can act on, with ARNs and account ids masked", () => {
    const problem = describeAwsError(
      awsError(
        "ResourceInUseException",
        "Application arn:aws:kinesisanalytics:us-east-1:123456789012:application/orders is UPDATING (account 123456789012)",
      ),
    );
    expect(problem.message).toBe(
      "The application's current status does not allow this operation. (ResourceInUseException: Application arn:… is UPDATING (account …))",
    );
    expect(problem.message).not.toMatch(/123456789012/);
  });

  it("classifies 5xx and network failures as transient", () => {
    expect(isTransient(awsError("Whatever", "boom", 503))).toBe(true);
    expect(isTransient(new Error("connect ECONNREFUSED 127.0.0.1:1"))).toBe(true);
    expect(isTransient(denied)).toBe(false);
  });
});

describe("failureResponse", () => {
  afterEach(() => vi.restoreAllMocks());

  it("answers the browser with the advice and a reference, and logs the raw error under the same reference", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = failureResponse("application metrics", denied);
    expect(response.status).toBe(502);
    const body = (await response.json()) as { error: string; reference: string };
    expect(body.error).toBe(
      `AWS refused the request: check the IAM permissions of the dashboard's role. (reference ${body.reference})`,
    );
    expect(JSON.stringify(body)).not.toMatch(/arn:|123456789012|AccessDenied/);
    expect(log).toHaveBeenCalledWith(`application metrics failed [${body.reference}]`, denied);
  });

  it("says nothing of an unknown error's words (a database message, a stack) to the browser", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const body = (await failureResponse("x", new Error("SQLITE_CORRUPT: database disk image is malformed")).json()) as {
      error: string;
    };
    expect(body.error).toMatch(/^Something went wrong\. \(reference [0-9a-f-]{36}\)$/);
  });
});
