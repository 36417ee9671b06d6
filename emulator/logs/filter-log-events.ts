// FilterLogEvents: events of the group's stream in [startTime, endTime] (epoch ms, both inclusive), oldest first,
// at most `limit` (default and maximum 10,000) or 1 MB per page. Like the service, one call scans a bounded
// amount of the log: a page may come back short or empty with a nextToken, and only a missing token means the
// end. A token freezes the reading instant of the first page, so a page chain is one consistent snapshot.
import type { LogsHandler } from "./context";
import { invalidParameter } from "./errors";
import { eventIdOf, eventSourceOf, eventsBetween, messageObject, renderMessage, type Cursor } from "./log-events";
import { readLogGroup, requireLogGroup } from "./log-groups";
import { matchesPattern, parseFilterPattern } from "./filter-pattern";

const MAX_EVENTS = 10_000;
const MAX_PAGE_BYTES = 1_048_576;
/** Events one call examines before it answers with what it found and a token. */
export const SCAN_BUDGET = 50_000;
/** Per-event overhead in the page size (names and numbers around the message). */
const EVENT_OVERHEAD_BYTES = 26;

interface PageToken extends Cursor {
  group: string;
  asOf: number;
}

export const filterLogEvents: LogsHandler = (input, ctx) => {
  const group = readLogGroup(input, ctx);
  const streamNames = input.strList("logStreamNames", { min: 1, max: 100 });
  const prefix = input.str("logStreamNamePrefix", { min: 1, max: 512 });
  if (streamNames && prefix !== undefined)
    throw invalidParameter("logStreamNames and logStreamNamePrefix are mutually exclusive parameters.");
  const startTime = input.int("startTime", { min: 0 }) ?? 0;
  const endTime = input.int("endTime", { min: 0 }) ?? Number.MAX_SAFE_INTEGER;
  if (endTime < startTime) throw invalidParameter("endTime must be greater than or equal to startTime.");
  const pattern = parseFilterPattern(input.str("filterPattern", { max: 1024 }) ?? "");
  const limit = input.int("limit", { min: 1, max: MAX_EVENTS }) ?? MAX_EVENTS;
  input.bool("interleaved");
  input.bool("unmask");
  const rawToken = input.str("nextToken", { min: 1 });
  const target = requireLogGroup(ctx, group);
  const token = rawToken === undefined ? undefined : readToken(rawToken, target.group);
  const asOf = token?.asOf ?? ctx.now;
  const selected = streamNames ? streamNames.includes(target.stream) : target.stream.startsWith(prefix ?? "");
  if (!selected) return { events: [] };

  const source = eventSourceOf(target, asOf, ctx.durations);
  const { app } = target;
  const events: Record<string, unknown>[] = [];
  let bytes = 0;
  let scanned = 0;
  let lastReturned: Cursor | undefined;
  let lastExamined: Cursor | undefined;
  const page = (resumeAfter: Cursor | undefined) => ({
    events,
    nextToken: writeToken({ group: target.group, asOf, ...(resumeAfter ?? cursorOf(token)) }),
  });
  for (const event of eventsBetween(source, startTime, endTime, token)) {
    if (scanned >= SCAN_BUDGET) return page(events.length >= limit ? lastReturned : lastExamined);
    scanned++;
    let message: string | undefined;
    const raw = () => (message ??= renderMessage(app, event));
    if (matchesPattern(pattern, raw, () => messageObject(app, event))) {
      const size = raw().length + target.stream.length + EVENT_OVERHEAD_BYTES;
      // Another match follows a full page: that is what the token promises.
      if (events.length >= limit || (events.length > 0 && bytes + size > MAX_PAGE_BYTES)) return page(lastReturned);
      bytes += size;
      events.push({
        logStreamName: target.stream,
        timestamp: event.timestamp,
        message: raw(),
        ingestionTime: event.timestamp + source.ingestionDelayMs,
        eventId: eventIdOf(app, event),
      });
      lastReturned = { t: event.timestamp, order: event.order };
    }
    lastExamined = { t: event.timestamp, order: event.order };
  }
  return { events };
};

function cursorOf(token: Cursor | undefined): Cursor {
  return token ? { t: token.t, order: token.order } : { t: -1, order: -1 };
}

function writeToken(token: PageToken): string {
  return Buffer.from(JSON.stringify([token.group, token.asOf, token.t, token.order])).toString("base64url");
}

function readToken(raw: string, group: string): PageToken {
  try {
    const [g, asOf, t, order] = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as unknown[];
    if (g === group && [asOf, t, order].every((n) => typeof n === "number" && Number.isFinite(n)))
      return { group, asOf: asOf as number, t: t as number, order: order as number };
  } catch {
    /* falls through */
  }
  throw invalidParameter("The specified nextToken is invalid.");
}
