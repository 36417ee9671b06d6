import { describe, expect, it } from "vitest";
import type { RunEvent } from "@/lib/upgrades/queries";
import { appendNewer, feedFromNewestPage, newestEventId, oldestEventId, prependOlder } from "./event-feed";

const event = (id: number): RunEvent => ({
  id,
  at: new Date(Date.UTC(2026, 10, 28, 12, 0, id)).toISOString(),
  actor: "worker",
  kind: "state",
  message: `event ${id}`,
  operation: null,
  requestId: null,
});
const ids = (events: RunEvent[]) => events.map((e) => e.id);

describe("the run page's event feed", () => {
  it("starts from the newest page and polls after its newest event", () => {
    const feed = feedFromNewestPage({ events: [event(5), event(6)], hasMore: true });
    expect(feed.hasOlder).toBe(true);
    expect(newestEventId(feed)).toBe(6);
    expect(newestEventId(feedFromNewestPage({ events: [], hasMore: false }))).toBe(0);
  });

  it("appends newer events once, even when a poll overlaps what it holds", () => {
    const feed = feedFromNewestPage({ events: [event(5), event(6)], hasMore: false });
    expect(ids(appendNewer(feed, [event(6), event(7), event(8)]).events)).toEqual([5, 6, 7, 8]);
    expect(appendNewer(feed, [])).toBe(feed);
  });

  it("prepends an older page and takes its word on whether more exist", () => {
    const feed = feedFromNewestPage({ events: [event(5), event(6)], hasMore: true });
    const older = prependOlder(feed, { events: [event(3), event(4), event(5)], hasMore: false });
    expect(ids(older.events)).toEqual([3, 4, 5, 6]);
    expect(older.hasOlder).toBe(false);
    expect(oldestEventId(older)).toBe(3);
  });
});
