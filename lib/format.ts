/** "3 min ago", "2 h ago", "41 days ago": ages a person reads at a glance. */
export function formatAge(from: Date | string | null | undefined, now = new Date()): string {
  if (!from) return "—";
  const seconds = Math.max(0, Math.round((now.getTime() - new Date(from).getTime()) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86400 * 2) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86400)} days ago`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${Math.round(s % 60)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function formatRuntime(runtime: string): string {
  return runtime
    .replace(/^FLINK-(\d+)_(\d+)$/, "Flink $1.$2")
    .replace(/^ZEPPELIN-FLINK-(\d+)_(\d+)$/, "Studio (Zeppelin $1.$2)");
}

/** "1st", "2nd", "3rd", "11th", "112th": for "retrying (3rd attempt, throttled)". */
export function formatOrdinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${suffix}`;
}
