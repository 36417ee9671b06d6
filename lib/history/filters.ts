import { z } from "zod";
import { historySortColumns, outcomeValues, type OutcomeFilter } from "./filter-values";

export {
  hasFilters,
  historySortColumns,
  outcomeValues,
  type HistorySortColumn,
  type OutcomeFilter,
} from "./filter-values";
export { filtersToQuery as historyFiltersToQuery } from "@/lib/url-query";

const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) =>
    v === undefined ? [] : (Array.isArray(v) ? v : v.split(",")).map((s) => s.trim()).filter(Boolean),
  );

/** A day as typed in a date input; anything else is dropped rather than failing the page. */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)))
  .optional()
  .catch(undefined);

/** The history view as held in the URL: shareable, and the CSV export reads the same parameters. */
export const HistoryFilters = z.object({
  outcome: list.transform((v) => v.filter((o): o is OutcomeFilter => (outcomeValues as readonly string[]).includes(o))),
  /** matches the runtime a run came from or went to */
  runtime: list,
  /** account ids */
  account: list,
  region: list,
  /** the application's team tag, as of the last inventory sync */
  team: list,
  /** initiatedBy */
  who: list,
  /** the campaigns that started the runs (ids) */
  campaign: list,
  /** dashboard: runs the dashboard made; outside: upgrades made with the console, the CLI or Terraform */
  source: z.enum(["dashboard", "outside"]).optional().catch(undefined),
  /** UTC days, both inclusive */
  from: day,
  to: day,
  sort: z.enum(historySortColumns).catch("createdAt").default("createdAt"),
  dir: z.enum(["asc", "desc"]).catch("desc").default("desc"),
  page: z.coerce.number().int().min(1).catch(1).default(1),
  pageSize: z.coerce.number().int().min(10).max(200).catch(25).default(25),
});

export type HistoryFilters = z.infer<typeof HistoryFilters>;

export function parseHistoryFilters(params: Record<string, string | string[] | undefined>): HistoryFilters {
  return HistoryFilters.parse(params);
}

/** The filters alone (no sort or paging): what the CSV export and the summary are computed over. */
export function filtersOnly(f: HistoryFilters): Partial<HistoryFilters> {
  const { outcome, runtime, account, region, team, who, campaign, source, from, to } = f;
  return { outcome, runtime, account, region, team, who, campaign, source, from, to };
}

/** [start, end) in UTC for the inclusive day range; `to` covers its whole day. */
export function dateBounds(f: Pick<HistoryFilters, "from" | "to">): { gte?: Date; lt?: Date } {
  const bounds: { gte?: Date; lt?: Date } = {};
  if (f.from) bounds.gte = new Date(`${f.from}T00:00:00Z`);
  if (f.to) bounds.lt = new Date(new Date(`${f.to}T00:00:00Z`).getTime() + 86_400_000);
  return bounds;
}
