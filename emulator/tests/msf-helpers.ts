// Shared helpers for the msf-*.test.ts files (not a test file itself).
import {
  DescribeApplicationCommand,
  UpdateApplicationCommand,
  type ApplicationDetail,
  type KinesisAnalyticsV2Client,
} from "@aws-sdk/client-kinesis-analytics-v2";
import { expect } from "vitest";

/** UpdateApplication to Flink 2.2 with new code, from the version `versionId`: the runbook's one call. */
export async function updateToFlink22(
  client: KinesisAnalyticsV2Client,
  name: string,
  versionId: number | undefined,
  fileKey: string,
): Promise<void> {
  await client.send(
    new UpdateApplicationCommand({
      ApplicationName: name,
      CurrentApplicationVersionId: versionId,
      RuntimeEnvironmentUpdate: "FLINK-2_2",
      ApplicationConfigurationUpdate: {
        ApplicationCodeConfigurationUpdate: {
          CodeContentUpdate: { S3ContentLocationUpdate: { FileKeyUpdate: fileKey } },
        },
      },
    }),
  );
}

export async function describeApp(client: KinesisAnalyticsV2Client, name: string): Promise<ApplicationDetail> {
  const out = await client.send(new DescribeApplicationCommand({ ApplicationName: name }));
  if (!out.ApplicationDetail) throw new Error(`no ApplicationDetail for ${name}`);
  return out.ApplicationDetail;
}

/** Polls DescribeApplication until `done` holds (test speed transitions take ~0.5–3 s). */
export async function waitForApp(
  client: KinesisAnalyticsV2Client,
  name: string,
  done: (d: ApplicationDetail) => boolean,
  timeoutMs = 8_000,
): Promise<ApplicationDetail> {
  const deadline = Date.now() + timeoutMs;
  let last = await describeApp(client, name);
  while (!done(last)) {
    if (Date.now() > deadline)
      throw new Error(
        `timed out waiting for ${name}; last status ${last.ApplicationStatus} ${last.RuntimeEnvironment}`,
      );
    await sleep(100);
    last = await describeApp(client, name);
  }
  return last;
}

export const waitForStatus = (client: KinesisAnalyticsV2Client, name: string, status: string, timeoutMs?: number) =>
  waitForApp(client, name, (d) => d.ApplicationStatus === status, timeoutMs);

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Awaits a rejected SDK call and checks the modelled error name (and the HTTP status when given). */
export async function expectAwsError(promise: Promise<unknown>, name: string, httpStatus?: number): Promise<Error> {
  const err = await promise.then(
    () => {
      throw new Error(`expected ${name}, but the call succeeded`);
    },
    (e: unknown) => e as Error & { $metadata?: { httpStatusCode?: number } },
  );
  expect(err.name).toBe(name);
  if (httpStatus !== undefined) expect(err.$metadata?.httpStatusCode).toBe(httpStatus);
  return err;
}

export type TimelineSegmentView = {
  start: number;
  status: string;
  runtime: string;
  behaviour: string;
  freshJob: boolean;
  parallelism: number;
  kpus: number;
};

export function timelineOf(app: Record<string, unknown> | undefined): TimelineSegmentView[] {
  if (!app) throw new Error("app not found through the control API");
  return app.timeline as TimelineSegmentView[];
}
