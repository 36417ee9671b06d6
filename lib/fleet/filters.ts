import { z } from "zod";
import { sortableColumns } from "./filter-values";

export { codeStatuses, sortableColumns, type SortColumn } from "./filter-values";
export { filtersToQuery as fleetFiltersToQuery } from "@/lib/url-query";

const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) =>
    v === undefined ? [] : (Array.isArray(v) ? v : v.split(",")).map((s) => s.trim()).filter(Boolean),
  );

/** The fleet view as held in the URL, so a view can be shared and survives a reload. */
export const FleetFilters = z.object({
  q: z.string().trim().max(128).optional().catch(undefined),
  runtime: list,
  risk: list,
  /** account ids */
  account: list,
  region: list,
  status: list,
  /** key=value tag filters, all of which must match */
  tag: list,
  /** what the code scan found: clean | warnings | breaks | unreadable | unscanned */
  code: list,
  sort: z.enum(sortableColumns).catch("riskScore").default("riskScore"),
  dir: z.enum(["asc", "desc"]).catch("desc").default("desc"),
  page: z.coerce.number().int().min(1).catch(1).default(1),
  // 25 rows by default, as the history: the page's cost in the browser grows with its rows (issue 14).
  pageSize: z.coerce.number().int().min(10).max(200).catch(25).default(25),
});

export type FleetFilters = z.infer<typeof FleetFilters>;

export function parseFleetFilters(params: Record<string, string | string[] | undefined>): FleetFilters {
  return FleetFilters.parse(params);
}
