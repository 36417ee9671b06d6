import type { WindowSelector } from "@/lib/controls/windows";
import { accountLabel } from "@/lib/aws/accounts";
import type { WindowView } from "@/lib/controls/queries";
import { minutesInWords } from "@/lib/controls/cron-words";
import { LocalTime } from "@/components/ui/local-time";
import { DeleteWindowButton } from "./delete-window-button";
import { ScrollBox } from "@/components/ui/scroll-box";

const kindStyles = {
  allow: "bg-emerald-100 text-emerald-800",
  deny: "bg-red-100 text-red-800",
} as const;

export function selectorText(selector: WindowSelector): string {
  const tags = Object.entries(selector.tags ?? {}).map(([k, v]) => `${k}=${v}`);
  const accounts = (selector.accounts ?? []).map((account) => `account ${accountLabel(account)}`);
  const parts = [tags.join(", "), accounts.join(", "), (selector.regions ?? []).join(", ")].filter(Boolean);
  return parts.length ? parts.join(" · ") : "all applications";
}

/** The freeze calendar: every window, what it applies to, and whether it is open now or when it next opens. */
export function WindowsTable({ windows, canChange }: { windows: WindowView[]; canChange: boolean }) {
  if (windows.length === 0)
    return (
      <p
        className="rounded border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600"
        data-testid="windows-empty"
      >
        No freeze windows: nothing holds an upgrade except stop-the-line and the approval rule.
      </p>
    );
  return (
    <ScrollBox label="Freeze windows" className="rounded border border-slate-200 bg-white">
      <table className="w-full text-left text-sm" aria-label="Freeze windows" data-testid="windows-table">
        <thead className="bg-slate-50 text-xs text-slate-600 uppercase">
          <tr>
            <th className="px-3 py-2">Kind</th>
            <th className="px-3 py-2">Name</th>
            <th className="px-3 py-2">Starts</th>
            <th className="px-3 py-2">For</th>
            <th className="px-3 py-2">Time zone</th>
            <th className="px-3 py-2">Applies to</th>
            <th className="px-3 py-2">Now</th>
            {canChange ? <th className="px-3 py-2">{/* delete */}</th> : null}
          </tr>
        </thead>
        <tbody>
          {windows.map((w) => (
            <tr key={w.id} className="border-t border-slate-100 align-top" data-testid="window-row">
              <td className="px-3 py-2">
                <span className={`rounded px-2 py-0.5 text-xs font-semibold ${kindStyles[w.kind]}`}>{w.kind}</span>
              </td>
              <td className="px-3 py-2">
                {w.name}
                <div className="text-xs text-slate-500">by {w.createdBy}</div>
              </td>
              <td className="px-3 py-2">
                {w.words ?? null}
                <div className="font-mono text-xs text-slate-500">{w.cron}</div>
              </td>
              <td className="px-3 py-2 whitespace-nowrap">{minutesInWords(w.durationMinutes)}</td>
              <td className="px-3 py-2">{w.timeZone}</td>
              <td className="px-3 py-2">{selectorText(w.selector)}</td>
              <td className="px-3 py-2" data-testid="window-status">
                <WindowStatusText window={w} />
              </td>
              {canChange ? (
                <td className="px-3 py-2 text-right">
                  <DeleteWindowButton id={w.id} name={w.name} />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}

function WindowStatusText({ window: w }: { window: WindowView }) {
  const { status } = w;
  if (status.state === "broken")
    return <span className="font-medium text-red-700">cannot evaluate: {status.problem}</span>;
  if (status.state === "open")
    return (
      <span className={w.kind === "deny" ? "font-semibold text-red-700" : "font-semibold text-emerald-700"}>
        open now, until <LocalTime iso={status.until} />
      </span>
    );
  return status.opensAt ? (
    <span className="text-slate-700">
      opens at <LocalTime iso={status.opensAt} />
    </span>
  ) : (
    <span className="text-slate-500">never opens again</span>
  );
}
