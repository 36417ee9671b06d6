import { describe, expect, it } from "vitest";
import {
  applies,
  freezeVerdict,
  openInterval,
  overlaps,
  parseWindow,
  selectorFromJson,
  windowOpenAt,
  type AppFacts,
  type FreezeWindowRule,
} from "./windows";

const at = (iso: string) => new Date(iso);
const win = (over: Partial<FreezeWindowRule> & Pick<FreezeWindowRule, "cron">): FreezeWindowRule => ({
  name: over.kind === "allow" ? "allow" : "deny",
  kind: "deny",
  durationMinutes: 60,
  timeZone: "UTC",
  selector: {},
  ...over,
});
const app: AppFacts = { account: "111111111111", region: "eu-west-1", tags: { env: "prod", team: "payments" } };
const closed = (v: ReturnType<typeof freezeVerdict>) => {
  if (v.open) throw new Error("expected the calendar to hold the change");
  return v;
};

describe("a window is open from each occurrence for its duration", () => {
  const nine = win({ cron: "0 9 * * *", durationMinutes: 60 });

  it("includes its start and excludes its end, to the millisecond", () => {
    expect(windowOpenAt(nine, at("2026-06-10T08:59:59.999Z"))).toBe(false);
    expect(windowOpenAt(nine, at("2026-06-10T09:00:00.000Z"))).toBe(true);
    expect(windowOpenAt(nine, at("2026-06-10T09:59:59.999Z"))).toBe(true);
    expect(windowOpenAt(nine, at("2026-06-10T10:00:00.000Z"))).toBe(false);
    expect(openInterval(nine, at("2026-06-10T09:30:00Z"))).toEqual({
      start: at("2026-06-10T09:00:00Z"),
      end: at("2026-06-10T10:00:00Z"),
    });
  });

  it("a duration longer than the period keeps the window open across occurrences (ends at the latest one's end)", () => {
    const long = win({ cron: "0 0 * * *", durationMinutes: 36 * 60 });
    expect(openInterval(long, at("2026-06-10T23:00:00Z"))?.end).toEqual(at("2026-06-11T12:00:00Z"));
  });
});

describe("the verdict: deny wins, allow windows bound what they select", () => {
  it("with no window, or none that applies, everything is allowed", () => {
    expect(freezeVerdict([], app, at("2026-06-10T12:00:00Z"))).toEqual({ open: true });
    const elsewhere = win({ cron: "0 0 * * *", durationMinutes: 1440, selector: { regions: ["us-east-1"] } });
    expect(freezeVerdict([elsewhere], app, at("2026-06-10T12:00:00Z"))).toEqual({ open: true });
  });

  it("a deny window closes during its occurrence and says until when", () => {
    const night = win({ name: "nightly batch", cron: "0 22 * * *", durationMinutes: 480 });
    const v = closed(freezeVerdict([night], app, at("2026-06-10T23:00:00Z")));
    expect(v.reason).toBe('Deny window "nightly batch" is open (until 2026-06-11 06:00 UTC)');
    expect(v.opensAt).toEqual(at("2026-06-11T06:00:00Z"));
    expect(freezeVerdict([night], app, at("2026-06-11T06:00:00Z"))).toEqual({ open: true });
  });

  it("deny wins over an allow window open at the same time", () => {
    const always = win({ name: "always", kind: "allow", cron: "0 0 * * *", durationMinutes: 1440 });
    const lunch = win({ name: "lunch", cron: "0 12 * * *", durationMinutes: 60 });
    const v = closed(freezeVerdict([always, lunch], app, at("2026-06-10T12:30:00Z")));
    expect(v.reason).toMatch(/^Deny window "lunch" is open .*; deny wins over the open allow window "always"/);
    expect(v.opensAt).toEqual(at("2026-06-10T13:00:00Z"));
    expect(freezeVerdict([always, lunch], app, at("2026-06-10T13:00:00Z"))).toEqual({ open: true });
  });

  it("outside every allow window that applies, nothing starts; inside one it does", () => {
    const office = win({
      name: "office hours",
      kind: "allow",
      cron: "0 9 * * 1-5",
      durationMinutes: 480,
      timeZone: "Europe/Berlin",
    });
    // Saturday noon: closed until Monday 09:00 in Berlin (07:00 UTC in summer time).
    const v = closed(freezeVerdict([office], app, at("2026-06-13T12:00:00Z")));
    expect(v.reason).toBe('Outside every allow window for this application ("office hours")');
    expect(v.opensAt).toEqual(at("2026-06-15T07:00:00Z"));
    expect(freezeVerdict([office], app, at("2026-06-15T07:00:00Z"))).toEqual({ open: true });
    expect(freezeVerdict([office], app, at("2026-06-15T14:59:59Z"))).toEqual({ open: true });
    expect(freezeVerdict([office], app, at("2026-06-15T15:00:00Z")).open).toBe(false);
  });

  it("an allow window that selects other applications does not hold this one", () => {
    const paymentsOnly = win({
      kind: "allow",
      cron: "0 9 * * 1-5",
      durationMinutes: 60,
      selector: { tags: { team: "payments" } },
    });
    const saturday = at("2026-06-13T12:00:00Z");
    expect(freezeVerdict([paymentsOnly], app, saturday).open).toBe(false);
    expect(
      freezeVerdict(
        [paymentsOnly],
        { account: "111111111111", region: "eu-west-1", tags: { team: "search" } },
        saturday,
      ),
    ).toEqual({
      open: true,
    });
  });
});

