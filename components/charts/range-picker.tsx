"use client";

import Link from "@/components/ui/link";
import { usePathname, useSearchParams } from "next/navigation";
import { appRanges, type AppRange } from "@/lib/metrics/app-range";

const labels: Record<AppRange, string> = { "3h": "3 hours", "24h": "24 hours", "7d": "7 days" };

/** The chart range as links (`?range=`), so a view can be shared; other query parameters are kept. */
export function RangePicker({ current }: { current: AppRange }) {
  const pathname = usePathname();
  const params = useSearchParams();
  const href = (range: AppRange) => {
    const next = new URLSearchParams(params.toString());
    next.set("range", range);
    return `${pathname}?${next.toString()}`;
  };
  return (
    <nav aria-label="Chart range" className="inline-flex overflow-hidden rounded border border-slate-300 text-sm">
      {(Object.keys(appRanges) as AppRange[]).map((range) => (
        <Link
          key={range}
          href={href(range)}
          scroll={false}
          replace
          aria-current={range === current ? "page" : undefined}
          className={`px-3 py-1 ${range === current ? "bg-slate-800 text-white" : "bg-white text-slate-700 hover:bg-slate-100"}`}
        >
          Last {labels[range]}
        </Link>
      ))}
    </nav>
  );
}
