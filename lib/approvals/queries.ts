import { db } from "@/lib/db";
import type { ApprovalRequest } from "./policy";

export interface PendingApproval {
  runId: string;
  region: string;
  appName: string;
  fromRuntime: string;
  toRuntime: string;
  requestedBy: string;
  requestedAt: string;
  expiresAt: string | null;
  reasons: string[];
  riskLevel: string | null;
}

/** Requests waiting for a second person, oldest first (the one closest to expiring leads). */
export async function pendingApprovals(take = 200): Promise<PendingApproval[]> {
  const runs = await db.upgradeRun.findMany({
    where: { state: "AWAITING_APPROVAL" },
    orderBy: { createdAt: "asc" },
    take,
  });
  return runs.map((run) => {
    const request = JSON.parse(run.approval ?? "null") as ApprovalRequest | null;
    return {
      runId: run.id,
      region: run.region,
      appName: run.appName,
      fromRuntime: run.fromRuntime,
      toRuntime: run.toRuntime,
      requestedBy: run.initiatedBy,
      requestedAt: run.createdAt.toISOString(),
      expiresAt: run.approvalExpiresAt?.toISOString() ?? null,
      reasons: request?.reasons ?? [],
      riskLevel: request?.risk?.level ?? null,
    };
  });
}

export async function pendingApprovalCount(): Promise<number> {
  return db.upgradeRun.count({ where: { state: "AWAITING_APPROVAL" } });
}
