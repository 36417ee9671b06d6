"use client";

import { useMemo, useState, useSyncExternalStore } from "react";
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from "recharts";
import type { Signal } from "@/lib/metrics/catalog";
import type { ChartEvent, ChartProblem, ChartRange, ChartSeries, ChartWindow } from "@/lib/metrics/chart-types";
import {
  axisScale,
  formatExact,
  formatTick,
  layoutMarks,
  medianBefore,
  niceAxis,
  timeTickFormat,
  timeTicks,
  zoomDomain,
  type Placement,
} from "@/lib/metrics/chart-format";
import { formatPeriod } from "@/lib/metrics/period-format";
import { WhenVisible } from "@/components/lazy/when-visible";
import { gridAt, plainTick, timeTick } from "./axis-ticks";
import { formatLocalTime } from "@/lib/format";
import { ChartPlaceholder, ChartProblems, SeriesError } from "./chart-states";

type MarkInput = { t: number; label: string; short: string; kind: "event" | "nameChange"; group: string };
type ChartMark = MarkInput & Placement;

export interface MetricChartsProps {
  series: ChartSeries[];
  /** seconds per datapoint */
  period: number;
  /** why the points are coarser than the chart asked for (MSF's cadence, CloudWatch's retention) */
  coarserReason?: string | null;
  /** what went wrong reading the metrics; a refused read shows as a permission error */
  problems?: readonly ChartProblem[];
  /** the chart's time axis; derived from the data when absent */
  range?: ChartRange;
  /** shaded: the update call to the verdict */
  window?: ChartWindow | null;
  baseline?: { checkpointDurationMs: number | null } | null;
  events?: ChartEvent[];
  /** more signals (size, CPU, heap), shown on demand; `onShowExtra` lets the parent fetch them first */
  extraSignals?: ChartSeries[] | null;
  onShowExtra?: () => void;
  isLoadingExtra?: boolean;
  /** e.g. "Stored with the run" or "Live from CloudWatch" */
  caption?: string;
  /** offer (and start with) a time axis around the upgrade window; off where the range is the user's choice */
  canZoom?: boolean;
}

const colors = {
  line: "var(--chart-line)",
  window: "#fbbf24",
  event: "var(--chart-axis)",
  nameChange: "#7c3aed",
  baseline: "#059669",
};
/** Signals whose pre-upgrade median means something (a growing uptime counter has no level to compare). */
const baselineSignals = new Set<Signal>([
  "restarts",
  "failedCheckpoints",
  "checkpointDuration",
  "checkpointSize",
  "cpu",
  "heap",
]);

const emptySubscribe = () => () => {};
/** A point's or an event's full time in the reader's zone, for tooltips and the event list. */
const fullTime = (t: number | string) => formatLocalTime(new Date(t));
/** Local times differ between the server and the browser: render them in the browser only. */
function useIsClient(): boolean {
  return useSyncExternalStore(
    emptySubscribe,
    () => true,
    () => false,
  );
}

function domainOf(props: MetricChartsProps): [number, number] {
  if (props.range) return [Date.parse(props.range.start), Date.parse(props.range.end)];
  const times = [
    ...props.series.flatMap((s) => s.points.map((p) => Date.parse(p.t))),
    ...(props.events ?? []).map((e) => Date.parse(e.at)),
    ...(props.window ? [Date.parse(props.window.from)] : []),
  ];
  if (times.length === 0) return [Date.now() - 3600_000, Date.now()];
  return [Math.min(...times), Math.max(...times)];
}

