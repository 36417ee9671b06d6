// Words the campaign pages share: durations a person reads at a glance, and the names of states.

/** "under a minute", "about 12 min", "about 1 h 20 min", "about 3 h" (minutes rounded to 5 past two hours). */
export function formatAbout(ms: number): string {
  if (!Number.isFinite(ms) || ms < 60_000) return "under a minute";
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `about ${minutes} min`;
  const rounded = minutes >= 120 ? Math.round(minutes / 5) * 5 : minutes;
  const h = Math.floor(rounded / 60);
  const m = rounded % 60;
  return m ? `about ${h} h ${m} min` : `about ${h} h`;
}

/** "4:05" or "1:02:09": a countdown. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

export const campaignStateLabels: Record<string, string> = {
  DRAFT: "Draft",
  AWAITING_APPROVAL: "Awaiting approval",
  RUNNING: "Running",
  PAUSED: "Paused",
  CANCELLING: "Cancelling",
  DONE: "Done",
};

export const campaignOutcomeLabels: Record<string, string> = {
  COMPLETED: "Completed",
  STOPPED: "Stopped (error budget)",
  CANCELLED: "Cancelled",
};

export const targetStateLabels: Record<string, string> = {
  PENDING: "Pending",
  STARTED: "In flight",
  SUCCEEDED: "Succeeded",
  FAILED: "Failed",
  LATE_FAILED: "Failed during soak",
  UNVERIFIED: "Kept, not proven healthy",
  CANCELLED: "Not started",
  SKIPPED: "Skipped",
};

/** The order the counts of a wave are read in. */
export const targetStates = [
  "PENDING",
  "STARTED",
  "SUCCEEDED",
  "UNVERIFIED",
  "FAILED",
  "LATE_FAILED",
  "CANCELLED",
  "SKIPPED",
] as const;
