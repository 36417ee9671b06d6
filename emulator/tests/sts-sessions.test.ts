// What an STS session does on the other services: acts in its account, expires, is unknown after reset, is
// recorded with its session name, and meets disabled opt-in regions.
import { GetCallerIdentityCommand, type STSClient } from "@aws-sdk/client-sts";
import { ListApplicationsCommand } from "@aws-sdk/client-kinesis-analytics-v2";
import { HeadObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { DescribeLogStreamsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { ListMetricsCommand } from "@aws-sdk/client-cloudwatch";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  cloudWatchClient,
  logsClient,
  msfClient,
  s3Client,
  startEmulator,
  stsClient,
  type StartedEmulator,
} from "./harness";
import { expectAwsError } from "./msf-helpers";
import { ANALYTICS_DEV, PAYMENTS_PROD, PLATFORM, assume, type SessionCredentials } from "./identity-helpers";

let emu: StartedEmulator;
let sts: STSClient;

beforeAll(async () => {
  emu = await startEmulator();
  sts = stsClient(emu.url, "us-east-1");
});
afterAll(() => emu.close());
beforeEach(() => emu.control.reset());

const PAYMENTS_BUCKET = `flink-artifacts-${PAYMENTS_PROD}-us-east-1`;
/** Long-term demo keys when `credentials` is undefined. */
const listApps = (credentials: SessionCredentials | undefined, region = "us-east-1") =>
  msfClient(emu.url, region, { ...(credentials ? { credentials } : {}), maxAttempts: 1 }).send(
    new ListApplicationsCommand({}),
  );

describe("a session acts in its account", () => {
  it("reads its account's S3 bucket and is refused the default account's", async () => {
    const { credentials } = await assume(sts, PAYMENTS_PROD);
    const s3 = s3Client(emu.url, "us-east-1", { credentials });
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: PAYMENTS_BUCKET }));
    expect(listed.Contents?.some((o) => o.Key === "orders-enricher-flink-2.2.jar")).toBe(true);
    const head = await s3.send(
      new HeadObjectCommand({ Bucket: PAYMENTS_BUCKET, Key: "orders-enricher-flink-2.2.jar" }),
    );
    expect(head.ContentLength).toBeGreaterThan(0);
    await expectAwsError(
      s3.send(new ListObjectsV2Command({ Bucket: `flink-artifacts-${PLATFORM}-us-east-1` })),
      "AccessDenied",
      403,
    );
  });
});

describe("expiry (POST /_emulator/sts/expire)", () => {
  it("answers ExpiredTokenException on MSF and Logs, ExpiredToken on S3, STS and CloudWatch", async () => {
    const { credentials } = await assume(sts, PAYMENTS_PROD);
    expect((await listApps(credentials)).ApplicationSummaries).toHaveLength(4);
    expect(await emu.control.expireSessions()).toBe(1);

    const msf = await expectAwsError(listApps(credentials), "ExpiredTokenException", 400);
    expect(msf.message).toBe("The security token included in the request is expired");
    await expectAwsError(
      logsClient(emu.url, "us-east-1", { credentials }).send(new DescribeLogStreamsCommand({ logGroupName: "/x" })),
      "ExpiredTokenException",
      400,
    );
    const s3 = await expectAwsError(
      s3Client(emu.url, "us-east-1", { credentials }).send(new ListObjectsV2Command({ Bucket: PAYMENTS_BUCKET })),
      "ExpiredToken",
      400,
    );
    expect(s3.message).toBe("The provided token has expired.");
    await expectAwsError(
      stsClient(emu.url, "us-east-1", { credentials }).send(new GetCallerIdentityCommand({})),
      "ExpiredToken",
      403,
    );
    await expectAwsError(
      cloudWatchClient(emu.url, "us-east-1", { credentials }).send(new ListMetricsCommand({})),
      "ExpiredToken",
      403,
    );
  });

  it("expires only the given account's sessions", async () => {
    const payments = await assume(sts, PAYMENTS_PROD);
    const analytics = await assume(sts, ANALYTICS_DEV);
    expect(await emu.control.expireSessions(ANALYTICS_DEV)).toBe(1);
    await expectAwsError(listApps(analytics.credentials), "ExpiredTokenException", 400);
    expect((await listApps(payments.credentials)).ApplicationSummaries).toHaveLength(4);
  });
});

