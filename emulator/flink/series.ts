// Evenly spaced events (restarts, checkpoints) kept as arithmetic runs, so a job that has restart-looped for
// days at test speed (millions of restarts) costs no more than a fresh one; only the newest few are listed.

export interface EventRun<K extends string = string> {
  first: number;
  step: number;
  count: number;
  kind: K;
}

export interface TimedEvent<K extends string = string> {
  at: number;
  kind: K;
  /** 0-based position among all events of the runs passed in (chronological). */
  index: number;
}

export function totalOf(runs: readonly EventRun[]): number {
  return runs.reduce((sum, run) => sum + run.count, 0);
}

/** The newest `limit` events, newest first. Runs must be in chronological order. */
export function newestEvents<K extends string>(runs: readonly EventRun<K>[], limit: number): TimedEvent<K>[] {
  const out: TimedEvent<K>[] = [];
  let index = totalOf(runs);
  for (let r = runs.length - 1; r >= 0 && out.length < limit; r--) {
    const run = runs[r]!;
    for (let k = run.count - 1; k >= 0 && out.length < limit; k--) {
      out.push({ at: run.first + k * run.step, kind: run.kind, index: index - (run.count - k) });
    }
    index -= run.count;
  }
  return out;
}

export function lastAt(runs: readonly EventRun[]): number | undefined {
  for (let r = runs.length - 1; r >= 0; r--) {
    const run = runs[r]!;
    if (run.count > 0) return run.first + (run.count - 1) * run.step;
  }
  return undefined;
}
