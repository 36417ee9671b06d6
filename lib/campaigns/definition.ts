import { z } from "zod";
import { parseAmount } from "./budget";

// What an engineer defines: the selection, where each application's new code comes from, the stages, the run
// options. Stored as JSON on the campaign; the plan (stages with their applications) is derived from it.

const tag = z
  .string()
  .trim()
  .regex(/^[^=\s]+=[^=]+$/, "key=value");
const appRef = z
  .string()
  .trim()
  .regex(
    /^\d{12}\/[a-z]{2}(-[a-z]+)+-\d\/[a-zA-Z0-9_.-]{1,128}$/,
    "account/region/name, e.g. 123456789012/eu-west-1/fx-rates-joiner",
  );
const amount = (what: string) =>
  z
    .string()
    .trim()
    .refine((v) => parseAmount(v) !== null, `${what}: a number, or a percentage up to 100%`);

export const StageInput = z.object({
  name: z.string().trim().min(1, "name the stage").max(40),
  /** key=value tags an application must all carry to be in this stage; empty: every application left. */
  selector: z.array(tag).max(10).default([]),
  maxConcurrency: amount("concurrency").refine(
    (v) => {
      const a = parseAmount(v);
      return a === null || (a.kind === "count" ? a.n > 0 : a.p > 0);
    },
    { message: "concurrency: at least 1" },
  ),
  errorBudget: amount("error budget"),
  soakMinutes: z.coerce
    .number()
    .min(0, "0 or more")
    .max(7 * 24 * 60),
  /** An approver must release the next stage. */
  gate: z.boolean().default(false),
});
export type StageInput = z.infer<typeof StageInput>;

export const SelectionInput = z.object({
  regions: z.array(z.string()).default([]),
  runtimes: z.array(z.string()).default([]),
  tags: z.array(tag).max(10).default([]),
  maxRisk: z.enum(["low", "medium", "high"]).default("high"),
  include: z.array(appRef).max(1000).default([]),
  exclude: z.array(appRef).max(1000).default([]),
});
export type SelectionInput = z.infer<typeof SelectionInput>;

export const CampaignInput = z.object({
  name: z.string().trim().min(1, "name the campaign").max(80),
  targetRuntime: z.string().regex(/^FLINK-\d+_\d+$/, "a Flink runtime such as FLINK-2_2"),
  selection: SelectionInput,
  codeKeys: z.object({
    /** e.g. "{name}-flink-2.2.jar"; {name} and {region} are replaced. */
    pattern: z.string().trim().max(300).default(""),
    /** account,region,name,codeKey lines, or region,name,codeKey where that names one application (a header line is allowed). */
    csv: z.string().max(200_000).default(""),
  }),
  stages: z.array(StageInput).min(1, "at least one stage").max(10),
  autoRollback: z.boolean().default(true),
  /** What cancelling does to runs in flight. */
  cancelMode: z.enum(["finish", "rollback"]).default("finish"),
});
export type CampaignInput = z.infer<typeof CampaignInput>;