describe("credentials the emulator never issued", () => {
  it("an unknown ASIA key: UnrecognizedClientException, InvalidClientTokenId on STS, InvalidAccessKeyId on S3", async () => {
    const credentials = { accessKeyId: "ASIAZZZZZZZZZZZZZZZZ", secretAccessKey: "x", sessionToken: "y" };
    const msf = await expectAwsError(listApps(credentials), "UnrecognizedClientException", 403);
    expect(msf.message).toBe("The security token included in the request is invalid.");
    await expectAwsError(
      stsClient(emu.url, "us-east-1", { credentials }).send(new GetCallerIdentityCommand({})),
      "InvalidClientTokenId",
      403,
    );
    await expectAwsError(
      s3Client(emu.url, "us-east-1", { credentials }).send(new ListObjectsV2Command({ Bucket: PAYMENTS_BUCKET })),
      "InvalidAccessKeyId",
      403,
    );
  });

  it("an issued key with another session token is refused, and so is every key after reset", async () => {
    const { credentials } = await assume(sts, PAYMENTS_PROD);
    await expectAwsError(listApps({ ...credentials, sessionToken: "forged" }), "UnrecognizedClientException", 403);
    await expectAwsError(listApps({ ...credentials, sessionToken: undefined }), "UnrecognizedClientException", 403);
    await emu.control.reset();
    await expectAwsError(listApps(credentials), "UnrecognizedClientException", 403);
  });
});

describe("GET /_emulator/calls", () => {
  it("records the session name of calls made with a session (and none for long-term keys)", async () => {
    const { credentials } = await assume(sts, PAYMENTS_PROD, { sessionName: "msf-dash-42" });
    await listApps(credentials);
    await listApps(credentials);
    await msfClient(emu.url, "us-east-1").send(new ListApplicationsCommand({}));
    const calls = (await emu.control.calls()).filter((c) => c.operation === "ListApplications");
    expect(calls).toEqual(
      expect.arrayContaining([
        {
          service: "kinesisanalytics",
          region: "us-east-1",
          operation: "ListApplications",
          sessionName: "msf-dash-42",
          count: 2,
        },
        { service: "kinesisanalytics", region: "us-east-1", operation: "ListApplications", count: 1 },
      ]),
    );
    const stsCalls = (await emu.control.calls()).filter((c) => c.service === "sts");
    expect(stsCalls).toEqual([{ service: "sts", region: "us-east-1", operation: "AssumeRole", count: 1 }]);
  });

  it("lets faults target sts (Throttling) and rejects the quota knob for it", async () => {
    await emu.control.setFaults({ service: "sts", operation: "AssumeRole", throttleRate: 1 });
    const err = await expectAwsError(
      assume(stsClient(emu.url, "us-east-1", { maxAttempts: 1 }), PAYMENTS_PROD),
      "Throttling",
      400,
    );
    expect(err.message).toBe("Rate exceeded");
    expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe(PLATFORM);
    await expect(emu.control.setFaults({ service: "sts", quota: true })).rejects.toThrow(/400/);
  });
});

describe("opt-in regions (POST /_emulator/regions)", () => {
  it("a disabled region answers UnrecognizedClientException for that account only; reset enables it again", async () => {
    await emu.control.setRegionEnabled(PAYMENTS_PROD, "eu-west-1", false);
    const { credentials } = await assume(sts, PAYMENTS_PROD);
    const err = await expectAwsError(listApps(credentials, "eu-west-1"), "UnrecognizedClientException", 403);
    expect(err.message).toBe("The security token included in the request is invalid.");
    await expectAwsError(
      stsClient(emu.url, "eu-west-1", { credentials }).send(new GetCallerIdentityCommand({})),
      "InvalidClientTokenId",
      403,
    );
    expect((await listApps(credentials, "us-east-1")).ApplicationSummaries).toHaveLength(4);
    expect((await listApps(undefined, "eu-west-1")).ApplicationSummaries!.length).toBeGreaterThan(0);

    await emu.control.reset();
    const again = await assume(sts, PAYMENTS_PROD);
    expect((await listApps(again.credentials, "eu-west-1")).ApplicationSummaries).toHaveLength(4);
  });
});