describe("selectors", () => {
  const prodEu = { selector: { tags: { env: "prod" }, regions: ["eu-west-1", "eu-central-1"] } };

  it("{} applies to all; every tag must match and the region must be listed", () => {
    expect(applies({ selector: {} }, app)).toBe(true);
    expect(applies(prodEu, app)).toBe(true);
    expect(applies(prodEu, { account: "111111111111", region: "us-east-1", tags: { env: "prod" } })).toBe(false);
    expect(applies(prodEu, { account: "111111111111", region: "eu-west-1", tags: { env: "staging" } })).toBe(false);
    expect(applies(prodEu, { account: "111111111111", region: "eu-west-1", tags: {} })).toBe(false);
    expect(applies({ selector: { tags: { env: "prod", team: "search" } } }, app)).toBe(false);
  });

  it("a window that names accounts holds only their applications, whatever the name, region and tags elsewhere", () => {
    const paymentsProd = { selector: { accounts: ["222222222222"], tags: { env: "prod" } } };
    const sameElsewhere = { ...app, account: "222222222222" };
    expect(applies(paymentsProd, sameElsewhere)).toBe(true);
    expect(applies(paymentsProd, app)).toBe(false);
    expect(applies({ selector: { accounts: ["222222222222", "111111111111"] } }, app)).toBe(true);
    expect(applies({ selector: { accounts: [] } }, app)).toBe(true);
    const monday = at("2026-06-08T12:00:00Z");
    const freeze = win({ cron: "0 12 * * *", selector: paymentsProd.selector });
    expect(freezeVerdict([freeze], sameElsewhere, monday).open).toBe(false);
    expect(freezeVerdict([freeze], app, monday).open).toBe(true);
  });

  it("a stored selector that cannot be read applies to every application", () => {
    expect(selectorFromJson("not json")).toEqual({});
    expect(selectorFromJson('{"tags":["env=prod"]}')).toEqual({});
    expect(selectorFromJson('{"tags":{"env":"prod"},"regions":["eu-west-1"]}')).toEqual({
      tags: { env: "prod" },
      regions: ["eu-west-1"],
    });
    expect(selectorFromJson('{"accounts":["222222222222"]}')).toEqual({ accounts: ["222222222222"] });
    expect(selectorFromJson('{"accounts":"222222222222"}')).toEqual({});
  });
});

