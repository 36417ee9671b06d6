// The application page's chart ranges (client-safe: the range picker and the charts read it from the URL).
export const appRanges = { "3h": 3 * 3600_000, "24h": 24 * 3600_000, "7d": 7 * 86_400_000 } as const;
export type AppRange = keyof typeof appRanges;
export const defaultAppRange: AppRange = "24h";

export function parseAppRange(value: string | string[] | undefined | null): AppRange {
  const v = Array.isArray(value) ? value[0] : value;
  return v !== undefined && v !== null && v in appRanges ? (v as AppRange) : defaultAppRange;
}
