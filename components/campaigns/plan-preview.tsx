import type { PlannedApp } from "@/lib/campaigns/plan";
import type { Preview } from "@/lib/campaigns/verbs";
import { formatRuntime } from "@/lib/format";
import { RiskBadge } from "@/components/ui/badge";
import { formatAbout } from "./format";
import { ScrollBox } from "@/components/ui/scroll-box";

const keySources: Record<PlannedApp["codeKeyFrom"], string> = {
  csv: "from the CSV",
  pattern: "from the pattern",
  current: "current code, already built for the target",
  unchanged: "unchanged (not a major version jump)",
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The plan the preview action computed: waves with their applications, what is skipped and why, the CSV's fate. */
export function PlanPreview({
  preview,
  targetRuntime,
  isStale,
}: {
  preview: Preview;
  targetRuntime: string;
  isStale: boolean;
}) {
  const { plan, csvRejected, csvKept } = preview;
  const total = plan.stages.reduce((n, s) => n + s.apps.length, 0);
  return (
    <section
      aria-labelledby="plan-heading"
      className="space-y-4 rounded border border-slate-200 bg-white p-4"
      data-testid="plan-preview"
    >
      <header className="space-y-1">
        <h2 id="plan-heading" className="text-base font-semibold">
          Plan
        </h2>
        {isStale ? (
          <p className="rounded border border-amber-300 bg-amber-50 px-3 py-1.5 text-sm text-amber-900">
            The form changed since this preview: preview again to see the plan it makes now.
          </p>
        ) : null}
        <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm" data-testid="plan-summary">
          <div>
            <dt className="inline text-slate-600">Applications: </dt>
            <dd className="inline font-semibold">
              {total} in {plural(plan.stages.length, "wave")}
            </dd>
          </div>
          <div>
            <dt className="inline text-slate-600">Estimated duration: </dt>
            <dd className="inline font-semibold" data-testid="plan-duration">
              {formatAbout(plan.estimatedMs)}
            </dd>
          </div>
          <div>
            <dt className="inline text-slate-600">Approvals: </dt>
            <dd className="inline font-semibold" data-testid="plan-approvals">
              {plan.needsApproval
                ? `${plural(plan.needsApproval, "application")} would need one on ${plan.needsApproval === 1 ? "its" : "their"} own: an approver approves the campaign (or releases their wave) once`
                : "none needed"}
            </dd>
          </div>
          <div>
            <dt className="inline text-slate-600">Skipped: </dt>
            <dd className="inline font-semibold">{plan.skipped.length}</dd>
          </div>
        </dl>
      </header>

      {plan.problems.length ? (
        <div
          className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900"
          data-testid="plan-problems"
        >
          <p className="font-medium">The campaign cannot be created as it stands:</p>
          <ul className="list-disc pl-5">
            {plan.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <CsvOutcome rejected={csvRejected} kept={csvKept} />

      {plan.stages.map((stage) => (
        <section
          key={stage.index}
          aria-labelledby={`plan-wave-${stage.index}`}
          className="rounded border border-slate-200"
          data-testid="plan-wave"
          data-wave={stage.name}
        >
          <header className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-200 bg-slate-50 px-3 py-2">
            <h3 id={`plan-wave-${stage.index}`} className="text-sm font-semibold">
              Wave {stage.index + 1} · {stage.name}{" "}
              <span className="font-normal text-slate-600">({plural(stage.apps.length, "application")})</span>
            </h3>
            <p className="text-xs text-slate-600">
              {stage.concurrency} at a time · {plural(stage.allowedFailures, "failure")} allowed · soak{" "}
              {stage.soakMinutes} min · {formatAbout(stage.estimatedMs)}
              {stage.gate ? " · an approver releases the next wave" : ""}
            </p>
          </header>
          {stage.apps.length === 0 ? (
            <p className="px-3 py-2 text-sm text-slate-600">No application falls into this wave.</p>
          ) : (
            <ScrollBox label={`Wave ${stage.name}`}>
              <table className="w-full text-left text-sm">
                <thead className="text-xs text-slate-600">
                  <tr>
                    <th className="px-3 py-1.5 font-medium">Application</th>
                    <th className="px-3 py-1.5 font-medium">Risk</th>
                    <th className="px-3 py-1.5 font-medium">Upgrade</th>
                    <th className="px-3 py-1.5 font-medium">Code key</th>
                    <th className="px-3 py-1.5 font-medium">Approval</th>
                  </tr>
                </thead>
                <tbody>
                  {stage.apps.map((app) => (
                    <tr
                      key={`${app.account}/${app.region}/${app.name}`}
                      className="border-t border-slate-100 align-top"
                      data-testid="plan-app"
                    >
                      <td className="px-3 py-1.5">
                        <span className="font-medium">{app.name}</span>
                        <span className="block text-xs text-slate-500">{app.region}</span>
                      </td>
                      <td className="px-3 py-1.5">
                        <RiskBadge level={app.riskLevel} score={app.riskScore} />
                      </td>
                      <td className="px-3 py-1.5 whitespace-nowrap">
                        {formatRuntime(app.runtime)} → {formatRuntime(targetRuntime)}
                      </td>
                      <td className="px-3 py-1.5">
                        {app.codeKey ? <code className="text-xs break-all">{app.codeKey}</code> : "—"}
                        <span className="block text-xs text-slate-500">{keySources[app.codeKeyFrom]}</span>
                      </td>
                      <td className="px-3 py-1.5">
                        {app.approval.length ? (
                          <span
                            className="inline-flex rounded bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900"
                            title={app.approval.join("; ")}
                          >
                            needs approval
                          </span>
                        ) : (
                          <span className="text-xs text-slate-500">—</span>
                        )}
                        {app.approval.length ? (
                          <span className="block text-xs text-slate-600">{app.approval.join("; ")}</span>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollBox>
          )}
        </section>
      ))}

      {plan.skipped.length ? (
        <section aria-labelledby="plan-skipped" className="rounded border border-slate-200" data-testid="plan-skipped">
          <h3 id="plan-skipped" className="border-b border-slate-200 bg-slate-50 px-3 py-2 text-sm font-semibold">
            Skipped ({plan.skipped.length})
          </h3>
          <ScrollBox label="Skipped applications">
            <table className="w-full text-left text-sm">
              <thead className="text-xs text-slate-600">
                <tr>
                  <th className="px-3 py-1.5 font-medium">Application</th>
                  <th className="px-3 py-1.5 font-medium">Runtime</th>
                  <th className="px-3 py-1.5 font-medium">Why</th>
                </tr>
              </thead>
              <tbody>
                {plan.skipped.map((s) => (
                  <tr
                    key={`${s.account}/${s.region}/${s.name}`}
                    className="border-t border-slate-100 align-top"
                    data-testid="plan-skipped-app"
                  >
                    <td className="px-3 py-1.5">
                      <span className="font-medium">{s.name}</span>
                      <span className="block text-xs text-slate-500">{s.region}</span>
                    </td>
                    <td className="px-3 py-1.5 whitespace-nowrap">{formatRuntime(s.runtime)}</td>
                    <td className="px-3 py-1.5">{s.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
        </section>
      ) : null}
    </section>
  );
}

function CsvOutcome({ rejected, kept }: { rejected: Preview["csvRejected"]; kept: number }) {
  if (kept === 0 && rejected.length === 0) return null;
  return (
    <div className="text-sm" data-testid="plan-csv">
      <p>
        Code-key CSV: <strong>{plural(kept, "line")} kept</strong>
        {rejected.length ? (
          <>
            , <strong className="text-red-700">{rejected.length} rejected</strong> (fix or remove them to create)
          </>
        ) : null}
        .
      </p>
      {rejected.length ? (
        <ul className="mt-1 space-y-0.5 text-xs" aria-label="Rejected CSV lines">
          {rejected.map((r) => (
            <li key={r.line}>
              <span className="font-semibold">line {r.line}</span>: {r.reason}{" "}
              <code className="text-slate-500">{r.text}</code>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
