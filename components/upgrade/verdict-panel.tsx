import type { RunView } from "@/lib/upgrades/queries";
import { LocalTime } from "@/components/ui/local-time";

const verdictSource: Record<string, string> = {
  "job view": "job view (Flink REST)",
  logs: "job's log (CloudWatch Logs)",
  CloudWatch: "CloudWatch metrics",
};

const verdictStyle: Record<string, string> = {
  HEALTHY: "bg-emerald-100 text-emerald-900",
  DEGRADED: "bg-amber-100 text-amber-900",
  UNHEALTHY: "bg-red-600 text-white",
  INCONCLUSIVE: "bg-slate-200 text-slate-800",
};
const severityIcon: Record<string, string> = { ok: "✓", degraded: "!", unhealthy: "✕", unknown: "?" };

export function VerdictPanel({ run }: { run: RunView }) {
  if (!run.health) {
    return (
      <p className="text-sm text-slate-600">
        {run.runningAt
          ? "Waiting for the first metrics…"
          : "The health check starts once the application is RUNNING on the new runtime."}
      </p>
    );
  }
  return (
    <div className="text-sm" data-testid="verdict">
      <p className="mb-2">
        <span className={`rounded px-2 py-0.5 font-semibold ${verdictStyle[run.health.verdict] ?? ""}`}>
          {run.health.verdict}
        </span>
        <span className="ml-2 text-xs text-slate-500">
          checked <LocalTime iso={String(run.health.checkedAt)} mode="time" />
        </span>
        {run.health.decidedBy ? (
          <span className="ml-2 text-xs text-slate-600" data-testid="verdict-source">
            detected by the {verdictSource[run.health.decidedBy]}
          </span>
        ) : null}
      </p>
      <ul className="space-y-1">
        {run.health.reasons.map((r, i) => (
          <li key={i} className="grid grid-cols-[1rem_minmax(0,1fr)] [overflow-wrap:anywhere] gap-2">
            <span role="img" aria-label={r.severity}>
              {severityIcon[r.severity]}
            </span>
            <span>
              {r.observation}
              {r.metric ? <span className="text-xs text-slate-500"> ({r.metric})</span> : null}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
