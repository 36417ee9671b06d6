import { db } from "@/lib/db";
import { describeAwsError } from "@/lib/aws/errors";
import { renewLease } from "./lease";
import type { Run } from "./run-types";

export async function recordEvent(
  runId: string,
  kind: string,
  message: string,
  actor = "worker",
  extra: { operation?: string; requestId?: string } = {},
): Promise<void> {
  await db.upgradeEvent.create({ data: { runId, kind, message, actor, ...extra } });
}

interface WithMetadata {
  $metadata: { requestId?: string };
}

/** Every AWS call of a run goes through here, so its request id lands in the run's events. */
export async function awsCall<T extends WithMetadata>(
  run: Pick<Run, "id"> & Partial<Pick<Run, "leaseOwner">>,
  operation: string,
  send: () => Promise<T>,
  describe?: (out: T) => string,
): Promise<T> {
  if (run.leaseOwner !== undefined) await renewLease({ id: run.id, leaseOwner: run.leaseOwner });
  try {
    const out = await send();
    await recordEvent(run.id, "aws", describe ? `${operation}: ${describe(out)}` : operation, "worker", {
      operation,
      requestId: out.$metadata.requestId,
    });
    return out;
  } catch (error) {
    const requestId = (error as { $metadata?: { requestId?: string } }).$metadata?.requestId;
    await recordEvent(run.id, "aws", `${operation} failed: ${describeAwsError(error).message}`, "worker", {
      operation,
      requestId,
    });
    throw error;
  }
}

/** For reads that go through lib/metrics: records each GetMetricData call of a run with its request id. */
export function metricCallRecorder(run: Pick<Run, "id">, purpose: string) {
  return (requestId: string | undefined, queryCount: number) =>
    recordEvent(run.id, "aws", `GetMetricData: ${queryCount} queries (${purpose})`, "worker", {
      operation: "GetMetricData",
      requestId,
    });
}
