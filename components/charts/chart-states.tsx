/** Placeholders while charts load, and the error a person can act on. */
export function ChartsSkeleton({ count = 4 }: { count?: number }) {
  return (
    <div aria-busy="true" aria-label="Loading charts" className="grid animate-pulse gap-4 lg:grid-cols-2">
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className="h-[250px] rounded border border-slate-200 bg-slate-100" />
      ))}
    </div>
  );
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
