import { describe, expect, it } from "vitest";
import { baselineFrom } from "./baseline";
import { UPDATED_AT, secondsAfterUpdate } from "./test-fixtures";

const minutesBefore = (minutes: number) => secondsAfterUpdate(-60 * minutes);

describe("baselineFrom", () => {
  it("is the median lastCheckpointDuration of the hour before the update", () => {
    const samples = [
      { t: minutesBefore(50), v: 1_000 },
      { t: minutesBefore(30), v: 9_000 },
      { t: minutesBefore(20), v: 2_000 },
      { t: minutesBefore(10), v: 3_000 },
    ];
    expect(baselineFrom(samples, UPDATED_AT)).toEqual({ checkpointDurationMs: 2_500 });
  });

  it("ignores datapoints older than the hour, at or after the update, and -1", () => {
    const samples = [
      { t: minutesBefore(90), v: 50_000 },
      { t: minutesBefore(5), v: 2_000 },
      { t: minutesBefore(4), v: -1 },
      { t: UPDATED_AT, v: 70_000 },
      { t: secondsAfterUpdate(60), v: 80_000 },
    ];
    expect(baselineFrom(samples, UPDATED_AT).checkpointDurationMs).toBe(2_000);
  });

  it("is null when the job reported no checkpoint before the update", () => {
    expect(baselineFrom([], UPDATED_AT).checkpointDurationMs).toBeNull();
  });

  it("takes a custom look-back", () => {
    const samples = [{ t: minutesBefore(100), v: 4_000 }];
    expect(baselineFrom(samples, UPDATED_AT, 2 * 3600_000).checkpointDurationMs).toBe(4_000);
  });
});
