// How a metric chart reads: axis units a person can take in (s, min, MiB), exact tooltip values, time ticks that
// fit the window, and event labels that do not sit on top of each other. Pure, so it is tested without a browser.
import type { MetricUnit } from "./catalog";
import { formatLocalTime, formatNumber } from "@/lib/format";

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

const integer = { format: (v: number) => formatNumber(v, 0) };
const oneDecimal = { format: (v: number) => formatNumber(v, 1) };
const exact = { format: (v: number) => formatNumber(v, 3) };

/**
 * A y axis from 0 with round steps (1, 2, 2.5, 5 × 10^k; whole steps for counts) in the axis unit, so the
 * ticks read 0, 0.5, 1, 1.5 rather than 0, 0.55, 1.1.
 */
export function niceAxis(maxScaled: number, integer: boolean, tickCount = 4): { max: number; ticks: number[] } {
  const max = maxScaled > 0 ? maxScaled : integer ? tickCount : 1;
  const raw = max / tickCount;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  let step = ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
  if (integer) step = Math.max(1, Math.ceil(step));
  const top = Math.ceil(max / step - 1e-9) * step;
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => Number((i * step).toPrecision(12)));
  return { max: ticks[ticks.length - 1]!, ticks };
}

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
      return scale.divisor === 1
        ? `${exact.format(value)} ms`
        : `${exact.format(value)} ms (${oneDecimal.format(value / scale.divisor)} ${scale.suffix})`;
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

const tickSteps = [1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400].map(
  (s) => s * 1000,
);

/**
 * Round tick times for a time axis: the smallest step from 1 s to 1 day that gives at most `maxTicks`, aligned on
 * the local clock (12:00, 12:30; whole days start at local midnight).
 */
export function timeTicks(domain: readonly [number, number], maxTicks = 7): { ticks: number[]; stepMs: number } {
  const span = Math.max(1, domain[1] - domain[0]);
  const stepMs =
    tickSteps.find((step) => span / step <= maxTicks) ?? Math.ceil(span / maxTicks / 86_400_000) * 86_400_000;
  const first = new Date(domain[0]);
  if (stepMs >= 86_400_000) first.setHours(0, 0, 0, 0);
  else first.setMinutes(0, 0, 0);
  const ticks: number[] = [];
  // Step on the local clock for hours and days, so a DST change does not shift later ticks off the hour.
  for (let t = first.getTime(); t <= domain[1];) {
    if (t >= domain[0] && (stepMs < 3600_000 || isAligned(t, stepMs))) ticks.push(t);
    const next = new Date(t);
    if (stepMs >= 86_400_000) next.setDate(next.getDate() + stepMs / 86_400_000);
    else if (stepMs >= 3600_000) next.setHours(next.getHours() + 1);
    else next.setTime(t + stepMs);
    t = next.getTime();
  }
  return { ticks, stepMs };
}

function isAligned(t: number, stepMs: number): boolean {
  const d = new Date(t);
  return stepMs >= 86_400_000 || d.getHours() % (stepMs / 3600_000) === 0;
}

const weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * Tick labels for ticks `stepMs` apart on an axis spanning `spanMs`, in the reader's zone: seconds when short
 * ("14:05:30"), the day when long ("Sun 6 Dec", "Sun 14:00"). Not Intl.DateTimeFormat, whose first use costs
 * 35-130 ms (ICU's date data) inside a chart's first draw.
 */
export function timeTickFormat(spanMs: number, stepMs = spanMs / 6): (t: number) => string {
  if (stepMs >= 86_400_000) return (t) => dayOf(new Date(t));
  if (spanMs > 36 * 3600_000)
    return (t) => `${weekdays[new Date(t).getDay()]} ${formatLocalTime(new Date(t), "time").slice(0, 5)}`;
  if (stepMs < 60_000) return (t) => formatLocalTime(new Date(t), "time");
  return (t) => formatLocalTime(new Date(t), "time").slice(0, 5);
}

function dayOf(d: Date): string {
  return `${weekdays[d.getDay()]} ${d.getDate()} ${months[d.getMonth()]}`;
}

export interface Mark {
  t: number;
  label: string;
  /** drawn instead of the label when it fits nowhere; defaults to the mark's 1-based position */
  short?: string;
  /** only marks of the same group share a line */
  group?: string;
}

export interface Placement {
  /** 0 = top row; labels use rows 0 … maxRows − 1, short forms may also use row maxRows */
  row: number;
  anchor: "start" | "end";
  /** the text drawn: the label(s), else the short form(s), else "" (the legend still lists it) */
  text: string;
  /** the marks drawn as this one line (marks closer than a few pixels share it) */
  members: number;
}

export interface LabelLayout {
  plotWidthPx?: number;
  charPx?: number;
  maxRows?: number;
  /** marks closer than this share one line and one label */
  mergePx?: number;
}

/**
 * Marks a few pixels apart become one line with their labels joined; then greedy rows: each label takes its
 * text width to the right of its line (to the left in the right third of the chart) on the first row where it
 * overlaps nothing, else its short form does, else the line goes unlabelled (the legend lists every event).
 */
export function layoutMarks<M extends Mark>(
  marks: readonly M[],
  domain: readonly [number, number],
  layout: LabelLayout = {},
): (M & Placement)[] {
  const { plotWidthPx = 460, charPx = 5.6, maxRows = 3, mergePx = 4 } = layout;
  const span = Math.max(1, domain[1] - domain[0]);
  const xOf = (t: number) => ((t - domain[0]) / span) * plotWidthPx;
  const sorted = marks.map((m, i) => ({ m, short: m.short ?? String(i + 1) })).sort((a, b) => a.m.t - b.m.t);
  const clusters: { first: M; labels: string[]; shorts: string[]; x: number }[] = [];
  for (const { m, short } of sorted) {
    const last = clusters.findLast((c) => c.first.group === m.group);
    if (last && xOf(m.t) - last.x <= mergePx) {
      last.labels.push(m.label);
      if (short) last.shorts.push(short);
    } else {
      clusters.push({ first: m, labels: [m.label], shorts: short ? [short] : [], x: xOf(m.t) });
    }
  }
  // One more row than labels may use, kept for short forms, so a crowded spot still gets its numbers.
  const rows: [number, number][][] = Array.from({ length: maxRows + 1 }, () => []);
  const place = (x: number, text: string, anchor: "start" | "end", rowCount: number): number => {
    const width = text.length * charPx + 6;
    const interval: [number, number] = anchor === "start" ? [x, x + width] : [x - width, x];
    const row = rows
      .slice(0, rowCount)
      .findIndex((taken) => taken.every(([a, b]) => interval[1] <= a || interval[0] >= b));
    if (row >= 0) rows[row]!.push(interval);
    return row;
  };
  // Text grows to the right of its line unless it would leave the chart (or the line is in the right third).
  const anchorFor = (x: number, text: string): Placement["anchor"] =>
    x > plotWidthPx * 0.66 || x + text.length * charPx + 6 > plotWidthPx ? "end" : "start";
  return clusters.map(({ first, labels, shorts, x }) => {
    const base = { ...first, members: labels.length };
    const label = labels.join(" · ");
    const full = place(x, label, anchorFor(x, label), maxRows);
    if (full >= 0) return { ...base, row: full, anchor: anchorFor(x, label), text: label };
    const short = shorts.join(",");
    const brief = short ? place(x, short, anchorFor(x, short), maxRows + 1) : -1;
    return brief >= 0
      ? { ...base, row: brief, anchor: anchorFor(x, short), text: short }
      : { ...base, row: 0, anchor: anchorFor(x, ""), text: "" };
  });
}

/**
 * The time axis around the upgrade: the window with as much context on each side as the window is long
 * (at least a few datapoints), clipped to the range. Null when the window is already most of the range.
 */
export function zoomDomain(
  range: readonly [number, number],
  window: { from: number; to: number | null } | null,
  periodS: number,
): [number, number] | null {
  if (!window) return null;
  const to = window.to ?? range[1];
  const pad = Math.max(to - window.from, 4 * periodS * 1000);
  const zoomed: [number, number] = [Math.max(range[0], window.from - pad), Math.min(range[1], to + pad)];
  return zoomed[1] - zoomed[0] < 0.6 * (range[1] - range[0]) ? zoomed : null;
}

/** Median of the values in the hour before `before`: the pre-upgrade level a chart compares against. */
export function medianBefore(
  points: readonly { t: number; v: number }[],
  before: number,
  lookbackMs = 3600_000,
): number | null {
  const values = points
    .filter((p) => p.t < before && p.t >= before - lookbackMs)
    .map((p) => p.v)
    .sort((a, b) => a - b);
  if (values.length === 0) return null;
  const mid = Math.floor(values.length / 2);
  return values.length % 2 === 1 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
}

/** Width of an 11 px sans-serif label, estimated: the charts do not measure text in the browser (a forced layout each). */
export function estimateLabelPx(label: string, fontPx = 11): number {
  return Math.ceil(label.length * fontPx * 0.6);
}

/**
 * Which ticks to label when neighbours sit `spacingPx` apart: every `stride`-th from the first, the smallest stride
 * whose labels (the widest, plus a gap) do not touch.
 */
export function tickStride(labels: readonly string[], spacingPx: number, gapPx = 12): number {
  if (labels.length < 2 || !(spacingPx > 0)) return 1;
  const widest = Math.max(...labels.map((label) => estimateLabelPx(label)));
  return Math.max(1, Math.ceil((widest + gapPx) / spacingPx));
}

/** Where `values` fall, in px, on an axis mapping `domain` onto `lengthPx` from `startPx` (reversed: bottom-up). */
export function positionsOn(
  values: readonly number[],
  domain: readonly [number, number],
  startPx: number,
  lengthPx: number,
  reversed = false,
): number[] {
  const span = domain[1] - domain[0];
  if (!(span > 0)) return [];
  return values
    .filter((v) => v >= domain[0] && v <= domain[1])
    .map((v) => {
      const share = (v - domain[0]) / span;
      return startPx + lengthPx * (reversed ? 1 - share : share);
    });
}
