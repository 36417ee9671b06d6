import type { OverlapView } from "@/lib/controls/queries";
import { minutesInWords } from "@/lib/controls/cron-words";
import { LocalTime } from "@/components/ui/local-time";

/** Overlapping allow and deny windows are accepted; this says where they meet in the next 7 days, and who wins. */
export function OverlapsList({ overlaps }: { overlaps: OverlapView[] }) {
  if (overlaps.length === 0)
    return (
      <p className="text-sm text-slate-600" data-testid="overlaps-none">
        No deny window overlaps an allow window in the next 7 days.
      </p>
    );
  return (
    <ul className="space-y-2 text-sm" data-testid="overlaps">
      {overlaps.map(({ deny, allows }) => (
        <li key={deny.id} className="rounded border border-amber-300 bg-amber-50/60 p-3" data-testid="overlap">
          Deny window <strong>{deny.name}</strong> overlaps:
          <ul className="mt-1 list-disc space-y-1 pl-5">
            {allows.map((a) => (
              <li key={a.id}>
                allow window <strong>{a.name}</strong>, first at <LocalTime iso={a.firstAt} /> (
                {minutesInWords(a.minutes)} of its {minutesInWords(a.allowMinutes)} open) —{" "}
                <span className="font-semibold">deny wins</span>
                {a.coversAllow ? (
                  <span className="font-semibold text-red-700">
                    : for the applications both select, {a.name} never opens in the next 7 days
                  </span>
                ) : null}
                .
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
