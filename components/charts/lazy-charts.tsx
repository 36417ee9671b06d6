"use client";

import dynamic from "next/dynamic";
import type { ComponentProps } from "react";
import { WhenVisible } from "@/components/lazy/when-visible";
import { ChartsSkeleton } from "./chart-states";

// Every component that draws with recharts (about 110 KiB gzipped) is loaded through here, once it is about to be
// seen, so no page ships recharts in its first load (`npm run budgets` holds them to it). Each placeholder takes
// the room of what replaces it, so the layout does not jump.
type Loader<P> = () => Promise<React.ComponentType<P>>;

// Loaded once the chart's top is 96 px inside the viewport: a chart that only peeks above a phone's fold (the
// campaign page's first chart sits 40 px into it) is not paid for (recharts: ~220 ms to evaluate at 4x) until the
// person scrolls to it.
const inView = "0px 0px -96px 0px";

function lazyChart<P extends object>(load: Loader<P>, placeholder: () => React.ReactNode, className?: string) {
  const Chart = dynamic(load, { ssr: false, loading: placeholder });
  return function LazyChart(props: P) {
    return (
      <WhenVisible fallback={placeholder()} className={className} margin={inView}>
        <Chart {...props} />
      </WhenVisible>
    );
  };
}

const plotPlaceholder = () => <div aria-busy="true" className="h-full animate-pulse rounded bg-slate-100" />;

export const MetricCharts = lazyChart<ComponentProps<typeof import("./metric-charts").MetricCharts>>(
  () => import("./metric-charts").then((m) => m.MetricCharts),
  () => <ChartsSkeleton />,
);

export const FleetProgressPlot = lazyChart<ComponentProps<typeof import("./fleet-progress-plot").FleetProgressPlot>>(
  () => import("./fleet-progress-plot").then((m) => m.FleetProgressPlot),
  plotPlaceholder,
  "h-full",
);

export const RuntimeShareChart = lazyChart<
  ComponentProps<typeof import("@/components/campaigns/runtime-share-chart").RuntimeShareChart>
>(
  () => import("@/components/campaigns/runtime-share-chart").then((m) => m.RuntimeShareChart),
  () => <ChartsSkeleton count={1} />,
);

export const MetricMultiples = lazyChart<
  ComponentProps<typeof import("@/components/campaigns/metric-multiples").MetricMultiples>
>(
  () => import("@/components/campaigns/metric-multiples").then((m) => m.MetricMultiples),
  () => <ChartsSkeleton count={2} />,
);
