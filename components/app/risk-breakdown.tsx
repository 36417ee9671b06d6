import type { RiskAssessment } from "@/lib/risk";
import { RiskBadge } from "@/components/ui/badge";
import { formatRuntime } from "@/lib/format";

export function RiskBreakdown({ risk }: { risk: RiskAssessment | null }) {
  if (!risk)
    return (
      <p className="text-sm text-slate-600">
        The risk could not be assessed: the last sync could not describe this application.
      </p>
    );
  return (
    <div>
      <p className="mb-3 flex items-center gap-2 text-sm">
        <RiskBadge level={risk.level} score={risk.score} />
        <span data-testid="risk-summary">{risk.summary}</span>
      </p>
      {risk.factors.length === 0 ? (
        <p className="text-sm text-slate-600">
          Nothing found that makes an upgrade to {formatRuntime(risk.target)} risky.
        </p>
      ) : (
        <ol className="space-y-3" aria-label="Risk factors">
          {risk.factors.map((f) => (
            <li
              key={f.id}
              className="rounded border border-slate-200 bg-white p-3 text-sm"
              data-testid="risk-factor"
              data-factor={f.id}
            >
              <div className="mb-1 flex items-center gap-2">
                <span className="font-semibold">{f.title}</span>
                {f.blocking ? (
                  <span className="rounded bg-red-600 px-1.5 text-xs font-semibold text-white">blocks the upgrade</span>
                ) : (
                  <span className="text-xs text-slate-500">+{f.weight}</span>
                )}
              </div>
              <dl className="grid grid-cols-[7rem_minmax(0,1fr)] [overflow-wrap:anywhere] gap-x-3 gap-y-1">
                <dt className="text-slate-500">Seen</dt>
                <dd className="font-mono text-xs">{f.evidence}</dd>
                <dt className="text-slate-500">Why it matters</dt>
                <dd>{f.why}</dd>
                <dt className="text-slate-500">What to do</dt>
                <dd>
                  {f.remediation}{" "}
                  <a href={f.docUrl} target="_blank" rel="noreferrer" className="text-sky-700 hover:underline">
                    AWS docs ↗
                  </a>
                </dd>
              </dl>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
