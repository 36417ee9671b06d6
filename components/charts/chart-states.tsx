import type { ChartProblem } from "@/lib/metrics/chart-types";

/** Placeholders while charts load, and the error a person can act on. */
export function ChartsSkeleton({ count = 4 }: { count?: number }) {
  return (
    <div role="status" aria-busy="true" aria-label="Loading charts" className="grid animate-pulse gap-4 lg:grid-cols-2">
      {Array.from({ length: count }, (_, i) => (
        <ChartPlaceholder key={i} />
      ))}
    </div>
  );
}

/** One chart's room, held until it draws. */
export function ChartPlaceholder() {
  return <div className="h-[250px] rounded border border-slate-200 bg-slate-100" />;
}

export function ChartsError({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div
      role="alert"
      className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
      data-testid="charts-error"
    >
      The metrics could not be read: {message}
      {onRetry ? (
        <button type="button" onClick={onRetry} className="ml-2 text-sky-800 underline">
          Try again
        </button>
      ) : null}
    </div>
  );
}

/**
 * Problems of the reads behind the charts. A refused GetMetricData is a permission problem to fix, shown as an
 * error; a failed or partial query and an unreadable ListMetrics are shown as notes, since other series still draw.
 */
export function ChartProblems({ problems }: { problems: readonly ChartProblem[] }) {
  const unique = (kinds: ChartProblem["kind"][]) => [
    ...new Set(problems.filter((p) => kinds.includes(p.kind)).map((p) => p.message)),
  ];
  const refused = unique(["forbidden"]);
  const others = unique(["failed", "partial", "discovery"]);
  if (refused.length === 0 && others.length === 0) return null;
  return (
    <div className="mb-3 space-y-2">
      {refused.length ? (
        <div
          role="alert"
          className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900"
          data-testid="charts-permission-error"
        >
          <p className="font-medium">CloudWatch refused to return these metrics: this is a permission problem.</p>
          <ul className="mt-1 list-disc pl-5 text-xs">
            {refused.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {others.length ? (
        <ul
          className="list-disc rounded border border-amber-300 bg-amber-50 py-2 pr-3 pl-8 text-xs text-amber-900"
          data-testid="charts-problems"
        >
          {others.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** In place of one chart whose series could not be read: why, not "no datapoints". */
export function SeriesError({ problem }: { problem: ChartProblem }) {
  return (
    <div
      role="alert"
      className={
        "flex h-[200px] flex-col items-center justify-center gap-1 rounded bg-red-50 px-4 text-center text-sm " +
        "text-red-900"
      }
      data-testid="chart-error"
      data-kind={problem.kind}
    >
      <p className="font-medium">
        {problem.kind === "forbidden"
          ? "Permission problem: CloudWatch refused this metric"
          : "CloudWatch failed to read this metric"}
      </p>
      <p className="text-xs">{problem.message}</p>
    </div>
  );
}
