export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading application" className="animate-pulse space-y-4">
      <div className="h-7 w-72 rounded bg-slate-200" />
      <div className="h-40 rounded bg-slate-100" />
      <div className="grid gap-6 lg:grid-cols-2">
        <div className="h-48 rounded bg-slate-100" />
        <div className="h-48 rounded bg-slate-100" />
      </div>
    </div>
  );
}
