import type { ReactNode } from "react";

/**
 * A streamed section's place while it is read: its height held and its background pulsing, its words steady. Text
 * that pulses spends half of each beat below readable contrast (axe caught it mid-beat).
 */
export function ReadingPlaceholder({
  height,
  testId,
  children,
}: {
  height: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <div aria-busy="true" className={`relative rounded ${height}`} data-testid={testId}>
      <div aria-hidden className="absolute inset-0 animate-pulse rounded bg-slate-100" />
      <p className="relative p-3 text-sm text-slate-600">{children}</p>
    </div>
  );
}
