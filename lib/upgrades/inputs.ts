import { z } from "zod";
import { REAL_METRIC_CADENCE_MS } from "@/lib/metrics/cadence";
import { defaultHealthPolicy, scaledPolicy } from "./health/policy";
import { policyIssues, type PolicyField } from "./health/policy-rules";
import type { HealthPolicy } from "./health/types";
import { RESTORE_TYPES, type RestoreSettings } from "./restore-settings";

export const appName = z.string().regex(/^[a-zA-Z0-9_.-]{1,128}$/, "not a valid application name");
export const account = z.string().regex(/^\d{12}$/, "not an AWS account id (12 digits)");
export const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "not a valid region");
const checkbox = z
  .union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")])
  .optional()
  .transform((v) => v === true || v === "on" || v === "true");

const policyFields = z.object({
  observationSeconds: z.coerce
    .number()
    .int()
    .min(1, "at least 1 second")
    .max(24 * 3600, "at most 24 hours"),
  restartThreshold: z.coerce.number().int().min(1, "at least 1 restart").max(1000),
  failedCheckpointThreshold: z.coerce.number().int().min(1, "at least 1").max(1000),
  checkpointDurationFactor: z.coerce.number().min(1.1, "at least 1.1×").max(100),
  autoRollback: checkbox,
});
type PolicyFields = z.infer<typeof policyFields>;

/** The health policy a run is judged by: the wizard's fields over the defaults for the rest. */
export function healthPolicyOf(
  fields: Omit<PolicyFields, "autoRollback">,
  base: HealthPolicy = defaultHealthPolicy,
): HealthPolicy {
  return {
    ...base,
    observationWindowMs: fields.observationSeconds * 1000,
    restartThreshold: fields.restartThreshold,
    failedCheckpointThreshold: fields.failedCheckpointThreshold,
    checkpointDurationFactor: fields.checkpointDurationFactor,
  };
}

const formFieldOf: Record<PolicyField, keyof PolicyFields> = {
  observationWindowMs: "observationSeconds",
  restartThreshold: "restartThreshold",
  failedCheckpointThreshold: "failedCheckpointThreshold",
};

/** The policy fields, refused (on the field at fault) when the metric cadence cannot fill their windows. */
export function healthPolicyInputFor(cadenceMs: number) {
  return policyFields.superRefine(
    (fields, ctx) => {
      // The windows the form does not ask for follow the cadence's scale (real minutes on AWS).
      const base = scaledPolicy(cadenceMs / REAL_METRIC_CADENCE_MS);
      for (const issue of policyIssues(healthPolicyOf(fields, base), cadenceMs))
        ctx.addIssue({ code: "custom", path: [formFieldOf[issue.field]], message: issue.message });
    },
    // Only once every field is a valid number: "at least 1 restart" says enough on its own.
    { when: (payload) => payload.issues.length === 0 },
  );
}

const snapshotName = z.string().regex(/^[a-zA-Z0-9_.-]{1,256}$/, "letters, digits, _ . - only (at most 256)");

export const RestoreInput = z
  .object({
    applicationRestoreType: z.enum(RESTORE_TYPES, "choose how the upgraded job restores its state"),
    snapshotName: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || undefined),
    allowNonRestoredState: checkbox,
  })
  .superRefine((restore, ctx) => {
    if (restore.applicationRestoreType !== "RESTORE_FROM_CUSTOM_SNAPSHOT") return;
    if (!restore.snapshotName) {
      ctx.addIssue({ code: "custom", path: ["snapshotName"], message: "name the snapshot to restore" });
      return;
    }
    const checked = snapshotName.safeParse(restore.snapshotName);
    if (!checked.success)
      ctx.addIssue({ code: "custom", path: ["snapshotName"], message: checked.error.issues[0]!.message });
  })
  .transform(({ snapshotName, ...restore }): RestoreSettings =>
    restore.applicationRestoreType === "RESTORE_FROM_CUSTOM_SNAPSHOT" ? { ...restore, snapshotName } : restore,
  );

/** The wizard's input; the policy is checked against the metric cadence (metricCadenceMs() on the server). */
export function startUpgradeInputFor(cadenceMs: number) {
  return z.object({
    account,
    region,
    name: appName,
    targetRuntime: z.string().regex(/^FLINK-\d+_\d+$/, "choose a Flink runtime"),
    codeKey: z
      .string()
      .trim()
      .max(1024, "at most 1024 characters")
      .optional()
      .transform((v) => v || undefined),
    expectedVersionId: z.coerce.number().int().min(1),
    enableRollback: checkbox,
    enableSnapshots: checkbox,
    takeSnapshot: checkbox,
    confirmName: z.string().trim().optional(),
    policy: healthPolicyInputFor(cadenceMs),
    /** Absent: keep what DescribeApplication says, so the update does not reset AllowNonRestoredState. */
    restore: RestoreInput.optional(),
    /** Why the engineer upgrades to code the scan says will break (audited); absent: such code is refused. */
    scanOverride: z
      .string()
      .trim()
      .max(500, "at most 500 characters")
      .refine((v) => v === "" || v.length >= 10, "say why in at least 10 characters")
      .transform((v) => v || undefined)
      .optional(),
  });
}
export type StartUpgradeInput = z.infer<ReturnType<typeof startUpgradeInputFor>>;

/** Why a person decided (a rollback, a rejection): kept with the run and shown to everyone. */
export const DecisionReason = z.string().trim().min(3, "say why (at least 3 characters)").max(500);

export const RollbackInput = z
  .object({
    runId: z.string().min(1).optional(),
    account: account.optional(),
    region: region.optional(),
    name: appName.optional(),
    reason: DecisionReason,
  })
  .refine((v) => v.runId || (v.account && v.region && v.name), "name a run or an application");
export type RollbackInput = z.infer<typeof RollbackInput>;

export const RunIdInput = z.object({ runId: z.string().min(1) });
