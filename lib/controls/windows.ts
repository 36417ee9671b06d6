import { Cron } from "croner";
import { z } from "zod";

// The freeze calendar, pure: a window is open from each cron occurrence (evaluated in its own IANA time zone by
// croner, which handles DST) for its duration in real minutes. Deny wins; an application that some allow window
// applies to may change only inside one of them. No database, no clock: every function takes its instant.

export type WindowKind = "allow" | "deny";

/** Which applications a window applies to: every tag must match, the account and the region be listed; {} = all. */
export interface WindowSelector {
  tags?: Record<string, string>;
  accounts?: string[];
  regions?: string[];
}

export interface FreezeWindowRule {
  id?: string;
  name: string;
  kind: WindowKind;
  cron: string;
  durationMinutes: number;
  timeZone: string;
  selector: WindowSelector;
}

export interface AppFacts {
  account: string;
  region: string;
  tags: Record<string, string>;
}

export type FreezeVerdict = { open: true } | { open: false; reason: string; opensAt: Date | null };

export interface Interval {
  start: Date;
  end: Date;
}

const minute = 60_000;
const day = 24 * 60 * minute;
/** How far ahead "when it opens" looks, and how many boundaries it may step through on the way. */
export const opensAtHorizonDays = 14;
const maxSteps = 500;
export const maxDurationMinutes = 7 * 24 * 60;

// ---------------------------------------------------------------------------------------------------------------
// Input

/** Why a cron expression cannot be a window's schedule, or null. Standard 5-field cron only (no seconds, no "?"). */
export function cronProblem(expression: string): string | null {
  const text = expression.trim();
  if (!text) return "required: five fields, minute hour day-of-month month day-of-week (e.g. 0 2 * * 1-5)";
  const fields = text.split(/\s+/);
  if (fields.length !== 5)
    return `has ${fields.length} field${fields.length === 1 ? "" : "s"}; write five: minute hour day-of-month month day-of-week (e.g. 0 2 * * 1-5)`;
  // croner reads "?" as "the time the pattern was parsed", which would make a window depend on when it was loaded.
  if (text.includes("?")) return 'is not standard cron: use "*" instead of "?"';
  let cron: Cron;
  try {
    cron = new Cron(text, { mode: "5-part" });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return `does not parse: ${message.replace(/^CronPattern:\s*/, "")}`;
  }
  if (!cron.nextRun(new Date("2000-01-01T00:00:00Z"))) return "never occurs (no date matches it, e.g. 30 February)";
  return null;
}

/** Why a time zone cannot be used, or null. IANA names only ("Europe/Berlin", "UTC"); offsets like +02:00 are not. */
export function timeZoneProblem(zone: string): string | null {
  const text = zone.trim();
  if (!text) return "required: an IANA time zone such as Europe/Berlin, America/New_York or UTC";
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: text });
    return null;
  } catch {
    return `unknown time zone "${text}": use an IANA name such as Europe/Berlin, America/New_York or UTC`;
  }
}

const listOf = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? value : (value ?? "").split(/[,\n]/)).map((s) => s.trim()).filter(Boolean);

const TagList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value, ctx) => {
    const tags: Record<string, string> = {};
    for (const pair of listOf(value)) {
      const at = pair.indexOf("=");
      const key = pair.slice(0, at).trim();
      if (at <= 0 || !key) {
        ctx.addIssue({ code: "custom", message: `"${pair}" is not key=value (e.g. env=prod)` });
        return z.NEVER;
      }
      if (key in tags) {
        ctx.addIssue({ code: "custom", message: `tag ${key} is given twice; a window matches one value per key` });
        return z.NEVER;
      }
      tags[key] = pair.slice(at + 1).trim();
    }
    return tags;
  });

/** A comma-separated (or array) list of distinct items, each of the given form. */
const listMatching = (form: RegExp, what: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value, ctx) => {
      const items = [...new Set(listOf(value))];
      const bad = items.find((item) => !form.test(item));
      if (bad) {
        ctx.addIssue({ code: "custom", message: `"${bad}" is not ${what}` });
        return z.NEVER;
      }
      return items;
    });

