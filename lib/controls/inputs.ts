import { z } from "zod";

export const maxOverrideHours = 24;

const checkbox = z
  .union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")])
  .transform((v) => v === true || v === "on" || v === "true");

/** Turning stop-the-line on needs a reason (3..500); turning it off may say why. */
export const StopTheLineInput = z
  .object({
    stopped: checkbox,
    reason: z.string().trim().max(500, "at most 500 characters").optional(),
  })
  .superRefine((input, ctx) => {
    if (input.stopped && (input.reason ?? "").length < 3)
      ctx.addIssue({ code: "custom", path: ["reason"], message: "Say why the line stops (at least 3 characters)" });
  })
  .transform((input) => ({ stopped: input.stopped, reason: input.reason || undefined }));
export type StopTheLineInput = z.infer<typeof StopTheLineInput>;

export const WindowIdInput = z.object({ id: z.string().min(1).max(100) });
export type WindowIdInput = z.infer<typeof WindowIdInput>;

export const FreezeOverrideInput = z.object({
  reason: z.string().trim().min(3, "Say why (at least 3 characters)").max(500, "at most 500 characters"),
  ticket: z.string().trim().min(2, "The change or incident ticket, e.g. INC-4711").max(100, "at most 100 characters"),
  hours: z.coerce
    .number("a number of hours")
    .positive("more than 0 hours")
    .max(maxOverrideHours, `at most ${maxOverrideHours} hours`),
});
export type FreezeOverrideInput = z.infer<typeof FreezeOverrideInput>;

export const OverrideIdInput = z.object({ id: z.string().min(1).max(100) });
export type OverrideIdInput = z.infer<typeof OverrideIdInput>;
