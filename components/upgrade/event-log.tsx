"use client";

import { useState } from "react";
import type { RunView } from "@/lib/upgrades/queries";
import { LocalTime } from "@/components/ui/local-time";

/** Decisions and state changes first; the (many) AWS calls with their request ids one click away. */
export function EventLog({ events }: { events: RunView["events"] }) {
  const [showAws, setShowAws] = useState(false);
  if (!events.length) return <p className="text-sm text-slate-600">No events yet.</p>;
  const awsCount = events.filter((e) => e.kind === "aws").length;
  const shown = [...events].reverse().filter((e) => showAws || e.kind !== "aws");
  return (
    <div>
      <label className="mb-2 flex items-center gap-2 text-sm">
        <input type="checkbox" checked={showAws} onChange={(e) => setShowAws(e.target.checked)} />
        Show the {awsCount} AWS calls with their request ids
      </label>
      <div className="max-h-96 overflow-y-auto">
        <table className="w-full text-xs" data-testid="event-log">
          <thead className="sticky top-0 bg-white text-left uppercase text-slate-500">
            <tr>
              <th className="px-2 py-1">Time</th>
              <th className="px-2 py-1">Who</th>
              <th className="px-2 py-1">Kind</th>
              <th className="px-2 py-1">What</th>
              <th className="px-2 py-1">Request id</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((e) => (
              <tr
                key={e.id}
                className={`border-t border-slate-100 ${e.kind === "aws" ? "text-slate-500" : e.kind === "error" ? "text-red-800" : ""}`}
              >
                <td className="whitespace-nowrap px-2 py-1 tabular-nums">
                  <LocalTime iso={e.at} mode="time" />
                </td>
                <td className="px-2 py-1">{e.actor}</td>
                <td className="px-2 py-1">{e.kind}</td>
                <td className="px-2 py-1">{e.message}</td>
                <td className="px-2 py-1 font-mono">{e.requestId ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