describe("time zones and daylight saving time (croner evaluates each occurrence in the window's zone)", () => {
  const berlinTwo = win({ cron: "0 2 * * *", durationMinutes: 60, timeZone: "Europe/Berlin" });

  it("spring forward (2026-03-29, 02:00 does not exist in Berlin): croner opens at 03:00 CEST, the first valid time after the gap, for 60 real minutes", () => {
    // The day before: 02:00 CET = 01:00 UTC.
    expect(openInterval(berlinTwo, at("2026-03-28T01:30:00Z"))).toEqual({
      start: at("2026-03-28T01:00:00Z"),
      end: at("2026-03-28T02:00:00Z"),
    });
    // On the day: not at 01:59 CET (00:59 UTC), which comes just before the gap…
    expect(windowOpenAt(berlinTwo, at("2026-03-29T00:59:00Z"))).toBe(false);
    // …but at 03:00 CEST (01:00 UTC), until 04:00 CEST.
    expect(openInterval(berlinTwo, at("2026-03-29T01:00:00Z"))).toEqual({
      start: at("2026-03-29T01:00:00Z"),
      end: at("2026-03-29T02:00:00Z"),
    });
    expect(windowOpenAt(berlinTwo, at("2026-03-29T02:00:00Z"))).toBe(false);
    // The day after: 02:00 CEST = 00:00 UTC.
    expect(openInterval(berlinTwo, at("2026-03-30T00:30:00Z"))?.start).toEqual(at("2026-03-30T00:00:00Z"));
  });

  it("spring forward: a pattern with a step in the hour field (an interval job in croner's terms) skips the gap", () => {
    const everyHalfHourAtTwo = win({ cron: "*/30 2 * * *", durationMinutes: 30, timeZone: "Europe/Berlin" });
    for (const t of ["2026-03-29T01:00:00Z", "2026-03-29T01:30:00Z", "2026-03-29T00:30:00Z"])
      expect(windowOpenAt(everyHalfHourAtTwo, at(t))).toBe(false);
    expect(windowOpenAt(everyHalfHourAtTwo, at("2026-03-30T00:15:00Z"))).toBe(true);
  });

  it("fall back (2026-10-25, 02:00 happens twice in Berlin): croner opens once, at the first 02:00 (CEST), for 60 real minutes", () => {
    expect(openInterval(berlinTwo, at("2026-10-25T00:00:00Z"))).toEqual({
      start: at("2026-10-25T00:00:00Z"),
      end: at("2026-10-25T01:00:00Z"),
    });
    // The second 02:00 (CET, 01:00 UTC) does not open it again.
    expect(windowOpenAt(berlinTwo, at("2026-10-25T01:00:00Z"))).toBe(false);
    expect(windowOpenAt(berlinTwo, at("2026-10-25T01:30:00Z"))).toBe(false);
    // The day after: 02:00 CET = 01:00 UTC.
    expect(openInterval(berlinTwo, at("2026-10-26T01:00:00Z"))?.start).toEqual(at("2026-10-26T01:00:00Z"));
  });

  it("the same rule in New York and in Kolkata, at the same UTC instant", () => {
    const office = (timeZone: string) =>
      win({ name: timeZone, kind: "allow", cron: "0 9 * * 1-5", durationMinutes: 480, timeZone });
    const ny = office("America/New_York");
    const kolkata = office("Asia/Kolkata");
    // Wednesday 14:00 UTC = 10:00 EDT (open) = 19:30 IST (closed).
    expect(windowOpenAt(ny, at("2026-06-10T14:00:00Z"))).toBe(true);
    expect(windowOpenAt(kolkata, at("2026-06-10T14:00:00Z"))).toBe(false);
    // Wednesday 05:00 UTC = 01:00 EDT (closed) = 10:30 IST (open).
    expect(windowOpenAt(ny, at("2026-06-10T05:00:00Z"))).toBe(false);
    expect(windowOpenAt(kolkata, at("2026-06-10T05:00:00Z"))).toBe(true);
    // Kolkata has no DST: 09:00 IST is 03:30 UTC all year; New York's 09:00 moves with EST/EDT.
    expect(openInterval(kolkata, at("2026-01-14T04:00:00Z"))?.start).toEqual(at("2026-01-14T03:30:00Z"));
    expect(openInterval(ny, at("2026-01-14T15:00:00Z"))?.start).toEqual(at("2026-01-14T14:00:00Z"));
    expect(openInterval(ny, at("2026-06-10T15:00:00Z"))?.start).toEqual(at("2026-06-10T13:00:00Z"));
  });
});

