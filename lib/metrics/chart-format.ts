// How a metric chart reads: axis units a person can take in (s, min, MiB), exact tooltip values, time ticks that
// fit the window, and event labels that do not sit on top of each other. Pure, so it is tested without a browser.
import type { MetricUnit } from "./catalog";

export interface AxisScale {
  /** divide raw values by this to get axis values */
  divisor: number;
  /** the unit the axis shows, e.g. "s" or "MiB" */
  suffix: string;
}

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/** The axis unit for the largest value shown: ms → s → min → h → d, bytes → KiB/MiB/GiB. */
export function axisScale(unit: MetricUnit, maxValue: number): AxisScale {
  const max = Math.abs(maxValue);
  switch (unit) {
    case "Milliseconds":
      if (max >= 2 * 86_400_000) return { divisor: 86_400_000, suffix: "d" };
      if (max >= 2 * 3600_000) return { divisor: 3600_000, suffix: "h" };
      if (max >= 2 * 60_000) return { divisor: 60_000, suffix: "min" };
      if (max >= 2000) return { divisor: 1000, suffix: "s" };
      return { divisor: 1, suffix: "ms" };
    case "Bytes":
      if (max >= 10 * GiB) return { divisor: GiB, suffix: "GiB" };
      if (max >= 1024 * 10) return { divisor: MiB, suffix: "MiB" };
      return { divisor: 1024, suffix: "KiB" };
    case "Percent":
      return { divisor: 1, suffix: "%" };
    case "Count":
      return { divisor: 1, suffix: "count" };
  }
}

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });
const exact = new Intl.NumberFormat("en-US", { maximumFractionDigits: 3 });

/** An axis tick: at most one decimal, no unit (the axis label carries it). */
export function formatTick(value: number, scale: AxisScale): string {
  const v = value / scale.divisor;
  return Math.abs(v) >= 100 ? integer.format(v) : oneDecimal.format(v);
}

/** The exact value for a tooltip, with a readable equivalent when the raw unit is awkward. */
export function formatExact(unit: MetricUnit, value: number): string {
  switch (unit) {
    case "Milliseconds": {
      const scale = axisScale(unit, value);
      return scale.divisor === 1 ? `${exact.format(value)} ms` : `${exact.format(value)} ms (${oneDecimal.format(value / scale.divisor)} ${scale.suffix})`;
    }
    case "Bytes": {
      const scale = axisScale(unit, value);
      return `${exact.format(value)} bytes (${oneDecimal.format(value / scale.divisor)} ${scale.suffix})`;
    }
    case "Percent":
      return `${exact.format(value)} %`;
    case "Count":
      return exact.format(value);
  }
}

/** Tick format for a time axis spanning `spanMs`: seconds for short windows, the day for long ones. */
export function timeTickOptions(spanMs: number): Intl.DateTimeFormatOptions {
  if (spanMs <= 15 * 60_000) return { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false };
  if (spanMs <= 36 * 3600_000) return { hour: "2-digit", minute: "2-digit", hour12: false };
  return { weekday: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hour12: false };
}

export interface Mark {
  t: number;
  label: string;
  /** drawn instead of the label when it fits nowhere; defaults to the mark's 1-based position */
  short?: string;
}

export interface Placement {
  /** 0 = top row; labels that fit nowhere fall back to their short form on row 0 */
  row: number;
  anchor: "start" | "end";
  /** the text drawn: the label, or its short form when it did not fit */
  text: string;
}

export interface LabelLayout {
  plotWidthPx?: number;
  charPx?: number;
  maxRows?: number;
}

/**
 * Greedy rows: each label takes its text width to the right of its line (to the left in the right third of
 * the chart); a label goes on the first row where it overlaps nothing, else it is shown as its number.
 */
export function layoutMarks<M extends Mark>(marks: readonly M[], domain: readonly [number, number], layout: LabelLayout = {}): (M & Placement)[] {
  const { plotWidthPx = 460, charPx = 5.6, maxRows = 3 } = layout;
  const span = Math.max(1, domain[1] - domain[0]);
  const rows: [number, number][][] = Array.from({ length: maxRows }, () => []);
  const indexed = marks.map((m, i) => ({ m, n: i + 1 })).sort((a, b) => a.m.t - b.m.t);
  return indexed.map(({ m, n }) => {
    const x = ((m.t - domain[0]) / span) * plotWidthPx;
    const anchor = x > plotWidthPx * 0.66 ? "end" : "start";
    const width = m.label.length * charPx + 6;
    const interval: [number, number] = anchor === "start" ? [x, x + width] : [x - width, x];
    const row = rows.findIndex((taken) => taken.every(([a, b]) => interval[1] <= a || interval[0] >= b));
    if (row >= 0) {
      rows[row]!.push(interval);
      return { ...m, row, anchor, text: m.label };
    }
    return { ...m, row: 0, anchor, text: m.short ?? String(n) };
  });
}

/** Median of the values in the hour before `before`: the pre-upgrade level a chart compares against. */
export function medianBefore(points: readonly { t: number; v: number }[], before: number, lookbackMs = 3600_000): number | null {
  const values = points.filter((p) => p.t < before && p.t >= before - lookbackMs).map((p) => p.v).sort((a, b) => a - b);
  if (values.length === 0) return null;
  const mid = Math.floor(values.length / 2);
  return values.length % 2 === 1 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
}
