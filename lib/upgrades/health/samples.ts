import type { Sample } from "./types";

/**
 * The datapoints in [from, to], oldest first. MSF gauges report -1 for "not applicable" (a completed
 * job's uptime, no checkpoint yet), which would read as a reset or a fast checkpoint, so they are dropped.
 */
export function samplesBetween(samples: readonly Sample[] | undefined, from: Date, to: Date): Sample[] {
  return (samples ?? [])
    .filter((s) => s.t >= from && s.t <= to && Number.isFinite(s.v) && s.v >= 0)
    .sort((a, b) => a.t.getTime() - b.t.getTime());
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
