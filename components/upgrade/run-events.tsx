"use client";

import { useRef } from "react";
import type { RunEventPage } from "@/lib/upgrades/queries";
import { EventLog } from "./event-log";
import { useRunEvents } from "./use-run-events";

/** The run's event log: the newest page, new events as they happen, older pages on request. */
export function RunEvents({ runId, isLive, initial }: { runId: string; isLive: boolean; initial?: RunEventPage }) {
  const { feed, loadOlder } = useRunEvents(runId, isLive, initial);
  const listRef = useRef<HTMLDivElement>(null);

  if (!feed.data) {
    return feed.error ? (
      <div role="alert" className="flex items-center gap-3 text-sm text-red-800">
        Could not load the events ({feed.error.message}).
        <button type="button" onClick={() => void feed.refetch()} className={buttonClass}>
          Retry
        </button>
      </div>
    ) : (
      <p role="status" className="text-sm text-slate-600">
        Loading events…
      </p>
    );
  }

  function showOlder() {
    if (loadOlder.isPending) return;
    loadOlder.mutate(undefined, {
      onSuccess: (page) => {
        // The button goes away with the last page: keep the keyboard in the list rather than lose focus.
        if (!page.hasMore) listRef.current?.focus();
      },
    });
  }

  return (
    <div className="space-y-2">
      {feed.error ? (
        <p role="alert" className="text-sm text-amber-900">
          Could not fetch new events ({feed.error.message}); showing the ones loaded so far.
        </p>
      ) : null}
      <EventLog events={feed.data.events} hasOlder={feed.data.hasOlder} listRef={listRef} />
      {feed.data.hasOlder ? (
        <button type="button" onClick={showOlder} aria-disabled={loadOlder.isPending} className={buttonClass}>
          {loadOlder.isPending ? "Loading older events…" : "Show older events"}
        </button>
      ) : null}
      {loadOlder.error ? (
        <p role="alert" className="text-sm text-red-800">
          Could not load older events ({loadOlder.error.message}); try again.
        </p>
      ) : null}
    </div>
  );
}

const buttonClass =
  "rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100 aria-disabled:opacity-50";
