import type { HistorySummary, PeriodStats } from "@/lib/history/summary";
import { formatDuration } from "@/lib/format";
import { ScrollBox } from "@/components/ui/scroll-box";

const percent = (rate: number | null) => (rate === null ? "—" : `${Math.round(rate * 100)}%`);
const duration = (ms: number | null) => (ms === null ? "—" : formatDuration(ms));
const weekLabel = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short" });

/** Runs, success and change-failure rates, median duration, time to detect and to roll back: overall and per week. */
export function ManagerSummary({ summary }: { summary: HistorySummary }) {
  const { overall, weeks } = summary;
  return (
    <section aria-label="Summary for managers" className="mb-4 space-y-3" data-testid="manager-summary">
      <div className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6">
        <Tile
          label="Upgrade runs"
          value={String(overall.runs)}
          detail={`${overall.finished} finished${overall.outside ? `, ${overall.outside} outside the dashboard` : ""}`}
          testId="summary-runs"
        />
        <Tile
          label="Success rate"
          value={percent(overall.successRate)}
          detail={`${overall.succeeded} succeeded`}
          testId="summary-success"
        />
        <Tile
          label="Change-failure rate"
          value={percent(overall.changeFailureRate)}
          detail={`${overall.failedChanges} rolled back or failed`}
          testId="summary-cfr"
        />
        <Tile label="Median duration" value={duration(overall.medianDurationMs)} detail="start to end" />
        <Tile
          label="Median time to detect"
          value={duration(overall.medianTimeToDetectMs)}
          detail={`RUNNING → UNHEALTHY, ${overall.detections} run${overall.detections === 1 ? "" : "s"}`}
        />
        <Tile
          label="Median time to roll back"
          value={duration(overall.medianTimeToRollbackMs)}
          detail={`verdict or request → rollback, ${overall.rollbacks} run${overall.rollbacks === 1 ? "" : "s"}`}
        />
      </div>
      {weeks.length ? (
        <details className="rounded border border-slate-200 bg-white" open={weeks.length <= 8}>
          <summary className="cursor-pointer px-3 py-2 text-sm font-medium">Per week (UTC, by start)</summary>
          <ScrollBox label="Runs by week">
            <table className="w-full border-collapse text-sm" data-testid="summary-weeks">
              <thead>
                <tr className="border-y border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
                  {[
                    "Week of",
                    "Runs",
                    "Success",
                    "Change failure",
                    "Median duration",
                    "Time to detect",
                    "Time to roll back",
                  ].map((h) => (
                    <th key={h} className="px-3 py-1 font-medium">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {[...weeks].reverse().map((w) => (
                  <WeekRow key={w.weekStart} weekStart={w.weekStart} stats={w} />
                ))}
              </tbody>
            </table>
          </ScrollBox>
        </details>
      ) : null}
      {summary.standaloneRollbacks ? (
        <p className="text-xs text-slate-500">
          {summary.standaloneRollbacks} stand-alone rollback run{summary.standaloneRollbacks === 1 ? " is" : "s are"}{" "}
          listed below but not counted as changes.
        </p>
      ) : null}
    </section>
  );
}

function WeekRow({ weekStart, stats }: { weekStart: string; stats: PeriodStats }) {
  return (
    <tr className="border-b border-slate-100">
      <td className="px-3 py-1">{weekLabel.format(new Date(`${weekStart}T00:00:00Z`))}</td>
      <td className="px-3 py-1">
        {stats.runs}
        {stats.finished !== stats.runs ? (
          <span className="text-xs text-slate-500"> ({stats.finished} finished)</span>
        ) : null}
      </td>
      <td className="px-3 py-1">{percent(stats.successRate)}</td>
      <td className="px-3 py-1">{percent(stats.changeFailureRate)}</td>
      <td className="px-3 py-1">{duration(stats.medianDurationMs)}</td>
      <td className="px-3 py-1">{duration(stats.medianTimeToDetectMs)}</td>
      <td className="px-3 py-1">{duration(stats.medianTimeToRollbackMs)}</td>
    </tr>
  );
}

function Tile({ label, value, detail, testId }: { label: string; value: string; detail: string; testId?: string }) {
  return (
    <div className="rounded border border-slate-200 bg-white p-3">
      <p className="text-xs uppercase tracking-wide text-slate-500">{label}</p>
      <p className="text-2xl font-semibold" data-testid={testId}>
        {value}
      </p>
      <p className="text-xs text-slate-500">{detail}</p>
    </div>
  );
}
