// Runtime identifiers as MSF spells them (msf-api.md §2.2): "FLINK-1_15", "FLINK-2_2", "SQL-1_0",
// "ZEPPELIN-FLINK-3_0". Unknown future Flink runtimes ("FLINK-2_4") parse and order numerically.

export type RuntimeKind = "flink" | "sql" | "studio";

export interface ParsedRuntime {
  id: string;
  kind: RuntimeKind;
  /** Flink major.minor for "flink"; the product's own version for "sql" and "studio". */
  major: number;
  minor: number;
}

export const DEFAULT_TARGET_RUNTIME = "FLINK-2_2";

/** The Flink runtimes MSF has offered, oldest first (the RuntimeEnvironment enum of SDK 3.1112.0). */
export const FLINK_RUNTIMES = [
  "FLINK-1_6",
  "FLINK-1_8",
  "FLINK-1_11",
  "FLINK-1_13",
  "FLINK-1_15",
  "FLINK-1_18",
  "FLINK-1_19",
  "FLINK-1_20",
  "FLINK-2_2",
  "FLINK-2_3",
] as const;

const RUNTIME_PATTERN = /^(FLINK|SQL|ZEPPELIN-FLINK)-(\d+)_(\d+)$/;

const KIND_BY_PREFIX: Record<string, RuntimeKind> = {
  FLINK: "flink",
  SQL: "sql",
  "ZEPPELIN-FLINK": "studio",
};

export function parseRuntime(id: string): ParsedRuntime | null {
  const match = RUNTIME_PATTERN.exec(id.trim().toUpperCase());
  if (!match) return null;
  const [, prefix = "", major = "", minor = ""] = match;
  const kind = KIND_BY_PREFIX[prefix];
  if (!kind) return null;
  return { id, kind, major: Number(major), minor: Number(minor) };
}

export function isFlinkRuntime(id: string): boolean {
  return parseRuntime(id)?.kind === "flink";
}

/** "FLINK-2_2" → "Flink 2.2", "ZEPPELIN-FLINK-3_0" → "Studio 3.0", "SQL-1_0" → "SQL 1.0". */
export function runtimeLabel(id: string): string {
  const runtime = parseRuntime(id);
  if (!runtime) return id;
  const name = { flink: "Flink", sql: "SQL", studio: "Studio" }[runtime.kind];
  return `${name} ${runtime.major}.${runtime.minor}`;
}

// Only Flink-to-Flink comparisons mean older/newer; ranking the kinds just makes sorting total.
const KIND_RANK: Record<RuntimeKind, number> = { sql: 1, studio: 2, flink: 3 };

/** Negative when `a` is older than `b`, positive when newer, 0 when the same runtime. */
export function compareRuntimes(a: string, b: string): number {
  const left = parseRuntime(a);
  const right = parseRuntime(b);
  if (!left || !right) {
    if (left) return 1;
    if (right) return -1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  return KIND_RANK[left.kind] - KIND_RANK[right.kind] || left.major - right.major || left.minor - right.minor;
}

function bothFlink(from: string, to: string): [ParsedRuntime, ParsedRuntime] | null {
  const a = parseRuntime(from);
  const b = parseRuntime(to);
  return a?.kind === "flink" && b?.kind === "flink" ? [a, b] : null;
}

/** A move to a higher Flink major version, e.g. 1.20 → 2.2. */
export function isMajorJump(from: string, to: string): boolean {
  const pair = bothFlink(from, to);
  return pair !== null && pair[1].major > pair[0].major;
}

export function isDowngrade(from: string, to: string): boolean {
  return bothFlink(from, to) !== null && compareRuntimes(to, from) < 0;
}

/** MSF Flink runtimes strictly between `from` and `to` (the releases an upgrade skips). */
export function skippedRuntimes(from: string, to: string): string[] {
  if (!bothFlink(from, to)) return [];
  return FLINK_RUNTIMES.filter((runtime) => compareRuntimes(runtime, from) > 0 && compareRuntimes(runtime, to) < 0);
}

// End of support, from msf-api.md §2.2 / §10.1 citing the quota page [DG-QUOTA]: no new apps on
// 1.6/1.8/1.11 from 2024-11-05; from 2025-02-05 (China and GovCloud Regions 2025-03-19) apps on
// them cannot be created, started or run. No other runtime has a date in msf-api.md or the seeds,
// so they are marked `assumed: true` (assumed supported) rather than guessed.
export interface RuntimeSupport {
  /** ISO date from which MSF no longer starts or runs the runtime; null when none is known. */
  endOfSupport: string | null;
  /** The same date in China and AWS GovCloud (US) Regions. */
  endOfSupportIsolatedRegions: string | null;
  /** True when the entry is our assumption, not an AWS statement. */
  assumed: boolean;
}

const DOCUMENTED_END_OF_SUPPORT: RuntimeSupport = {
  endOfSupport: "2025-02-05",
  endOfSupportIsolatedRegions: "2025-03-19",
  assumed: false,
};

const ASSUMED_SUPPORTED: RuntimeSupport = {
  endOfSupport: null,
  endOfSupportIsolatedRegions: null,
  assumed: true,
};

export const RUNTIME_SUPPORT: Readonly<Record<string, RuntimeSupport>> = {
  "FLINK-1_6": DOCUMENTED_END_OF_SUPPORT,
  "FLINK-1_8": DOCUMENTED_END_OF_SUPPORT,
  "FLINK-1_11": DOCUMENTED_END_OF_SUPPORT,
  "FLINK-1_13": ASSUMED_SUPPORTED,
  "FLINK-1_15": ASSUMED_SUPPORTED,
  "FLINK-1_18": ASSUMED_SUPPORTED,
  "FLINK-1_19": ASSUMED_SUPPORTED,
  "FLINK-1_20": ASSUMED_SUPPORTED,
  "FLINK-2_2": ASSUMED_SUPPORTED,
  "FLINK-2_3": ASSUMED_SUPPORTED,
  "SQL-1_0": ASSUMED_SUPPORTED,
  "ZEPPELIN-FLINK-1_0": ASSUMED_SUPPORTED,
  "ZEPPELIN-FLINK-2_0": ASSUMED_SUPPORTED,
  "ZEPPELIN-FLINK-3_0": ASSUMED_SUPPORTED,
};

export function runtimeSupport(runtime: string): RuntimeSupport {
  return RUNTIME_SUPPORT[runtime] ?? ASSUMED_SUPPORTED;
}

function isIsolatedRegion(region: string | undefined): boolean {
  return region !== undefined && (region.startsWith("cn-") || region.startsWith("us-gov-"));
}

/** The end-of-support date that applies in `region`, as an ISO date, or null when none is known. */
export function endOfSupportDate(runtime: string, region?: string): string | null {
  const support = runtimeSupport(runtime);
  return isIsolatedRegion(region) ? support.endOfSupportIsolatedRegions : support.endOfSupport;
}

export function isEndOfSupport(runtime: string, now: Date, region?: string): boolean {
  const date = endOfSupportDate(runtime, region);
  return date !== null && now.getTime() >= Date.parse(`${date}T00:00:00Z`);
}

/** Targets for a picker: Flink runtimes newer than `current` that MSF still runs, oldest first. */
export function newerRuntimes(current: string, now = new Date(), region?: string): string[] {
  if (!isFlinkRuntime(current)) return [];
  return FLINK_RUNTIMES.filter(
    (runtime) => compareRuntimes(runtime, current) > 0 && !isEndOfSupport(runtime, now, region),
  );
}
