import Link from "@/components/ui/link";
import type { FleetSummary } from "@/lib/fleet/queries";
import { fleetFiltersToQuery } from "@/lib/fleet/filters";
import { formatRuntime } from "@/lib/format";
import { RiskBadge } from "@/components/ui/badge";

const levels = ["blocked", "high", "medium", "low", "unknown"];

export function SummaryStrip({ summary, target }: { summary: FleetSummary; target: string }) {
  const share = summary.total ? Math.round((summary.onTarget / summary.total) * 100) : 0;
  return (
    <section aria-label="Fleet summary" className="mb-4 grid gap-3 md:grid-cols-[1fr_2fr_1.5fr]">
      <div className="rounded border border-slate-200 bg-white p-3">
        <p className="text-xs uppercase tracking-wide text-slate-500">On {formatRuntime(target)}</p>
        <p className="text-2xl font-semibold" data-testid="share-on-target">
          {share}%
        </p>
        <p className="text-xs text-slate-500">
          {summary.onTarget} of {summary.total} applications
        </p>
      </div>
      <div className="rounded border border-slate-200 bg-white p-3">
        <p className="mb-1 text-xs uppercase tracking-wide text-slate-500">Applications per runtime</p>
        <ul className="flex flex-wrap gap-x-3 gap-y-1 text-sm">
          {summary.byRuntime.map((r) => (
            <li key={r.runtime}>
              <Link className="hover:underline" href={`/?${fleetFiltersToQuery({ runtime: [r.runtime] })}`}>
                {formatRuntime(r.runtime)} <span className="font-semibold">{r.count}</span>
              </Link>
            </li>
          ))}
        </ul>
      </div>
      <div className="rounded border border-slate-200 bg-white p-3">
        <p className="mb-1 text-xs uppercase tracking-wide text-slate-500">Upgrade risk to {formatRuntime(target)}</p>
        <ul className="flex flex-wrap gap-2 text-sm" data-testid="risk-counts">
          {levels
            .filter((l) => summary.byRisk[l])
            .map((l) => (
              <li key={l}>
                <Link
                  href={`/?${fleetFiltersToQuery({ risk: [l] })}`}
                  className="inline-flex items-center gap-1 hover:underline"
                >
                  <RiskBadge level={l} /> <span className="font-semibold">{summary.byRisk[l]}</span>
                </Link>
              </li>
            ))}
        </ul>
      </div>
    </section>
  );
}
