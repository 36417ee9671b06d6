import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ChartProblem, ChartSeries } from "@/lib/metrics/chart-types";
import { MetricCharts } from "./metric-charts";

const refused: ChartProblem = {
  kind: "forbidden",
  message:
    "CloudWatch refused GetMetricData for fullRestarts of orders in us-east-1: " +
    "check cloudwatch:GetMetricData permission / cross-account access",
};

function series(problem: ChartProblem | null): ChartSeries {
  return { signal: "restarts", label: "Restarts", unit: "Count", points: [], nameChanges: [], note: null, problem };
}

const range = { start: "2026-11-28T10:00:00.000Z", end: "2026-11-28T12:00:00.000Z" };
const render = (props: Partial<Parameters<typeof MetricCharts>[0]>) =>
  renderToStaticMarkup(createElement(MetricCharts, { series: [series(null)], period: 60, range, ...props }));

describe("MetricCharts", () => {
  it("shows a refused read as a permission error, not as an empty chart", () => {
    const html = render({ series: [series(refused)], problems: [refused] });
    expect(html).toContain('data-testid="charts-permission-error"');
    expect(html).toContain('data-testid="chart-error"');
    expect(html).toContain("check cloudwatch:GetMetricData permission / cross-account access");
    expect(html).not.toContain('data-testid="chart-empty"');
    expect(html).not.toContain("No datapoints");
  });

  it("keeps the empty state for a series CloudWatch answered without data", () => {
    const html = render({});
    expect(html).toContain('data-testid="chart-empty"');
    expect(html).not.toContain('data-testid="chart-error"');
  });

  it("says why the points are coarser than asked, with the period in readable units", () => {
    const reason = "CloudWatch keeps 1-minute data for 15 days; showing 5-minute points";
    const html = render({ period: 300, coarserReason: reason });
    expect(html).toContain(reason);
    expect(html).toContain("one point per 5 min");
    expect(render({ period: 3600 })).toContain("one point per 1 h");
    expect(render({ period: 3600 })).not.toContain('data-testid="chart-period-reason"');
  });
});
