export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading" className="animate-pulse space-y-3">
      <div className="h-6 w-40 rounded bg-slate-200" />
      <div className="h-20 rounded bg-slate-200" />
      {Array.from({ length: 8 }, (_, i) => (
        <div key={i} className="h-8 rounded bg-slate-100" />
      ))}
    </div>
  );
}
