import type { RunEvent, RunEventPage } from "@/lib/upgrades/queries";

/** The events the run page holds, oldest first: pages loaded backwards, polls appended at the end. */
export interface EventFeed {
  events: RunEvent[];
  hasOlder: boolean;
}

export function feedFromNewestPage(page: RunEventPage): EventFeed {
  return { events: page.events, hasOlder: page.hasMore };
}

/** The id a poll asks for events after (0 before the first event: everything). */
export function newestEventId(feed: EventFeed): number {
  return feed.events.at(-1)?.id ?? 0;
}

export function oldestEventId(feed: EventFeed): number | undefined {
  return feed.events[0]?.id;
}

export function appendNewer(feed: EventFeed, newer: RunEvent[]): EventFeed {
  const after = newestEventId(feed);
  const fresh = newer.filter((e) => e.id > after);
  return fresh.length ? { ...feed, events: [...feed.events, ...fresh] } : feed;
}

export function prependOlder(feed: EventFeed, page: RunEventPage): EventFeed {
  const before = oldestEventId(feed) ?? Infinity;
  return { events: [...page.events.filter((e) => e.id < before), ...feed.events], hasOlder: page.hasMore };
}
