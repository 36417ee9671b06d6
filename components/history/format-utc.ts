const utc = new Intl.DateTimeFormat("en-GB", {
  timeZone: "UTC",
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

/** "23 Nov 2026, 10:04 UTC": the same on the server and in every browser, and the zone the filters and CSV use. */
export function formatUtc(iso: string | Date): string {
  return `${utc.format(new Date(iso))} UTC`;
}
