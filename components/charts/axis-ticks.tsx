import type { ChartOffsetInternal } from "recharts/types/util/types";
import { positionsOn, tickStride } from "@/lib/metrics/chart-format";

// Recharts draws a tick label with its Text component, which measures the label in a hidden span: a forced layout
// per tick, most of a chart's first draw on a slow phone. These draw plain SVG text, and the time axis leaves out
// labels that would touch by estimating their width instead (with `interval={0}`, recharts measures nothing). The
// grid's lines are placed here too: left to itself, CartesianGrid works out its own ticks, measuring each label.

/** What recharts passes a tick renderer (the parts used here). */
interface TickProps {
  x?: number | string;
  y?: number | string;
  index?: number;
  /** the axis's width in px */
  width?: number | string;
  payload?: { value: number };
}

interface TickStyle {
  fontSize?: number;
  fill?: string;
}

/** A time axis's labels at `ticks` over `domain`: every n-th, so that neighbours never overlap. */
export function timeTick({
  ticks,
  domain,
  format,
  fontSize = 11,
  fill = "var(--chart-axis)",
}: TickStyle & { ticks: readonly number[]; domain: readonly [number, number]; format: (t: number) => string }) {
  return function TimeTick({ x, y, index = 0, width, payload }: TickProps) {
    const span = domain[1] - domain[0];
    const spacing = ticks.length > 1 && span > 0 ? (Number(width) * (ticks[1]! - ticks[0]!)) / span : 0;
    const stride = tickStride(ticks.map(format), spacing);
    if (!payload || index % stride !== 0) return <g />;
    return (
      <text x={x} y={y} dy="0.71em" textAnchor="middle" fontSize={fontSize} fill={fill}>
        {format(payload.value)}
      </text>
    );
  };
}

/** A label at its tick: left of a value axis's ticks ("end"), under a numeric x axis's few ticks ("middle"). */
export function plainTick({
  format,
  anchor,
  fontSize = 11,
  fill = "var(--chart-axis)",
}: TickStyle & { format: (value: number) => string; anchor: "end" | "middle" }) {
  return function PlainTick({ x, y, payload }: TickProps) {
    if (!payload) return <g />;
    return (
      <text
        x={x}
        y={y}
        dy={anchor === "end" ? "0.355em" : "0.71em"}
        textAnchor={anchor}
        fontSize={fontSize}
        fill={fill}
      >
        {format(payload.value)}
      </text>
    );
  };
}

/** CartesianGrid's lines at the axes' own ticks, placed without measuring anything. */
export function gridAt(
  x: { ticks: readonly number[]; domain: readonly [number, number] },
  y: { ticks: readonly number[]; max: number },
) {
  return {
    verticalCoordinatesGenerator: ({ offset }: { offset: ChartOffsetInternal }) =>
      positionsOn(x.ticks, x.domain, offset.left, offset.width),
    horizontalCoordinatesGenerator: ({ offset }: { offset: ChartOffsetInternal }) =>
      positionsOn(y.ticks, [0, y.max], offset.top, offset.height, true),
  };
}