const RegionList = listMatching(/^[a-z]{2}(-[a-z]+)+-\d$/, "a region (e.g. us-east-1)");
const AccountList = listMatching(/^\d{12}$/, "an AWS account ID (12 digits, e.g. 123456789012)");

/** A new window as the form (or any caller) sends it; tags as "key=value" items, accounts and regions as lists. */
export const FreezeWindowInput = z.object({
  name: z.string().trim().min(1, "required").max(80, "at most 80 characters"),
  kind: z.enum(["allow", "deny"], "choose allow or deny"),
  cron: z
    .string("required")
    .trim()
    .superRefine((value, ctx) => {
      const problem = cronProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: `Cron expression ${problem}` });
    }),
  durationMinutes: z.coerce
    .number("a whole number of minutes")
    .int("a whole number of minutes")
    .min(1, "at least 1 minute")
    .max(maxDurationMinutes, `at most ${maxDurationMinutes} minutes (7 days)`),
  timeZone: z
    .string("required")
    .trim()
    .superRefine((value, ctx) => {
      const problem = timeZoneProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  selector: z
    .object({ tags: TagList, accounts: AccountList, regions: RegionList })
    .optional()
    .transform((s): WindowSelector => ({
      ...(s?.tags && Object.keys(s.tags).length ? { tags: s.tags } : {}),
      ...(s?.accounts?.length ? { accounts: s.accounts } : {}),
      ...(s?.regions?.length ? { regions: s.regions } : {}),
    })),
});
export type FreezeWindowInput = z.infer<typeof FreezeWindowInput>;

/** A validated window, or the field errors ("cron", "timeZone", "selector.tags", …) a form shows under its fields. */
export function parseWindow(
  raw: unknown,
): { ok: true; window: FreezeWindowInput } | { ok: false; fieldErrors: Record<string, string[]> } {
  const parsed = FreezeWindowInput.safeParse(raw);
  if (parsed.success) return { ok: true, window: parsed.data };
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".")] ??= []).push(issue.message);
  return { ok: false, fieldErrors };
}

const StoredSelector = z.object({
  tags: z.record(z.string(), z.string()).optional(),
  accounts: z.array(z.string()).optional(),
  regions: z.array(z.string()).optional(),
});

/**
 * A stored selector. One that cannot be read applies to every application: for a deny window that holds more,
 * for an allow window it opens less, so a damaged row never lets a change through that it should have held.
 */
