// Runs a parsed query over the events of its groups that were visible when it started: records in the time range,
// newest first unless sorted, every command in order, then the row limit. Field values are strings, as
// GetQueryResults reports them.
import type { LogsContext } from "../context";
import { eventSourceOf, eventsBetween, messageObject, renderMessage, type LogEvent } from "../log-events";
import { findLogGroup, type LogTarget } from "../log-groups";
import type { Condition } from "./query-parse";
import type { LogQuery, QueryOutcome } from "./query-store";

interface QueryRecord {
  target: LogTarget;
  groupIndex: number;
  event: LogEvent;
  ingestionDelayMs: number;
  cache: Map<string, string | undefined>;
}

const DEFAULT_FIELDS = ["@timestamp", "@message", "@logStream", "@log"];
const MAX_ROWS = 10_000;

export function runQuery(query: LogQuery, ctx: LogsContext): QueryOutcome {
  let rows: QueryRecord[] = [];
  let bytesScanned = 0;
  query.groups.forEach((group, groupIndex) => {
    const target = findLogGroup(ctx, group);
    if (!target) return;
    const source = eventSourceOf(target, query.startedAt, ctx.durations);
    // Sizes of one line per run stand for the run's lines (they differ only in a few digits).
    const sizes = new Map<number, number>();
    for (const event of eventsBetween(source, query.startMs, query.endMs)) {
      let size = sizes.get(event.order);
      if (size === undefined) sizes.set(event.order, (size = renderMessage(target.app, event).length));
      bytesScanned += size;
      rows.push({ target, groupIndex, event, ingestionDelayMs: source.ingestionDelayMs, cache: new Map() });
    }
  });
  const recordsScanned = rows.length;
  rows.sort(newestFirst);
  let recordsMatched = recordsScanned;
  for (const command of query.plan.commands) {
    switch (command.kind) {
      case "filter":
        rows = rows.filter((row) => holds(command.condition, row, ctx.accountId));
        recordsMatched = rows.length;
        break;
      case "sort": {
        const direction = command.descending ? -1 : 1;
        rows.sort((a, b) => compareField(a, b, command.field, direction, ctx.accountId));
        break;
      }
      case "limit":
        rows = rows.slice(0, command.count);
        break;
      case "fields":
        break;
    }
  }
  const fields = query.plan.fields ?? DEFAULT_FIELDS;
  const results = rows.slice(0, Math.min(query.plan.limit ?? query.limit ?? MAX_ROWS, MAX_ROWS)).map((row) => [
    ...fields.flatMap((field) => {
      const value = fieldOf(row, field, ctx.accountId);
      return value === undefined ? [] : [{ field, value }];
    }),
    { field: "@ptr", value: pointerOf(row) },
  ]);
  return { results, statistics: { recordsMatched, recordsScanned, bytesScanned } };
}

function newestFirst(a: QueryRecord, b: QueryRecord): number {
  return b.event.timestamp - a.event.timestamp || b.groupIndex - a.groupIndex || b.event.order - a.event.order;
}

/** "2026-01-01 12:00:00.000" (UTC), Logs Insights' @timestamp format. */
export function formatTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").slice(0, 23);
}

function fieldOf(row: QueryRecord, field: string, accountId: string): string | undefined {
  if (row.cache.has(field)) return row.cache.get(field);
  const value = computeField(row, field, accountId);
  row.cache.set(field, value);
  return value;
}

function computeField(row: QueryRecord, field: string, accountId: string): string | undefined {
  const { event, target } = row;
  switch (field) {
    case "@timestamp":
      return formatTimestamp(event.timestamp);
    case "@ingestionTime":
      return formatTimestamp(event.timestamp + row.ingestionDelayMs);
    case "@message":
      return renderMessage(target.app, event);
    case "@logStream":
      return target.stream;
    case "@log":
      return `${accountId}:${target.group}`;
    case "@ptr":
      return pointerOf(row);
  }
  // Discovered JSON fields, flattened like Logs Insights does (arrays as name.0, name.1, …).
  const message = messageObject(target.app, event);
  const array = /^(\w+)\.(\d+)$/.exec(field);
  const value = array ? (message[array[1]!] as unknown[] | undefined)?.[Number(array[2])] : message[field];
  return typeof value === "string" ? value : undefined;
}

function pointerOf(row: QueryRecord): string {
  return Buffer.from(JSON.stringify([row.target.group, row.event.timestamp, row.event.order])).toString("base64url");
}

function holds(condition: Condition, row: QueryRecord, accountId: string): boolean {
  switch (condition.op) {
    case "and":
      return holds(condition.left, row, accountId) && holds(condition.right, row, accountId);
    case "or":
      return holds(condition.left, row, accountId) || holds(condition.right, row, accountId);
    case "not":
      return !holds(condition.inner, row, accountId);
  }
  // A comparison with a field the event does not have is false, whichever the operator.
  const value = fieldOf(row, condition.field, accountId);
  if (value === undefined) return false;
  const match =
    condition.op === "equals"
      ? value === condition.value
      : typeof condition.pattern === "string"
        ? value.includes(condition.pattern)
        : condition.pattern.test(value);
  return condition.negate ? !match : match;
}

function compareField(a: QueryRecord, b: QueryRecord, field: string, direction: number, accountId: string): number {
  if (field === "@timestamp") return direction * (a.event.timestamp - b.event.timestamp);
  const x = fieldOf(a, field, accountId);
  const y = fieldOf(b, field, accountId);
  // Events without the field come last either way.
  if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1;
  return direction * naturalCompare(x, y);
}

const NUMBER = /^-?\d+(?:\.\d+)?$/;

/** Logs Insights' natural sort: non-numbers before numbers; digit runs compare by length, then value. */
export function naturalCompare(a: string, b: string): number {
  const an = NUMBER.test(a);
  const bn = NUMBER.test(b);
  if (an && bn) return Number(a) - Number(b);
  if (an !== bn) return an ? 1 : -1;
  const chunks = (s: string) => s.match(/\d+|\D+/g) ?? [];
  const ca = chunks(a);
  const cb = chunks(b);
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const x = ca[i]!;
    const y = cb[i]!;
    if (x === y) continue;
    const digits = /^\d/.test(x) && /^\d/.test(y);
    if (digits && x.length !== y.length) return x.length - y.length;
    return x < y ? -1 : 1;
  }
  return ca.length - cb.length;
}
