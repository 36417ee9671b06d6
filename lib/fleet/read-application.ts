import {
  DescribeApplicationCommand,
  DescribeApplicationOperationCommand,
  ListApplicationOperationsCommand,
  ListApplicationSnapshotsCommand,
  ListTagsForResourceCommand,
  type ApplicationDetail,
  type ApplicationOperationInfo,
  type ApplicationOperationInfoDetails,
  type ApplicationSummary,
  type SnapshotDetails,
} from "@aws-sdk/client-kinesis-analytics-v2";
import type { AwsScope } from "@/lib/aws/accounts";
import { msfClient } from "@/lib/aws/clients";

export interface ApplicationRead {
  detail: ApplicationDetail;
  tags: Record<string, string>;
  snapshots: SnapshotDetails[];
  operations: ApplicationOperationInfo[];
  /** DescribeApplicationOperation of each recent FAILED operation: the error and any system rollback. */
  failedOperations: FailedOperation[];
}

export interface FailedOperation {
  operationId: string;
  details: ApplicationOperationInfoDetails;
}

const recentOperations = 10;

/** Reads one application; `null` when it was deleted between listing and describing. */
export async function readApplication(scope: AwsScope, summary: ApplicationSummary): Promise<ApplicationRead | null> {
  const client = msfClient(scope);
  const name = summary.ApplicationName!;
  try {
    const [described, tags, snapshots, operations] = await Promise.all([
      client.send(new DescribeApplicationCommand({ ApplicationName: name })),
      client.send(new ListTagsForResourceCommand({ ResourceARN: summary.ApplicationARN })),
      emptyWhenUnsupported(client.send(new ListApplicationSnapshotsCommand({ ApplicationName: name, Limit: 50 }))),
      emptyWhenUnsupported(
        client.send(new ListApplicationOperationsCommand({ ApplicationName: name, Limit: recentOperations })),
      ),
    ]);
    const failed = (operations?.ApplicationOperationInfoList ?? []).filter((o) => o.OperationStatus === "FAILED");
    const failedOperations = await Promise.all(
      failed.map(async (o) => ({
        operationId: o.OperationId!,
        details: (
          await client.send(
            new DescribeApplicationOperationCommand({ ApplicationName: name, OperationId: o.OperationId }),
          )
        ).ApplicationOperationInfoDetails!,
      })),
    );
    return {
      failedOperations,
      detail: described.ApplicationDetail!,
      tags: Object.fromEntries((tags.Tags ?? []).map((t) => [t.Key!, t.Value ?? ""])),
      snapshots: snapshots?.SnapshotSummaries ?? [],
      operations: operations?.ApplicationOperationInfoList ?? [],
    };
  } catch (error) {
    if ((error as Error).name === "ResourceNotFoundException") return null;
    throw error;
  }
}

/** SQL (SQL-1_0) applications have no snapshots or operations API: that is "none", not a failure. */
async function emptyWhenUnsupported<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (error) {
    if ((error as Error).name === "UnsupportedOperationException") return null;
    throw error;
  }
}
