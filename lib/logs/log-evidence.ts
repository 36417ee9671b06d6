import type { ApplicationDetail } from "@aws-sdk/client-kinesis-analytics-v2";
import type { AwsScope } from "@/lib/aws/accounts";
import { mapWithConcurrency } from "@/lib/concurrency";
import { scanKryoFallbacks } from "./kryo-scan";
import { logTargetOf } from "./log-group";
import { readStreamState, type StreamState } from "./read-logs";

// What an application's logs say about its upgrade risk: whether it has a log stream at all (without one there is
// no evidence during an upgrade) and which types Flink serialises with Kryo.

export interface LogEvidence {
  /** "unknown" when the logs could not be read; `problem` says why. */
  logStream: StreamState | "not-configured" | "unknown";
  /** Null when not scanned (no stream, or the scan failed). */
  kryoTypes: string[] | null;
  problem?: string;
}

const streamReadConcurrency = 4;

export async function fetchLogEvidence(
  scope: AwsScope,
  apps: { name: string; detail: ApplicationDetail }[],
  options: { now?: Date; queryTimeoutMs?: number; queryPollMs?: number } = {},
): Promise<Map<string, LogEvidence>> {
  const evidence = new Map<string, LogEvidence>();
  const groups = new Map<string, string>();
  await mapWithConcurrency(apps, streamReadConcurrency, async ({ name, detail }) => {
    const target = logTargetOf(detail);
    if (!target) return void evidence.set(name, { logStream: "not-configured", kryoTypes: null });
    const state = await readStreamState(scope, target);
    if (!state.ok) return void evidence.set(name, { logStream: "unknown", kryoTypes: null, problem: state.reason });
    evidence.set(name, { logStream: state.value, kryoTypes: null });
    if (state.value === "present") groups.set(target.group, name);
  });
  if (groups.size === 0) return evidence;
  const scan = await scanKryoFallbacks(scope, [...groups.keys()], {
    now: options.now,
    timeoutMs: options.queryTimeoutMs ?? 60_000,
    pollMs: options.queryPollMs ?? 500,
  });
  for (const [group, name] of groups) {
    const current = evidence.get(name)!;
    evidence.set(
      name,
      scan.ok
        ? { ...current, kryoTypes: scan.value.get(group) ?? [] }
        : { ...current, problem: `Kryo scan: ${scan.reason}` },
    );
  }
  return evidence;
}