export function MetricCharts(props: MetricChartsProps) {
  const {
    series,
    period,
    coarserReason = null,
    problems = [],
    window,
    baseline,
    events = [],
    extraSignals,
    onShowExtra,
    isLoadingExtra,
    caption,
    canZoom = true,
  } = props;
  const [showExtra, setShowExtra] = useState(false);
  const [isWhole, setIsWhole] = useState(false);
  const isClient = useIsClient();
  const [r0, r1] = domainOf(props);
  const windowFrom = window ? Date.parse(window.from) : null;
  const windowTo = window?.to ? Date.parse(window.to) : null;
  const zoom = useMemo(
    () =>
      canZoom ? zoomDomain([r0, r1], windowFrom === null ? null : { from: windowFrom, to: windowTo }, period) : null,
    [canZoom, r0, r1, windowFrom, windowTo, period],
  );
  const [d0, d1] = zoom && !isWhole ? zoom : [r0, r1];
  const domain = useMemo((): [number, number] => [d0, d1], [d0, d1]);
  const eventMarks = useMemo(
    () =>
      events.map((e, i) => ({
        t: Date.parse(e.at),
        label: e.label,
        short: String(i + 1),
        kind: "event" as const,
        group: "event",
      })),
    [events],
  );
  const xTicks = useMemo(() => timeTicks(domain), [domain]);
  const timeFormat = useMemo(() => timeTickFormat(domain[1] - domain[0], xTicks.stepMs), [domain, xTicks]);

  const shared = { domain, xTicks: xTicks.ticks, period, eventMarks, timeFormat, window, windowFrom };
  const canShowExtra = Boolean(onShowExtra || (extraSignals && extraSignals.length));

  return (
    <section aria-label="Metric charts" data-testid="metric-charts">
      {zoom ? (
        <div
          role="group"
          aria-label="Time axis"
          className="mb-2 inline-flex overflow-hidden rounded border border-slate-300 text-xs"
        >
          <button
            type="button"
            aria-pressed={!isWhole}
            onClick={() => setIsWhole(false)}
            className={`px-2 py-1 ${!isWhole ? "bg-slate-800 text-white" : "bg-white hover:bg-slate-100"}`}
          >
            Around the upgrade
          </button>
          <button
            type="button"
            aria-pressed={isWhole}
            onClick={() => setIsWhole(true)}
            className={`px-2 py-1 ${isWhole ? "bg-slate-800 text-white" : "bg-white hover:bg-slate-100"}`}
          >
            Whole window (baseline hour included)
          </button>
        </div>
      ) : null}
      <ChartKey
        window={window}
        events={events}
        hasBaseline={windowFrom !== null || baseline?.checkpointDurationMs != null}
        caption={caption}
        period={period}
        coarserReason={coarserReason}
        isClient={isClient}
      />
      <ChartProblems problems={problems} />
      <div className="grid gap-4 lg:grid-cols-2">
        {series.map((s) => (
          <DrawWhenVisible key={s.signal} series={s}>
            <SignalChart
              series={s}
              baseline={s.signal === "checkpointDuration" ? (baseline?.checkpointDurationMs ?? null) : null}
              {...shared}
            />
          </DrawWhenVisible>
        ))}
      </div>
      {series.length === 0 ? (
        <p className="rounded border border-dashed border-slate-300 p-4 text-sm text-slate-600">
          No signal can be charted for this runtime.
        </p>
      ) : null}
      {canShowExtra ? (
        <div className="mt-4">
          {showExtra ? (
            extraSignals && extraSignals.length ? (
              <div className="grid gap-4 lg:grid-cols-2">
                {extraSignals.map((s) => (
                  <DrawWhenVisible key={s.signal} series={s}>
                    <SignalChart series={s} baseline={null} {...shared} />
                  </DrawWhenVisible>
                ))}
              </div>
            ) : (
              <p className="text-sm text-slate-600" aria-busy={isLoadingExtra}>
                {isLoadingExtra
                  ? "Loading checkpoint size, CPU and heap…"
                  : "No further signals are available for this window."}
              </p>
            )
          ) : (
            <button
              type="button"
              className="rounded border border-slate-300 bg-white px-3 py-1 text-sm text-sky-800 hover:bg-slate-50"
              onClick={() => {
                onShowExtra?.();
                setShowExtra(true);
              }}
            >
              Show checkpoint size, CPU and heap
            </button>
          )}
        </div>
      ) : null}
    </section>
  );
}

/**
 * A chart with points draws when it comes into view (on a phone the third and fourth wait for the scroll); an empty
 * or refused series says so at once, since it costs nothing to draw.
 */
function DrawWhenVisible({ series, children }: { series: ChartSeries; children: React.ReactNode }) {
  if (series.points.length === 0) return children;
  // A small margin: each chart draws as it scrolls in, not its neighbour below the fold as well.
  return (
    <WhenVisible fallback={<ChartPlaceholder />} margin="50px">
      {children}
    </WhenVisible>
  );
}

