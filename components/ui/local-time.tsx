"use client";

import { useEffect, useState } from "react";

/**
 * A time in the reader's own time zone. The server does not know it, so the first render (server and
 * hydration) shows UTC and the browser switches to local time once mounted: no hydration mismatch.
 */
export function LocalTime({ iso, mode = "datetime" }: { iso: string; mode?: "datetime" | "time" }) {
  const [local, setLocal] = useState<string | null>(null);
  useEffect(() => {
    const date = new Date(iso);
    setLocal(mode === "time" ? date.toLocaleTimeString() : date.toLocaleString());
  }, [iso, mode]);
  const utc = mode === "time" ? `${iso.slice(11, 19)} UTC` : `${iso.slice(0, 16).replace("T", " ")} UTC`;
  return <time dateTime={iso}>{local ?? utc}</time>;
}

/** The current time, ticking every `everyMs` in the browser; `fallback` on the server and at hydration. */
export function useNow(fallback: number, everyMs = 1000): number {
  const [now, setNow] = useState(fallback);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
