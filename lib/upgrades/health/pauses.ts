import type { Sample } from "./types";

/** A stretch during which MSF itself disturbed the job (MAINTENANCE, AUTOSCALING), as seen by our status polls. */
export interface Pause {
  status: string;
  from: Date;
  to: Date;
}

/**
 * Whether the change between two datapoints may come from a pause. A datapoint stamped t covers [t, t + cadence),
 * and our polls see a status up to one poll late, so the pause is widened by `marginMs` on both sides.
 */
export function touchesPause(from: Date, to: Date, pauses: readonly Pause[], marginMs: number): boolean {
  return pauses.some((p) => from.getTime() <= p.to.getTime() + marginMs && to.getTime() >= p.from.getTime() - marginMs);
}

/** Milliseconds of [from, to] spent in pauses: they do not count towards the observation window. */
export function pausedWithin(from: Date, to: Date, pauses: readonly Pause[]): number {
  return pauses.reduce((total, p) => {
    const overlap = Math.min(to.getTime(), p.to.getTime()) - Math.max(from.getTime(), p.from.getTime());
    return total + Math.max(0, overlap);
  }, 0);
}

/**
 * Growth of a job counter (numRestarts, numberOfFailedCheckpoints) over the window, measured from the last
 * datapoint before it (or its own first one). Never from zero: whether MSF resets the counter for the new job is
 * not documented, and counting a carried-over value would roll back every healthy upgrade. Steps that touch a
 * pause are not counted; a drop means a resubmitted job, so the new value itself is growth.
 */
export function counterGrowth(
  samples: readonly Sample[],
  windowStart: Date,
  pauses: readonly Pause[],
  marginMs: number,
): { growth: number; points: number } {
  const inWindow = samples.filter((s) => s.t >= windowStart);
  const before = samples.filter((s) => s.t < windowStart).at(-1);
  const points = before ? [before, ...inWindow] : inWindow;
  let growth = 0;
  for (let i = 1; i < points.length; i++) {
    const previous = points[i - 1]!;
    const current = points[i]!;
    if (touchesPause(previous.t, current.t, pauses, marginMs)) continue;
    growth += current.v >= previous.v ? current.v - previous.v : current.v;
  }
  return { growth, points: inWindow.length };
}
