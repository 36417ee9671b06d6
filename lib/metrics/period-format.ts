// Periods in words a person reads at a glance ("5 min", "1-hour points"). Client-safe: the charts use it too.
const units = [
  { seconds: 86_400, short: "d", long: "day" },
  { seconds: 3600, short: "h", long: "hour" },
  { seconds: 60, short: "min", long: "minute" },
  { seconds: 1, short: "s", long: "second" },
] as const;

function largestWholeUnit(periodS: number): { count: number; unit: (typeof units)[number] } {
  const unit = units.find((u) => periodS >= u.seconds && periodS % u.seconds === 0) ?? units[3];
  return { count: periodS / unit.seconds, unit };
}

/** "30 s", "1 min", "6 h", "2 d". */
export function formatPeriod(periodS: number): string {
  const { count, unit } = largestWholeUnit(periodS);
  return `${count} ${unit.short}`;
}

/** "1-minute", "5-minute", "1-hour": as in "showing 5-minute points". */
export function periodAdjective(periodS: number): string {
  const { count, unit } = largestWholeUnit(periodS);
  return `${count}-${unit.long}`;
}
