import {
  DescribeApplicationCommand,
  DescribeApplicationOperationCommand,
  ListApplicationOperationsCommand,
  type ApplicationDetail,
  type ApplicationOperationInfo,
  type ApplicationOperationInfoDetails,
} from "@aws-sdk/client-kinesis-analytics-v2";
import { msfClient } from "@/lib/aws/clients";
import { awsCall } from "./record";
import type { Run } from "./run-types";

export async function describeApp(run: Run): Promise<ApplicationDetail> {
  const out = await awsCall(
    run,
    "DescribeApplication",
    () => msfClient(run.region).send(new DescribeApplicationCommand({ ApplicationName: run.appName })),
    (o) =>
      `${o.ApplicationDetail?.ApplicationStatus} on ${o.ApplicationDetail?.RuntimeEnvironment}, version ${o.ApplicationDetail?.ApplicationVersionId}`,
  );
  return out.ApplicationDetail!;
}

/** The newest operation of a kind that started at or after `since` (a little clock skew allowed). */
export async function findOperation(
  run: Run,
  operation: string,
  since: Date,
): Promise<ApplicationOperationInfo | undefined> {
  const out = await awsCall(run, "ListApplicationOperations", () =>
    msfClient(run.region).send(
      new ListApplicationOperationsCommand({ ApplicationName: run.appName, Operation: operation, Limit: 10 }),
    ),
  );
  const skewMs = 5_000;
  return (out.ApplicationOperationInfoList ?? [])
    .filter((o) => o.StartTime && o.StartTime.getTime() >= since.getTime() - skewMs)
    .sort((a, b) => b.StartTime!.getTime() - a.StartTime!.getTime())[0];
}

export async function describeOperation(run: Run, operationId: string): Promise<ApplicationOperationInfoDetails> {
  const out = await awsCall(run, "DescribeApplicationOperation", () =>
    msfClient(run.region).send(
      new DescribeApplicationOperationCommand({ ApplicationName: run.appName, OperationId: operationId }),
    ),
  );
  return out.ApplicationOperationInfoDetails!;
}

export function settingsOf(detail: ApplicationDetail) {
  const config = detail.ApplicationConfigurationDescription;
  return {
    rollbackEnabled: config?.ApplicationSystemRollbackConfigurationDescription?.RollbackEnabled ?? false,
    snapshotsEnabled: config?.ApplicationSnapshotConfigurationDescription?.SnapshotsEnabled ?? false,
    versionId: Number(detail.ApplicationVersionId ?? 0),
    status: detail.ApplicationStatus ?? "UNKNOWN",
    runtime: detail.RuntimeEnvironment ?? "",
  };
}
