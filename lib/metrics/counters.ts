/**
 * How much a cumulative counter (numRestarts, fullRestarts, numberOfFailedCheckpoints) grew across
 * consecutive samples. A drop means the job was resubmitted and the counter restarted from zero,
 * so the new value itself is growth since the reset (the baseline is rebased, never negative).
 */
export function counterIncrease(values: readonly number[]): number {
  let total = 0;
  for (let i = 1; i < values.length; i++) {
    const previous = values[i - 1]!;
    const current = values[i]!;
    total += current >= previous ? current - previous : current;
  }
  return total;
}
