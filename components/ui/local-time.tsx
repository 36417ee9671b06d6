"use client";

import { useSyncExternalStore } from "react";
import { formatLocalTime } from "@/lib/format";

// One shared clock for every component that shows an age or a duration. The server and the hydration pass
// use the caller's fallback (the server's render time), so the HTML always matches; then the browser ticks.
let current = Date.now();

function subscribeClock(onTick: () => void) {
  current = Date.now();
  const timer = setInterval(() => {
    current = Date.now();
    onTick();
  }, 1000);
  return () => clearInterval(timer);
}

export function useNow(fallback: number): number {
  return useSyncExternalStore(
    subscribeClock,
    () => current,
    () => fallback,
  );
}

const noSubscription = () => () => undefined;

/** A time in the reader's own time zone; UTC until the browser (which knows the zone) takes over. */
export function LocalTime({ iso, mode = "datetime" }: { iso: string; mode?: "datetime" | "time" }) {
  const inBrowser = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const text = inBrowser
    ? formatLocalTime(new Date(iso), mode)
    : mode === "time"
      ? `${iso.slice(11, 19)} UTC`
      : `${iso.slice(0, 16).replace("T", " ")} UTC`;
  return (
    <time dateTime={iso} title={`${iso.slice(0, 19).replace("T", " ")} UTC`}>
      {text}
    </time>
  );
}
