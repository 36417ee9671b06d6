import { Suspense } from "react";
import { describeAwsError } from "@/lib/aws/errors";
import { checkAlarmsWithReplacements } from "@/lib/metrics/alarm-fix";
import { formatRuntime } from "@/lib/format";
import { ReplaceAlarms } from "./replace-alarms";
import type { AppKey } from "@/lib/aws/accounts";
import { ScrollBox } from "@/components/ui/scroll-box";
import { ReadingPlaceholder } from "@/components/ui/reading-placeholder";

interface AlarmCheckProps {
  app: AppKey;
  /** who the dashboard reads for: the assumed role's session name */
  actingFor: string;
  runtime: string;
  target: string;
  /** The viewer may create replacement alarms (upgrade.start, in scope): shows "Create replacement alarms…". */
  mayFix?: boolean;
}

/**
 * The CloudWatch alarms on this application's metrics that stop working on the target runtime, with what to
 * alarm on instead. Reads DescribeAlarms live, so it streams in after the rest of the page.
 */
export function AlarmCheck(props: AlarmCheckProps) {
  return (
    <Suspense
      fallback={
        <ReadingPlaceholder height="h-16" testId="alarms-loading">
          Reading CloudWatch alarms…
        </ReadingPlaceholder>
      }
    >
      <AlarmCheckResults {...props} />
    </Suspense>
  );
}

async function AlarmCheckResults({ app, actingFor, runtime, target, mayFix = false }: AlarmCheckProps) {
  const { region, name } = app;
  let result: Awaited<ReturnType<typeof checkAlarmsWithReplacements>>;
  try {
    result = await checkAlarmsWithReplacements({ ...app, actingFor }, name, runtime, target);
  } catch (error) {
    return (
      <p role="alert" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
        The alarms could not be read: {describeAwsError(error).message}
      </p>
    );
  }
  const { findings, checked, replacements } = result;
  if (findings.length === 0) {
    return (
      <p className="text-sm text-slate-600" data-testid="alarm-check-clear">
        {checked === 0
          ? `No CloudWatch alarm watches ${name}'s metrics in ${region}.`
          : `None of the ${checked} alarm${checked === 1 ? "" : "s"} on ${name} uses a metric that ${formatRuntime(target)} removes or deprecates.`}
      </p>
    );
  }
  return (
    <div data-testid="alarm-check">
      <p className="mb-2 text-sm text-slate-600">
        {findings.length} of the {checked} alarm{checked === 1 ? "" : "s"} on {name} watch
        {findings.length === 1 ? "es" : ""} a metric {formatRuntime(target)} removes or deprecates.
      </p>
      <ScrollBox label="Alarms to change">
        <table className="w-full border-collapse text-sm">
          <thead>
            <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
              <th className="px-2 py-1 font-medium">Alarm</th>
              <th className="px-2 py-1 font-medium">Metric</th>
              <th className="px-2 py-1 font-medium">After the upgrade</th>
              <th className="px-2 py-1 font-medium">Use instead</th>
            </tr>
          </thead>
          <tbody>
            {findings.map((f) => (
              <tr
                key={`${f.alarmName}-${f.metric}`}
                className="border-b border-slate-100 align-top"
                data-testid="alarm-finding"
              >
                <td className="px-2 py-2">
                  <span className="font-medium">{f.alarmName}</span>
                  <span className="block text-xs text-slate-500">
                    {f.condition} · now {f.state}
                  </span>
                </td>
                <td className="px-2 py-2 font-mono text-xs">{f.metric}</td>
                <td className="px-2 py-2">
                  {f.problem === "removed" ? (
                    <span className="rounded bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-800">
                      {f.isBrokenNow ? "already silent: not published" : "stops working: metric removed"}
                    </span>
                  ) : (
                    <span className="rounded bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-800">
                      deprecated: still published for now
                    </span>
                  )}
                </td>
                <td className="px-2 py-2">
                  <span className="font-mono text-xs">{f.replacement}</span>
                  <span className="block text-xs text-slate-500">{f.advice}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      {mayFix ? <ReplaceAlarms account={app.account} region={region} name={name} replacements={replacements} /> : null}
    </div>
  );
}
