import { z } from "zod";

const appName = z.string().regex(/^[a-zA-Z0-9_.-]{1,128}$/, "not a valid application name");
const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "not a valid region");
const checkbox = z
  .union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")])
  .optional()
  .transform((v) => v === true || v === "on" || v === "true");

export const HealthPolicyInput = z.object({
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

export const StartUpgradeInput = z.object({
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
  policy: HealthPolicyInput,
});
export type StartUpgradeInput = z.infer<typeof StartUpgradeInput>;

export const RollbackInput = z
  .object({
    runId: z.string().min(1).optional(),
    region: region.optional(),
    name: appName.optional(),
    reason: z.string().trim().min(3, "say why (at least 3 characters)").max(500),
  })
  .refine((v) => v.runId || (v.region && v.name), "name a run or an application");
export type RollbackInput = z.infer<typeof RollbackInput>;

export const RunIdInput = z.object({ runId: z.string().min(1) });
