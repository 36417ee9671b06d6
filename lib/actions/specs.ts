import { appPath } from "@/lib/fleet/paths";
import { z } from "zod";
import { requestSync } from "@/lib/fleet/sync";
import { metricCadenceMs } from "@/lib/metrics/cadence";
import { ReplaceAlarmsInput, replaceAlarms, type ReplaceAlarmsResult } from "@/lib/metrics/alarm-fix";
import { abortMonitoring, cancelRun, requestRollback } from "@/lib/upgrades/commands";
import { RollbackInput, RunIdInput, startUpgradeInputFor } from "@/lib/upgrades/inputs";
import { requestUpgradeApproval, startUpgrade } from "@/lib/upgrades/start-upgrade";
import { approveUpgrade, rejectUpgrade } from "@/lib/approvals/decide";
import { ApproveInput, RejectInput } from "@/lib/approvals/inputs";
import { appOfRun } from "@/lib/auth/scope";
import { endSession } from "@/lib/auth/session";
import type { ActionSpec } from "./action";

// Every write the dashboard offers, one spec each: who may, what input, which verb. app/actions/ only serves these.

// A plain <form> posts FormData before hydration: its submit button's name=full value=1 asks for a full sync.
const SyncRequestInput = z.unknown().transform((raw) => ({
  full:
    raw instanceof FormData
      ? raw.get("full") === "1"
      : typeof raw === "object" && raw !== null && (raw as { full?: unknown }).full === true,
}));

export const requestSyncSpec = {
  name: "sync.requested",
  permission: "sync.request",
  input: SyncRequestInput,
  run: (ctx, input) => requestSync(ctx.actor, ctx.audit, input),
  revalidate: () => ["/"],
} satisfies ActionSpec<typeof SyncRequestInput, { id: string; alreadyActive: boolean }>;

export const startUpgradeSpec = {
  name: "upgrade.requested",
  permission: "upgrade.start",
  // The cadence the policy is checked against follows UPGRADE_TIME_SCALE, read per request.
  input: () => startUpgradeInputFor(metricCadenceMs()),
  run: (ctx, input) => startUpgrade(ctx.actor, input, ctx.audit),
  appOf: (input) => input,
  revalidate: (input) => [appPath(input), "/upgrades"],
} satisfies ActionSpec<ReturnType<typeof startUpgradeInputFor>, { runId: string; existing: boolean }>;

export const requestApprovalSpec = {
  name: "upgrade.approval-requested",
  permission: "upgrade.start",
  input: () => startUpgradeInputFor(metricCadenceMs()),
  run: (ctx, input) => requestUpgradeApproval(ctx.actor, input, ctx.audit),
  appOf: (input) => input,
  revalidate: (input) => [appPath(input), "/upgrades", "/approvals"],
} satisfies ActionSpec<ReturnType<typeof startUpgradeInputFor>, { runId: string; existing: boolean }>;

export const approveUpgradeSpec = {
  name: "upgrade.approved",
  permission: "approval.decide",
  input: ApproveInput,
  run: (ctx, input) => approveUpgrade(ctx.actor, input, ctx.audit),
  appOf: (input) => appOfRun(input.runId),
  revalidate: (input) => [`/upgrades/${input.runId}`, "/approvals"],
} satisfies ActionSpec<typeof ApproveInput, { runId: string }>;

export const rejectUpgradeSpec = {
  name: "upgrade.rejected",
  permission: "approval.decide",
  input: RejectInput,
  run: (ctx, input) => rejectUpgrade(ctx.actor, input, ctx.audit),
  appOf: (input) => appOfRun(input.runId),
  revalidate: (input) => [`/upgrades/${input.runId}`, "/approvals"],
} satisfies ActionSpec<typeof RejectInput, { runId: string }>;

export const requestRollbackSpec = {
  name: "rollback.requested",
  permission: "rollback.request",
  input: RollbackInput,
  run: (ctx, input) => requestRollback(ctx.actor, input, ctx.audit),
  appOf: (input) =>
    input.runId ? appOfRun(input.runId) : { account: input.account!, region: input.region!, name: input.name! },
  revalidate: (_input, output) => [`/upgrades/${output.runId}`],
} satisfies ActionSpec<typeof RollbackInput, { runId: string }>;

export const abortMonitoringSpec = {
  name: "run.monitoring-stopped",
  permission: "run.control",
  input: RunIdInput,
  run: async (ctx, input) => {
    await abortMonitoring(ctx.actor, input.runId, ctx.audit);
    return null;
  },
  appOf: (input) => appOfRun(input.runId),
  revalidate: (input) => [`/upgrades/${input.runId}`],
} satisfies ActionSpec<typeof RunIdInput, null>;

export const cancelRunSpec = {
  name: "run.cancelled",
  permission: "run.control",
  input: RunIdInput,
  run: async (ctx, input) => {
    await cancelRun(ctx.actor, input.runId, undefined, ctx.audit);
    return null;
  },
  appOf: (input) => appOfRun(input.runId),
  revalidate: (input) => [`/upgrades/${input.runId}`],
} satisfies ActionSpec<typeof RunIdInput, null>;

export const replaceAlarmsSpec = {
  name: "alarms.replaced",
  permission: "upgrade.start",
  input: ReplaceAlarmsInput,
  run: (ctx, input) => replaceAlarms(ctx.actor, input, ctx.audit),
  appOf: (input) => ({ account: input.account, region: input.region, name: input.name }),
  revalidate: (input) => [appPath(input)],
} satisfies ActionSpec<typeof ReplaceAlarmsInput, ReplaceAlarmsResult>;

export const signOutSpec = {
  name: "signed-out",
  permission: "read",
  input: z.unknown(),
  run: (ctx) => endSession(ctx.user, ctx.audit),
} satisfies ActionSpec<z.ZodUnknown, { idToken: string | null }>;