function ChartKey({
  window,
  events,
  hasBaseline,
  caption,
  period,
  coarserReason,
  isClient,
}: {
  window: ChartWindow | null | undefined;
  events: ChartEvent[];
  hasBaseline: boolean;
  caption?: string;
  period: number;
  coarserReason: string | null;
  isClient: boolean;
}) {
  return (
    <div className="mb-3 space-y-1 text-xs text-slate-600">
      <p className="flex flex-wrap items-center gap-x-4 gap-y-1">
        {caption ? (
          <span data-testid="charts-source" className="font-medium text-slate-700">
            {caption}
          </span>
        ) : null}
        <span data-testid="chart-period" data-period={period}>
          one point per {formatPeriod(period)}
        </span>
        {window ? (
          <span className="inline-flex items-center gap-1" data-testid="upgrade-window">
            <span
              aria-hidden
              className="inline-block h-3 w-4 rounded-sm"
              style={{ background: colors.window, opacity: 0.35 }}
            />
            upgrade window: update call → {window.to ? "verdict" : "now (no verdict yet)"}
          </span>
        ) : null}
        {hasBaseline ? (
          <span className="inline-flex items-center gap-1">
            <span
              aria-hidden
              className="inline-block w-4 border-t-2 border-dashed"
              style={{ borderColor: colors.baseline }}
            />
            baseline: median of the hour before the update
          </span>
        ) : null}
      </p>
      {coarserReason ? (
        <p data-testid="chart-period-reason" className="text-slate-600">
          {coarserReason}
        </p>
      ) : null}
      {events.length ? (
        <ol className="flex flex-wrap gap-x-4 gap-y-1" aria-label="Events" data-testid="chart-events">
          {events.map((e, i) => (
            <li key={`${e.at}-${e.label}`} className="inline-flex items-center gap-1">
              <span className="rounded bg-slate-200 px-1 font-mono text-[10px] text-slate-700">{i + 1}</span>
              {e.label}
              <time dateTime={e.at} className="text-slate-500">
                {isClient ? fullTime(e.at) : ""}
              </time>
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}

interface SignalChartProps {
  series: ChartSeries;
  baseline: number | null;
  domain: [number, number];
  xTicks: number[];
  period: number;
  eventMarks: MarkInput[];
  timeFormat: (t: number) => string;
  window: ChartWindow | null | undefined;
  windowFrom: number | null;
}

interface Datum {
  t: number;
  /** value in the axis unit */
  y: number;
  /** raw value */
  v: number;
  metric: string;
}

function SignalChart({
  series,
  baseline,
  domain,
  xTicks,
  eventMarks,
  timeFormat,
  window,
  windowFrom,
}: SignalChartProps) {
  const data: Datum[] = useMemo(() => {
    const raw = series.points.map((p) => ({ t: Date.parse(p.t), v: p.v, metric: p.metric }));
    const max = Math.max(0, ...raw.map((p) => p.v), baseline ?? 0);
    const scale = axisScale(series.unit, max);
    return raw.map((p) => ({ ...p, y: p.v / scale.divisor }));
  }, [series, baseline]);
  const max = Math.max(0, ...data.map((p) => p.v), baseline ?? 0);
  const scale = axisScale(series.unit, max);
  const computedBaseline =
    baseline ?? (windowFrom !== null && baselineSignals.has(series.signal) ? medianBefore(data, windowFrom) : null);
  const marks: ChartMark[] = useMemo(() => {
    const nameMarks = series.nameChanges.map((c): MarkInput => ({
      t: Date.parse(c.at),
      label: `${c.from} → ${c.to}`,
      short: "",
      kind: "nameChange",
      group: "nameChange",
    }));
    const inDomain = [...eventMarks, ...nameMarks].filter((m) => m.t >= domain[0] && m.t <= domain[1]);
    return layoutMarks(inDomain, domain);
  }, [eventMarks, series.nameChanges, domain]);
  const metrics = [...new Set(series.points.map((p) => p.metric))];
  const windowTo = window ? (window.to ? Date.parse(window.to) : domain[1]) : null;
  const yLabel = series.unit === "Count" ? "count" : scale.suffix;
  const yAxis = niceAxis(max / scale.divisor, series.unit === "Count");

  return (
    <figure
      className="rounded border border-slate-200 bg-white p-3"
      data-testid="metric-chart"
      data-signal={series.signal}
      data-points={series.points.length}
      data-problem={series.problem?.kind}
    >
      <figcaption className="mb-1 flex flex-wrap items-baseline justify-between gap-2">
        <span className="text-sm font-semibold">{series.label}</span>
        <span className="text-xs text-slate-500">
          {metrics.length
            ? `${metrics.join(", then ")} · ${yLabel}`
            : series.problem && series.problem.kind !== "partial"
              ? "not read"
              : "no data"}
        </span>
      </figcaption>
      {data.length === 0 && series.problem && series.problem.kind !== "partial" ? (
        <SeriesError problem={series.problem} />
      ) : data.length === 0 ? (
        <div
          className="flex h-[200px] flex-col items-center justify-center gap-1 rounded bg-slate-50 px-4 text-center text-sm text-slate-600"
          data-testid="chart-empty"
        >
          <p className="font-medium">No datapoints in this window</p>
          <p className="text-xs">
            CloudWatch returned nothing: the application may be stopped, or not publishing this metric yet.
          </p>
          {series.note ? (
            <p className="text-xs" data-testid="chart-note">
              {series.note}
            </p>
          ) : null}
        </div>
      ) : (
        <div className="h-[200px]">
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={data} margin={{ top: 50, right: 12, bottom: 0, left: 0 }}>
              <CartesianGrid
                stroke="var(--chart-grid)"
                strokeDasharray="3 3"
                {...gridAt({ ticks: xTicks, domain }, yAxis)}
              />
              <XAxis
                dataKey="t"
                type="number"
                scale="time"
                domain={domain}
                ticks={xTicks}
                interval={0}
                allowDataOverflow
                tick={timeTick({ ticks: xTicks, domain, format: timeFormat })}
              />
              <YAxis
                width={56}
                domain={[0, yAxis.max]}
                ticks={yAxis.ticks}
                interval={0}
                tick={plainTick({ anchor: "end", format: (y) => formatTick(y * scale.divisor, scale) })}
                label={{
                  value: yLabel,
                  angle: -90,
                  position: "insideLeft",
                  offset: 12,
                  style: { fontSize: 11, fill: "var(--chart-label)", textAnchor: "middle" },
                }}
              />
              <Tooltip
                content={(p: TooltipContentProps) => <ChartTooltip {...p} unit={series.unit} />}
                isAnimationActive={false}
              />
              {windowFrom !== null && windowTo !== null ? (
                <ReferenceArea
                  x1={Math.max(windowFrom, domain[0])}
                  x2={Math.min(windowTo, domain[1])}
                  fill={colors.window}
                  fillOpacity={0.25}
                  strokeOpacity={0}
                  ifOverflow="hidden"
                  className="upgrade-window"
                />
              ) : null}
              {computedBaseline !== null ? (
                <ReferenceLine
                  y={computedBaseline / scale.divisor}
                  stroke={colors.baseline}
                  strokeDasharray="6 3"
                  label={{
                    value: "baseline",
                    position: "insideBottomLeft",
                    style: { fontSize: 10, fill: colors.baseline },
                  }}
                />
              ) : null}
              {marks.map((m) => {
                const isNameChange = m.kind === "nameChange";
                const color = isNameChange ? colors.nameChange : colors.event;
                return (
                  <ReferenceLine
                    key={`${m.t}-${m.label}`}
                    x={m.t}
                    stroke={color}
                    strokeDasharray={isNameChange ? "2 2" : "4 3"}
                    ifOverflow="hidden"
                    label={(p: { viewBox?: { x?: number; y?: number } }) => (
                      <MarkLabel viewBox={p.viewBox} mark={m} color={color} />
                    )}
                  />
                );
              })}
              <Line
                dataKey="y"
                type="linear"
                stroke={colors.line}
                strokeWidth={1.5}
                dot={data.length <= 30 ? { r: 2 } : false}
                activeDot={{ r: 3 }}
                isAnimationActive={false}
                connectNulls
              />
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
      {data.length > 0 && series.problem ? (
        <p className="mt-1 text-xs text-amber-800" data-testid="chart-problem">
          {series.problem.message}
        </p>
      ) : null}
      {data.length > 0 && series.note ? <p className="mt-1 text-xs text-slate-500">{series.note}</p> : null}
    </figure>
  );
}

function MarkLabel({ viewBox, mark, color }: { viewBox?: { x?: number; y?: number }; mark: ChartMark; color: string }) {
  if (viewBox?.x === undefined || viewBox.y === undefined) return <g />;
  const x = viewBox.x + (mark.anchor === "start" ? 3 : -3);
  const y = viewBox.y - 38 + mark.row * 11;
  return (
    <text x={x} y={y} textAnchor={mark.anchor} fontSize={10} fill={color} className="chart-mark-label">
      {mark.text}
    </text>
  );
}

function ChartTooltip({ active, payload, unit }: TooltipContentProps & { unit: ChartSeries["unit"] }) {
  const datum = payload?.[0]?.payload as Datum | undefined;
  if (!active || !datum) return null;
  return (
    <div className="rounded border border-slate-200 bg-white px-2 py-1 text-xs shadow">
      <p className="text-slate-500">{fullTime(datum.t)}</p>
      <p>
        <span className="font-semibold">{formatExact(unit, datum.v)}</span>{" "}
        <span className="text-slate-500">{datum.metric}</span>
      </p>
    </div>
  );
}
