export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading upgrade history" className="animate-pulse space-y-4">
      <div className="h-7 w-56 rounded bg-slate-200" />
      <div className="h-9 rounded bg-slate-100" />
      <div className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="h-20 rounded bg-slate-100" />
        ))}
      </div>
      {Array.from({ length: 8 }, (_, i) => (
        <div key={i} className="h-8 rounded bg-slate-100" />
      ))}
    </div>
  );
}
