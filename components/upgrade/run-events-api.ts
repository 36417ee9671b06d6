import type { RunEvent, RunEventPage } from "@/lib/upgrades/queries";
import { appendNewer, feedFromNewestPage, newestEventId, type EventFeed } from "./event-feed";

export async function fetchEventPage(
  runId: string,
  at: { after?: number; before?: number } = {},
): Promise<RunEventPage> {
  const search = new URLSearchParams();
  if (at.after !== undefined) search.set("after", String(at.after));
  if (at.before !== undefined) search.set("before", String(at.before));
  const res = await fetch(`/api/upgrades/${runId}/events?${search}`, { cache: "no-store" });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.json();
}

async function fetchEventsAfter(runId: string, after: number): Promise<RunEvent[]> {
  const events: RunEvent[] = [];
  for (let from = after; ;) {
    const page = await fetchEventPage(runId, { after: from });
    events.push(...page.events);
    const last = page.events.at(-1);
    if (!page.hasMore || !last) return events;
    from = last.id;
  }
}

/** One poll: the newest page when nothing is held yet, else only the events after the newest one held. */
export async function pollEventFeed(runId: string, held: () => EventFeed | undefined): Promise<EventFeed> {
  const before = held();
  if (!before) return feedFromNewestPage(await fetchEventPage(runId));
  const newer = await fetchEventsAfter(runId, newestEventId(before));
  // Merge into what is held now: an older page may have arrived while this poll was in flight.
  return appendNewer(held() ?? before, newer);
}
