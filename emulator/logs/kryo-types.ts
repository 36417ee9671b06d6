// Which application types Flink's TypeExtractor cannot treat as POJOs (and serialises with Kryo): the types a
// Flink 2.x upgrade breaks (Kryo 2.24 → 5.6). Deterministic per application ARN.
import { hashString } from "../cloudwatch/hash";
import type { MsfApp } from "../msf/model";

/** Scenarios whose state breaks on upgrade: their jobs always log Kryo fallbacks, on every runtime. */
export const KRYO_SCENARIOS: ReadonlySet<string> = new Set([
  "state-incompatible",
  "rollback-fails",
  "slow-restart-loop",
]);
const TYPE_NAMES = [
  "OrderEvent",
  "SessionWindow",
  "CustomerProfile",
  "EnrichedRecord",
  "AggregateState",
  "DeviceReading",
];

/** "clickstream-sessionizer" → "clickstreamSessionizer" (the package of the app's types). */
export function appCamel(name: string): string {
  const parts = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return parts
    .map((part, i) => (i === 0 ? part[0]!.toLowerCase() + part.slice(1) : part[0]!.toUpperCase() + part.slice(1)))
    .join("");
}

/**
 * Types a job of `app` on `runtime` logs as GenericType: 1–2 for the state-breaking scenarios on any runtime; for
 * a fifth of the other apps (hash of the ARN) only while they run a FLINK-1_x runtime; none for SQL and Studio.
 */
export function kryoTypesOf(app: MsfApp, runtime: string): string[] {
  const h = hashString(`${app.arn}#kryo`);
  const always = KRYO_SCENARIOS.has(app.scenario);
  if (!always && !(runtime.startsWith("FLINK-1_") && h % 5 === 0)) return [];
  if (!runtime.startsWith("FLINK-")) return [];
  const first = (h >>> 4) % TYPE_NAMES.length;
  const names = [TYPE_NAMES[first]!];
  if ((h >>> 8) % 2 === 1)
    names.push(TYPE_NAMES[(first + 1 + ((h >>> 12) % (TYPE_NAMES.length - 1))) % TYPE_NAMES.length]!);
  return names.map((type) => `com.example.${appCamel(app.name)}.${type}`);
}
