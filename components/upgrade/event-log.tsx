import type { RunView } from "@/lib/upgrades/queries";
import { LocalTime } from "@/components/ui/local-time";

export function EventLog({ events }: { events: RunView["events"] }) {
  if (!events.length) return <p className="text-sm text-slate-600">No events yet.</p>;
  return (
    <div className="max-h-96 overflow-y-auto">
      <table className="w-full text-xs" data-testid="event-log">
        <thead className="sticky top-0 bg-white text-left uppercase text-slate-500">
          <tr><th className="px-2 py-1">Time</th><th className="px-2 py-1">Who</th><th className="px-2 py-1">Kind</th><th className="px-2 py-1">What</th><th className="px-2 py-1">Request id</th></tr>
        </thead>
        <tbody>
          {[...events].reverse().map((e) => (
            <tr key={e.id} className={`border-t border-slate-100 ${e.kind === "aws" ? "text-slate-500" : ""}`}>
              <td className="whitespace-nowrap px-2 py-1 tabular-nums"><LocalTime iso={e.at} mode="time" /></td>
              <td className="px-2 py-1">{e.actor}</td>
              <td className="px-2 py-1">{e.kind}</td>
              <td className="px-2 py-1">{e.message}</td>
              <td className="px-2 py-1 font-mono">{e.requestId ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
