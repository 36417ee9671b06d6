import {
  DescribeApplicationCommand,
  DescribeApplicationOperationCommand,
  ListApplicationOperationsCommand,
  type ApplicationDetail,
  type ApplicationOperationInfoDetails,
  type RunConfigurationUpdate,
} from "@aws-sdk/client-kinesis-analytics-v2";
import { msfClient } from "@/lib/aws/clients";
import { awsCall } from "./record";
import { runScope, type Run } from "./run-types";

export async function describeApp(run: Run): Promise<ApplicationDetail> {
  const out = await awsCall(
    run,
    "DescribeApplication",
    () => msfClient(runScope(run)).send(new DescribeApplicationCommand({ ApplicationName: run.appName })),
    (o) =>
      `${o.ApplicationDetail?.ApplicationStatus} on ${o.ApplicationDetail?.RuntimeEnvironment}, version ${o.ApplicationDetail?.ApplicationVersionId}`,
  );
  return out.ApplicationDetail!;
}

/**
 * The operation of a kind that changed the application FROM `fromVersionId`: the version a mutation of ours was
 * sent against. Version ids only grow, so only our call (or one racing it from the same version) can match;
 * a wall-clock window could match someone else's, or miss ours under clock skew.
 */
export async function findOperationFrom(
  run: Run,
  operation: string,
  fromVersionId: number,
): Promise<(ApplicationOperationInfoDetails & { OperationId: string }) | undefined> {
  const out = await awsCall(run, "ListApplicationOperations", () =>
    msfClient(runScope(run)).send(
      new ListApplicationOperationsCommand({ ApplicationName: run.appName, Operation: operation, Limit: 10 }),
    ),
  );
  const newestFirst = (out.ApplicationOperationInfoList ?? [])
    .filter((o) => o.OperationId)
    .sort((a, b) => (b.StartTime?.getTime() ?? 0) - (a.StartTime?.getTime() ?? 0))
    .slice(0, 3);
  for (const info of newestFirst) {
    const details = await describeOperation(run, info.OperationId!);
    if (details.ApplicationVersionChangeDetails?.ApplicationVersionUpdatedFrom === fromVersionId) {
      return { ...details, OperationId: info.OperationId! };
    }
  }
  return undefined;
}

export async function describeOperation(run: Run, operationId: string): Promise<ApplicationOperationInfoDetails> {
  const out = await awsCall(run, "DescribeApplicationOperation", () =>
    msfClient(runScope(run)).send(
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
    codeKey:
      config?.ApplicationCodeConfigurationDescription?.CodeContentDescription?.S3ApplicationCodeLocationDescription
        ?.FileKey ?? null,
  };
}

/** The restore settings the application runs with now, to carry over in every UpdateApplication we send. */
export function currentRunConfiguration(detail: ApplicationDetail): RunConfigurationUpdate | undefined {
  const run = detail.ApplicationConfigurationDescription?.RunConfigurationDescription;
  if (!run || !detail.RuntimeEnvironment?.startsWith("FLINK")) return undefined;
  const restore = run.ApplicationRestoreConfigurationDescription;
  return {
    FlinkRunConfiguration: {
      AllowNonRestoredState: run.FlinkRunConfigurationDescription?.AllowNonRestoredState ?? false,
    },
    ...(restore?.ApplicationRestoreType
      ? {
          ApplicationRestoreConfiguration: {
            ApplicationRestoreType: restore.ApplicationRestoreType,
            ...(restore.SnapshotName ? { SnapshotName: restore.SnapshotName } : {}),
          },
        }
      : {}),
  };
}
