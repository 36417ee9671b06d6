"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { queryKeys } from "@/lib/query-keys";
import type { RunEventPage } from "@/lib/upgrades/queries";
import { feedFromNewestPage, prependOlder, type EventFeed } from "./event-feed";
import { fetchEventPage, pollEventFeed } from "./run-events-api";

/**
 * A run's event log: the newest page first, then every poll (each second while the run is live) asks only for the
 * events after the newest one held; `loadOlder` fetches the page before the oldest one held.
 */
export function useRunEvents(runId: string, isLive: boolean, initial?: RunEventPage) {
  const queryClient = useQueryClient();
  const queryKey = queryKeys.runEvents(runId);
  const held = () => queryClient.getQueryData<EventFeed>(queryKey);

  const feed = useQuery({
    queryKey,
    queryFn: () => pollEventFeed(runId, held),
    initialData: initial ? feedFromNewestPage(initial) : undefined,
    // A finished run's events are final: the page's first page is not fetched again on load.
    staleTime: isLive ? 0 : Infinity,
    refetchInterval: isLive ? 1000 : false,
  });

  const { refetch } = feed;
  // The last poll may have run just before the final events were written: fetch once more when the run ends (not
  // when a page opens on a run that had already ended).
  const wasLive = useRef(isLive);
  useEffect(() => {
    if (wasLive.current && !isLive) void refetch({ cancelRefetch: false });
    wasLive.current = isLive;
  }, [isLive, refetch]);

  const loadOlder = useMutation({
    mutationFn: () => fetchEventPage(runId, { before: held()?.events[0]?.id }),
    onSuccess: (page) => queryClient.setQueryData<EventFeed>(queryKey, (now) => now && prependOlder(now, page)),
  });

  return { feed, loadOlder };
}
