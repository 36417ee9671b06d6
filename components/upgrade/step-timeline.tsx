"use client";

import type { RunView } from "@/lib/upgrades/queries";
import { formatDuration } from "@/lib/format";
import { useNow } from "@/components/ui/local-time";

const labels: Record<string, string> = {
  approval: "Second person's approval",
  preflight: "Preflight checks",
  safety: "Enable system rollback and snapshots",
  snapshot: "Named snapshot (wait for READY)",
  update: "UpdateApplication",
  "wait-running": "Wait for RUNNING",
  observe: "Observe health",
  rollback: "RollbackApplication",
  "wait-rollback": "Wait for the rollback",
};
const icon: Record<string, string> = { DONE: "✓", RUNNING: "●", FAILED: "✕", SKIPPED: "–" };
const tone: Record<string, string> = {
  DONE: "text-emerald-700",
  RUNNING: "text-sky-700 animate-pulse",
  FAILED: "text-red-700",
  SKIPPED: "text-slate-500",
};

export function StepTimeline({ run }: { run: RunView }) {
  const now = useNow(new Date(run.createdAt).getTime());
  return (
    <ol className="space-y-2 text-sm" data-testid="step-timeline">
      {run.steps.map((s) => {
        const end = s.finishedAt ? new Date(s.finishedAt).getTime() : now;
        return (
          <li key={s.name} className="grid grid-cols-[1.25rem_1fr_auto] gap-2">
            <span aria-hidden className={tone[s.status]}>
              {icon[s.status] ?? "·"}
            </span>
            <span>
              <span className="font-medium">{labels[s.name] ?? s.name}</span>
              <span className="sr-only"> ({s.status.toLowerCase()})</span>
              {s.note ? <span className="block text-xs text-slate-600">{s.note}</span> : null}
            </span>
            <span className="tabular-nums text-slate-500">{formatDuration(end - new Date(s.startedAt).getTime())}</span>
          </li>
        );
      })}
    </ol>
  );
}
