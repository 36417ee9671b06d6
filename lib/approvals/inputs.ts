import { z } from "zod";
import { DecisionReason } from "@/lib/upgrades/inputs";

export const ApproveInput = z.object({
  runId: z.string().min(1),
  note: z.string().trim().max(500).optional(),
});
export type ApproveInput = z.infer<typeof ApproveInput>;

export const RejectInput = z.object({
  runId: z.string().min(1),
  reason: DecisionReason,
});
export type RejectInput = z.infer<typeof RejectInput>;
