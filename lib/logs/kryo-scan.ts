import { kryoFallbackType } from "./log-line";
import type { AwsScope } from "@/lib/aws/accounts";
import { runInsightsQuery, type LogsRead } from "./read-logs";

// The types Flink serialises with Kryo ("… cannot be used as a POJO type … processed as GenericType"): their
// state breaks on Flink 2.2 (Kryo 2.24 → 5.6). One Logs Insights query reads up to 50 applications' groups.

const groupsPerQuery = 50;
const lookbackMs = 30 * 24 * 3600_000;

export const kryoQuery =
  "fields @log, message | filter message like /cannot be used as a POJO type/ | sort @timestamp desc | limit 10000";

/** Kryo-fallback type names per log group, for every group that could be read. */
export async function scanKryoFallbacks(
  scope: AwsScope,
  groups: string[],
  options: { now?: Date; timeoutMs: number; pollMs: number },
): Promise<LogsRead<Map<string, string[]>>> {
  const now = options.now ?? new Date();
  const found = new Map<string, Set<string>>(groups.map((g) => [g, new Set()]));
  for (let i = 0; i < groups.length; i += groupsPerQuery) {
    const batch = groups.slice(i, i + groupsPerQuery);
    const read = await runInsightsQuery(scope, {
      groups: batch,
      query: kryoQuery,
      start: new Date(now.getTime() - lookbackMs),
      end: now,
      limit: 10_000,
      timeoutMs: options.timeoutMs,
      pollMs: options.pollMs,
    });
    if (!read.ok) return read;
    for (const row of read.value) {
      const type = kryoFallbackType(row.message ?? "");
      // @log is "<account>:<group>".
      const group = (row["@log"] ?? "").replace(/^\d{12}:/, "");
      if (type && found.has(group)) found.get(group)!.add(type);
    }
  }
  return { ok: true, value: new Map([...found].map(([g, types]) => [g, [...types].sort()])) };
}
