// The fleet filters' values, without zod: the client filters ship these, the server parses with filters.ts.

export const sortableColumns = [
  "name",
  "account",
  "region",
  "runtime",
  "status",
  "riskScore",
  "newestSnapshotAt",
  "team",
  "env",
] as const;
export type SortColumn = (typeof sortableColumns)[number];

export const codeStatuses = ["breaks", "warnings", "clean", "unreadable", "unscanned"] as const;
