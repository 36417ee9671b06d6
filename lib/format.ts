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

/**
 * `value` with at most `maxDecimals` decimals and en-US grouping ("12,345.6"). Not Intl.NumberFormat: a page's first
 * one costs about 90 ms on a 4x-slowed CPU (ICU's number data), all of it inside a chart's first draw.
 */
export function formatNumber(value: number, maxDecimals: number): string {
  const rounded = roundHalfExpand(value, maxDecimals);
  if (rounded === 0) return "0";
  const [whole = "0", fraction] = Math.abs(rounded).toString().split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${rounded < 0 ? "-" : ""}${grouped}${fraction ? `.${fraction}` : ""}`;
}
const twoDigits = (n: number) => String(n).padStart(2, "0");

/**
 * "2026-12-06 09:42:44" (or "09:42:44") in the reader's time zone. Not toLocaleString: a page's first one costs
 * 35-130 ms (ICU's date data), inside hydration on every page that shows a time.
 */
export function formatLocalTime(date: Date, mode: "datetime" | "time" = "datetime"): string {
  const time = [date.getHours(), date.getMinutes(), date.getSeconds()].map(twoDigits).join(":");
  if (mode === "time") return time;
  return `${date.getFullYear()}-${twoDigits(date.getMonth() + 1)}-${twoDigits(date.getDate())} ${time}`;
}

/** Rounds the decimal that `value` prints as (4.55 → 4.6, as Intl does), not its binary neighbour (toFixed: 4.5). */
function roundHalfExpand(value: number, decimals: number): number {
  const abs = Math.abs(value);
  if (String(abs).includes("e")) return Number(value.toFixed(decimals));
  return Math.sign(value) * Number(`${Math.round(Number(`${abs}e${decimals}`))}e-${decimals}`);
}