describe("when it opens", () => {
  const office = win({
    name: "office hours",
    kind: "allow",
    cron: "0 9 * * 1-5",
    durationMinutes: 480,
    timeZone: "Europe/Berlin",
  });

  it("a deny window that runs past the end of the allow window: the next allow start, not the deny's end", () => {
    const lateFreeze = win({ name: "late", cron: "0 16 * * *", durationMinutes: 120, timeZone: "Europe/Berlin" });
    // Wednesday 16:30 CEST: the deny ends at 18:00, after the allow window (17:00): Thursday 09:00 CEST.
    const v = closed(freezeVerdict([office, lateFreeze], app, at("2026-06-10T14:30:00Z")));
    expect(v.opensAt).toEqual(at("2026-06-11T07:00:00Z"));
  });

  it("a deny window inside the allow window: its end", () => {
    const lunch = win({ name: "lunch", cron: "0 12 * * *", durationMinutes: 60, timeZone: "Europe/Berlin" });
    const v = closed(freezeVerdict([office, lunch], app, at("2026-06-10T10:30:00Z")));
    expect(v.opensAt).toEqual(at("2026-06-10T11:00:00Z"));
  });

  it("a Friday evening freeze over the weekend: Monday morning", () => {
    const weekend = win({ name: "weekend", cron: "0 17 * * 5", durationMinutes: 3 * 24 * 60 - 8 * 60 });
    const v = closed(freezeVerdict([weekend], app, at("2026-06-12T18:00:00Z")));
    expect(v.opensAt).toEqual(at("2026-06-15T09:00:00Z"));
  });

  it("null when nothing opens within 14 days, and the reason says so", () => {
    const always = win({ name: "forever", cron: "0 0 * * *", durationMinutes: 10080 });
    const v = closed(freezeVerdict([always], app, at("2026-06-10T12:00:00Z")));
    expect(v.opensAt).toBeNull();
    expect(v.reason).toMatch(/no opening in the next 14 days$/);
    const newYearOnly = win({ kind: "allow", cron: "0 0 1 1 *", durationMinutes: 60 });
    expect(closed(freezeVerdict([newYearOnly], app, at("2026-06-10T12:00:00Z"))).opensAt).toBeNull();
    expect(closed(freezeVerdict([newYearOnly], app, at("2026-12-25T12:00:00Z"))).opensAt).toEqual(
      at("2027-01-01T00:00:00Z"),
    );
  });

  it("a stored window that no longer evaluates holds what it selects", () => {
    const broken = win({ name: "broken", cron: "0 9 * * *", timeZone: "Mars/Olympus" });
    const v = closed(freezeVerdict([broken], app, at("2026-06-10T12:00:00Z")));
    expect(v.reason).toMatch(/^Freeze window "broken" cannot be evaluated \(unknown time zone "Mars\/Olympus"/);
    expect(v.opensAt).toBeNull();
  });
});

describe("input", () => {
  const valid = {
    name: "Weekday office hours",
    kind: "allow",
    cron: "0 9 * * 1-5",
    durationMinutes: "480",
    timeZone: "Europe/Berlin",
    selector: { tags: "env=prod, team = payments", regions: "eu-west-1\neu-central-1" },
  };
  const errorsOf = (over: Record<string, unknown>) => {
    const parsed = parseWindow({ ...valid, ...over });
    return parsed.ok ? {} : parsed.fieldErrors;
  };

  it("a valid window: numbers from a form, tags as key=value, regions as a list", () => {
    expect(parseWindow(valid)).toEqual({
      ok: true,
      window: {
        name: "Weekday office hours",
        kind: "allow",
        cron: "0 9 * * 1-5",
        durationMinutes: 480,
        timeZone: "Europe/Berlin",
        selector: { tags: { env: "prod", team: "payments" }, regions: ["eu-west-1", "eu-central-1"] },
      },
    });
    expect(parseWindow({ ...valid, selector: { tags: "", regions: [] } })).toMatchObject({
      ok: true,
      window: { selector: {} },
    });
  });

  it("a cron expression that does not parse is a field error on cron that says why", () => {
    expect(errorsOf({ cron: "61 * * * *" }).cron).toEqual([
      "Cron expression does not parse: Invalid value for minute: 61",
    ]);
    expect(errorsOf({ cron: "* * * *" }).cron?.[0]).toMatch(/has 4 fields; write five: minute hour/);
    expect(errorsOf({ cron: "0 0 * * * *" }).cron?.[0]).toMatch(/has 6 fields/);
    expect(errorsOf({ cron: "@daily" }).cron?.[0]).toMatch(/has 1 field; write five/);
    expect(errorsOf({ cron: "0 ? * * *" }).cron?.[0]).toMatch(/use "\*" instead of "\?"/);
    expect(errorsOf({ cron: "0 0 30 2 *" }).cron?.[0]).toMatch(/never occurs/);
    expect(errorsOf({ cron: "" }).cron?.[0]).toMatch(/required/);
    expect(Object.keys(errorsOf({ cron: "nonsense" }))).toEqual(["cron"]);
  });

  it("an unknown time zone is a field error on timeZone", () => {
    expect(errorsOf({ timeZone: "Mars/Olympus" }).timeZone).toEqual([
      'unknown time zone "Mars/Olympus": use an IANA name such as Europe/Berlin, America/New_York or UTC',
    ]);
    expect(errorsOf({ timeZone: "+02:00" }).timeZone?.[0]).toMatch(/unknown time zone/);
    expect(errorsOf({ timeZone: "Asia/Kolkata" })).toEqual({});
  });

  it("the duration is 1..10080 whole minutes", () => {
    expect(errorsOf({ durationMinutes: 0 }).durationMinutes).toEqual(["at least 1 minute"]);
    expect(errorsOf({ durationMinutes: 10081 }).durationMinutes).toEqual(["at most 10080 minutes (7 days)"]);
    expect(errorsOf({ durationMinutes: 1.5 }).durationMinutes).toEqual(["a whole number of minutes"]);
    expect(errorsOf({ durationMinutes: 1 })).toEqual({});
    expect(errorsOf({ durationMinutes: 10080 })).toEqual({});
  });

  it("name, kind and selector", () => {
    expect(errorsOf({ name: "  " }).name).toEqual(["required"]);
    expect(errorsOf({ name: "x".repeat(81) }).name).toEqual(["at most 80 characters"]);
    expect(errorsOf({ kind: "maybe" }).kind).toEqual(["choose allow or deny"]);
    expect(errorsOf({ selector: { tags: "env" } })["selector.tags"]).toEqual([
      '"env" is not key=value (e.g. env=prod)',
    ]);
    expect(errorsOf({ selector: { tags: "env=prod,env=dev" } })["selector.tags"]?.[0]).toMatch(/given twice/);
    expect(errorsOf({ selector: { regions: "Frankfurt" } })["selector.regions"]).toEqual([
      '"Frankfurt" is not a region (e.g. us-east-1)',
    ]);
    expect(errorsOf({ selector: { accounts: "payments-prod" } })["selector.accounts"]).toEqual([
      '"payments-prod" is not an AWS account ID (12 digits, e.g. 123456789012)',
    ]);
    expect(errorsOf({ selector: { accounts: "12345678901" } })["selector.accounts"]?.[0]).toMatch(/12 digits/);
  });

  it("accounts as a comma- or line-separated list, each once", () => {
    expect(
      parseWindow({ ...valid, selector: { accounts: " 222222222222,\n111111111111, 222222222222" } }),
    ).toMatchObject({ ok: true, window: { selector: { accounts: ["222222222222", "111111111111"] } } });
  });
});

describe("overlaps over the next 7 days (accepted, shown, deny wins)", () => {
  const from = at("2026-06-08T00:00:00Z"); // a Monday
  const office = win({ name: "office", kind: "allow", cron: "0 9 * * 1-5", durationMinutes: 480 });

  it("lists, for each deny window, the allow windows it overlaps, with the first overlap and its minutes", () => {
    const lunch = win({ name: "lunch", cron: "0 12 * * *", durationMinutes: 60 });
    const evening = win({ name: "evening", cron: "0 20 * * *", durationMinutes: 60 });
    const result = overlaps([office, lunch, evening], from);
    expect(result).toHaveLength(1);
    expect(result[0]!.deny.name).toBe("lunch");
    expect(result[0]!.allows).toEqual([
      {
        allow: office,
        firstAt: at("2026-06-08T12:00:00Z"),
        minutes: 5 * 60,
        allowMinutes: 5 * 480,
        coversAllow: false,
      },
    ]);
  });

  it("counts only from `from` on: a window already open then overlaps from that instant", () => {
    const morning = win({ name: "morning", cron: "0 8 * * *", durationMinutes: 180 });
    const [row] = overlaps([office, morning], at("2026-06-08T10:00:00Z"));
    // Monday 10:00-11:00, Tuesday to Friday 09:00-11:00, next Monday 09:00-10:00 (the 7 days end at 10:00).
    expect(row?.allows[0]).toMatchObject({
      firstAt: at("2026-06-08T10:00:00Z"),
      minutes: 60 + 4 * 120 + 60,
      allowMinutes: 420 + 4 * 480 + 60,
      coversAllow: false,
    });
  });

  it("windows that can never select the same application do not overlap", () => {
    const prodFreeze = win({ cron: "0 12 * * *", selector: { tags: { env: "prod" } } });
    const stagingOffice = { ...office, selector: { tags: { env: "staging" } } };
    const usOffice = { ...office, selector: { regions: ["us-east-1"] } };
    expect(overlaps([prodFreeze, stagingOffice], from)).toEqual([]);
    expect(overlaps([{ ...prodFreeze, selector: { regions: ["eu-west-1"] } }, usOffice], from)).toEqual([]);
    expect(overlaps([prodFreeze, usOffice], from)).toHaveLength(1);
    const paymentsFreeze = { ...prodFreeze, selector: { accounts: ["222222222222"] } };
    expect(overlaps([paymentsFreeze, { ...office, selector: { accounts: ["111111111111"] } }], from)).toEqual([]);
    expect(overlaps([paymentsFreeze, { ...office, selector: { accounts: ["222222222222"] } }], from)).toHaveLength(1);
  });

  it("a deny window that covers an allow window entirely is flagged: that allow window never opens", () => {
    const week = win({ name: "release freeze", cron: "0 0 * * 1", durationMinutes: 10080 });
    const [row] = overlaps([office, week], from);
    expect(row?.allows[0]).toMatchObject({ coversAllow: true, minutes: 5 * 480 });
  });
});
