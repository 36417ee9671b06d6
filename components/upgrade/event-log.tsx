"use client";

import { useState, type Ref } from "react";
import type { RunEvent } from "@/lib/upgrades/queries";
import { LocalTime } from "@/components/ui/local-time";

/** Decisions and state changes first; the (many) AWS calls with their request ids one click away. Newest on top. */
export function EventLog({
  events,
  hasOlder,
  listRef,
}: {
  events: RunEvent[];
  hasOlder: boolean;
  listRef?: Ref<HTMLDivElement>;
}) {
  const [showAws, setShowAws] = useState(false);
  if (!events.length) return <p className="text-sm text-slate-600">No events yet.</p>;
  const awsCount = events.filter((e) => e.kind === "aws").length;
  const shown = [...events].reverse().filter((e) => showAws || e.kind !== "aws");
  return (
    <div>
      <label className="mb-2 flex items-center gap-2 text-sm">
        <input type="checkbox" checked={showAws} onChange={(e) => setShowAws(e.target.checked)} />
        Show the {awsCount}
        {hasOlder ? "+" : ""} AWS calls with their request ids
      </label>
      {/* Focusable so the keyboard can scroll it. */}
      <div ref={listRef} tabIndex={0} role="region" aria-label="Run events" className="max-h-96 overflow-y-auto">
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
            {!shown.length ? (
              <tr>
                <td colSpan={5} className="px-2 py-2 text-slate-600">
                  Only AWS calls among the {events.length} events loaded.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </div>
  );
}