export function selectorFromJson(json: string): WindowSelector {
  try {
    const parsed = StoredSelector.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export function windowFromRow(row: {
  id: string;
  name: string;
  kind: string;
  cron: string;
  durationMinutes: number;
  timeZone: string;
  selector: string;
}): FreezeWindowRule {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind === "allow" ? "allow" : "deny",
    cron: row.cron,
    durationMinutes: row.durationMinutes,
    timeZone: row.timeZone,
    selector: selectorFromJson(row.selector),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Evaluation

// Parsing a pattern costs more than evaluating it, and the gate runs several times a second: keep the parsed ones.
const crons = new Map<string, Cron>();

function cronOf(w: Pick<FreezeWindowRule, "cron" | "timeZone">): Cron {
  const key = `${w.timeZone}\n${w.cron}`;
  let cron = crons.get(key);
  if (!cron) {
    if (crons.size >= 500) crons.clear();
    // croner would only fail on an unknown zone at the first evaluation; say it where the window is checked.
    const zoneProblem = timeZoneProblem(w.timeZone);
    if (zoneProblem) throw new Error(zoneProblem);
    cron = new Cron(w.cron.trim(), { timezone: w.timeZone.trim(), mode: "5-part" });
    crons.set(key, cron);
  }
  return cron;
}

/** The occurrence of the window that holds t (start <= t < end), or null when the window is closed at t. */
export function openInterval(w: FreezeWindowRule, t: Date): Interval | null {
  // previousRuns is strictly before its reference; 1 ms later makes an occurrence exactly at t count.
  const [start] = cronOf(w).previousRuns(1, new Date(t.getTime() + 1));
  if (!start) return null;
  // All occurrences last as long, so the latest one ends last: if it does not hold t, no earlier one does.
  const end = new Date(start.getTime() + w.durationMinutes * minute);
  return t < end ? { start, end } : null;
}

export function windowOpenAt(w: FreezeWindowRule, t: Date): boolean {
  return openInterval(w, t) !== null;
}

/** The window's next occurrence strictly after t, or null. */
export function nextStart(w: FreezeWindowRule, t: Date): Date | null {
  return cronOf(w).nextRun(t);
}

export function applies(w: Pick<FreezeWindowRule, "selector">, app: AppFacts): boolean {
  const { tags, accounts, regions } = w.selector;
  if (accounts?.length && !accounts.includes(app.account)) return false;
  if (regions?.length && !regions.includes(app.region)) return false;
  return Object.entries(tags ?? {}).every(([key, value]) => app.tags[key] === value);
}

interface State {
  allowed: boolean;
  denying: { w: FreezeWindowRule; iv: Interval }[];
  allowing: FreezeWindowRule[];
  allows: FreezeWindowRule[];
}

function stateAt(windows: FreezeWindowRule[], t: Date): State {
  const denying: State["denying"] = [];
  const allowing: FreezeWindowRule[] = [];
  const allows: FreezeWindowRule[] = [];
  for (const w of windows) {
    const iv = openInterval(w, t);
    if (w.kind === "deny") {
      if (iv) denying.push({ w, iv });
    } else {
      allows.push(w);
      if (iv) allowing.push(w);
    }
  }
  return { allowed: denying.length === 0 && (allows.length === 0 || allowing.length > 0), denying, allowing, allows };
}

/**
 * The first instant after t at which the windows let a change through, within the horizon; null if none. Being
 * allowed can only begin where a deny window ends or an allow window starts, so those are the only candidates.
 */
export function nextAllowed(windows: FreezeWindowRule[], t: Date, horizonDays = opensAtHorizonDays): Date | null {
  const limit = t.getTime() + horizonDays * day;
  let cursor = t;
  let state = stateAt(windows, t);
  for (let step = 0; step < maxSteps; step++) {
    let next = Number.POSITIVE_INFINITY;
    for (const { iv } of state.denying) next = Math.min(next, iv.end.getTime());
    for (const w of state.allows) next = Math.min(next, nextStart(w, cursor)?.getTime() ?? Number.POSITIVE_INFINITY);
    if (!Number.isFinite(next) || next > limit) return null;
    cursor = new Date(next);
    state = stateAt(windows, cursor);
    if (state.allowed) return cursor;
  }
  return null;
}

/** "2026-03-30 09:00 UTC": the same in every log line and on every server. */
export function formatUtcMinute(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

const quoted = (ws: FreezeWindowRule[]) => ws.map((w) => `"${w.name}"`).join(", ");

/** Whether the freeze calendar lets a change of this application start at t, and if not, why and when it will. */
export function freezeVerdict(
  windows: FreezeWindowRule[],
  app: AppFacts,
  t: Date,
  horizonDays = opensAtHorizonDays,
): FreezeVerdict {
  const relevant = windows.filter((w) => applies(w, app));
  // A window that no longer evaluates holds its applications until someone fixes or deletes it.
  for (const w of relevant) {
    try {
      cronOf(w);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return {
        open: false,
        reason: `Freeze window "${w.name}" cannot be evaluated (${message}); an admin must fix or delete it`,
        opensAt: null,
      };
    }
  }
  const state = stateAt(relevant, t);
  if (state.allowed) return { open: true };
  const opensAt = nextAllowed(relevant, t, horizonDays);
  const why = state.denying.length
    ? `Deny window${state.denying.length > 1 ? "s" : ""} ${quoted(state.denying.map((d) => d.w))} ${
        state.denying.length > 1 ? "are" : "is"
      } open (until ${formatUtcMinute(new Date(Math.max(...state.denying.map((d) => d.iv.end.getTime()))))})${
        state.allowing.length ? `; deny wins over the open allow window ${quoted(state.allowing)}` : ""
      }`
    : `Outside every allow window for this application (${quoted(state.allows)})`;
  // When it opens is `opensAt`, for the reader's own zone; the reason says so only when nothing opens.
  return { open: false, reason: opensAt ? why : `${why}; no opening in the next ${horizonDays} days`, opensAt };
}

// ---------------------------------------------------------------------------------------------------------------
// Overlaps: accepted, but shown

/** Whether some application could be selected by both windows. */
export function selectorsMeet(a: WindowSelector, b: WindowSelector): boolean {
  for (const [key, value] of Object.entries(a.tags ?? {})) {
    const other = b.tags?.[key];
    if (other !== undefined && other !== value) return false;
  }
  return listsMeet(a.accounts, b.accounts) && listsMeet(a.regions, b.regions);
}

/** Whether two lists of a selector leave some value both accept (an empty or missing list accepts every value). */
function listsMeet(a: string[] | undefined, b: string[] | undefined): boolean {
  return !a?.length || !b?.length || a.some((item) => b.includes(item));
}

const maxOccurrences = 2000;

/** The window's open time within [from, to), merged where occurrences run into each other. */
export function intervalsBetween(w: FreezeWindowRule, from: Date, to: Date): Interval[] {
  const out: Interval[] = [];
  const push = (start: Date) => {
    const s = new Date(Math.max(start.getTime(), from.getTime()));
    const e = new Date(Math.min(start.getTime() + w.durationMinutes * minute, to.getTime()));
    if (e <= s) return;
    const last = out[out.length - 1];
    if (last && s <= last.end) last.end = new Date(Math.max(last.end.getTime(), e.getTime()));
    else out.push({ start: s, end: e });
  };
  const current = openInterval(w, from);
  if (current) push(current.start);
  let cursor = from;
  for (let i = 0; i < maxOccurrences; i++) {
    const next = nextStart(w, cursor);
    if (!next || next >= to) break;
    push(next);
    cursor = next;
  }
  return out;
}

function intersect(a: Interval[], b: Interval[]): { firstAt: Date | null; minutes: number } {
  let i = 0;
  let j = 0;
  let firstAt: Date | null = null;
  let ms = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    const start = Math.max(x.start.getTime(), y.start.getTime());
    const end = Math.min(x.end.getTime(), y.end.getTime());
    if (start < end) {
      firstAt ??= new Date(start);
      ms += end - start;
    }
    if (x.end <= y.end) i++;
    else j++;
  }
  return { firstAt, minutes: Math.round(ms / minute) };
}

const total = (ivs: Interval[]) =>
  Math.round(ivs.reduce((n, iv) => n + (iv.end.getTime() - iv.start.getTime()), 0) / minute);

export interface WindowOverlap {
  allow: FreezeWindowRule;
  firstAt: Date;
  /** Minutes both are open within the period; the deny window wins all of them. */
  minutes: number;
  /** Minutes the allow window is open within the period. */
  allowMinutes: number;
  /** The deny window covers the allow window entirely: for the applications both select, it never opens. */
  coversAllow: boolean;
}

/**
 * For each deny window, the allow windows it overlaps within `days` from `from`, for applications both could
 * select. Overlapping windows are accepted (deny wins); the page shows them so nobody is surprised.
 */
export function overlaps(
  windows: FreezeWindowRule[],
  from: Date,
  days = 7,
): { deny: FreezeWindowRule; allows: WindowOverlap[] }[] {
  const to = new Date(from.getTime() + days * day);
  const open = new Map<FreezeWindowRule, Interval[]>();
  const intervals = (w: FreezeWindowRule) => {
    let ivs = open.get(w);
    if (!ivs) {
      try {
        ivs = intervalsBetween(w, from, to);
      } catch {
        ivs = [];
      }
      open.set(w, ivs);
    }
    return ivs;
  };
  const out: { deny: FreezeWindowRule; allows: WindowOverlap[] }[] = [];
  for (const deny of windows.filter((w) => w.kind === "deny")) {
    const allows: WindowOverlap[] = [];
    for (const allow of windows.filter((w) => w.kind === "allow")) {
      if (!selectorsMeet(deny.selector, allow.selector)) continue;
      const { firstAt, minutes } = intersect(intervals(deny), intervals(allow));
      if (!firstAt) continue;
      const allowMinutes = total(intervals(allow));
      allows.push({ allow, firstAt, minutes, allowMinutes, coversAllow: minutes >= allowMinutes });
    }
    if (allows.length) out.push({ deny, allows });
  }
  return out;
}

/** The IANA names this runtime knows, for the form's suggestions (UTC first; Intl leaves it out of the list). */
export function timeZoneNames(): string[] {
  return ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")];
}
