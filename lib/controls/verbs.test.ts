import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { setupAppTestEnv, type AppTestEnv } from "@/tests/support/app-test-env";
import type { Role } from "@/lib/auth/roles";
import type { SignedInUser } from "@/lib/auth/session";

// The change controls against a real database, through the one write path (runAction): admins only, each change
// with its audit row in one transaction, bad input refused on its field, and the gate the worker asks before any
// new upgrade: stop-the-line first, then an override (which lifts the calendar only), then the calendar.
let env: AppTestEnv;
let db: (typeof import("@/lib/db"))["db"];
let action: typeof import("@/lib/actions/action");
let specs: typeof import("@/lib/actions/control-specs");
let gate: typeof import("./gate");
let verbs: typeof import("./verbs");

const person = (email: string, roles: Role[], teams: string[] = []): SignedInUser => ({
  sessionId: "s",
  subject: email,
  email,
  name: email,
  roles,
  teams,
});
const ana = person("ana@example.com", ["admin"]);
const prodApp = { account: "111111111111", region: "eu-west-1", name: "orders-enricher", tags: { env: "prod" } };
const devApp = { account: "111111111111", region: "eu-west-1", name: "orders-enricher-dev", tags: { env: "dev" } };
/** A deny window that is open at every instant: daily occurrences, each lasting 7 days. */
const alwaysFrozen = {
  name: "release freeze",
  kind: "deny",
  cron: "0 0 * * *",
  durationMinutes: 10080,
  timeZone: "Europe/Berlin",
  selector: { tags: "env=prod" },
};

beforeAll(async () => {
  env = await setupAppTestEnv({ regions: ["eu-west-1"] });
  db = (await import("@/lib/db")).db;
  action = await import("@/lib/actions/action");
  specs = await import("@/lib/actions/control-specs");
  gate = await import("./gate");
  verbs = await import("./verbs");
});

afterAll(async () => {
  await db.$disconnect();
  await env.close();
});

beforeEach(async () => {
  await db.changeControl.deleteMany();
  await db.freezeWindow.deleteMany();
  await db.freezeOverride.deleteMany();
  await db.auditEvent.deleteMany();
});

async function world() {
  return {
    control: await db.changeControl.findMany(),
    windows: await db.freezeWindow.count(),
    overrides: await db.freezeOverride.findMany(),
    audits: await db.auditEvent.count(),
  };
}

async function ok<T>(outcome: Promise<import("@/lib/actions/action").ActionOutcome<T>>): Promise<T> {
  const result = await outcome;
  if (!result.ok) throw new Error(`${result.status} ${result.error} ${JSON.stringify(result.fieldErrors ?? {})}`);
  return result.data;
}

describe("only admins change the controls", () => {
  it("engineers, approvers, managers and viewers are refused 403 (anonymous 401), and nothing changes", async () => {
    const window = await ok(action.runAction(specs.createWindowSpec, ana, alwaysFrozen));
    const override = await ok(
      action.runAction(specs.createOverrideSpec, ana, { reason: "hotfix", ticket: "INC-1", hours: 1 }),
    );
    const before = await world();
    const cases = [
      [specs.stopTheLineSpec, { stopped: true, reason: "forged stop" }],
      [specs.createWindowSpec, { ...alwaysFrozen, name: "forged" }],
      [specs.deleteWindowSpec, { id: window.id }],
      [specs.createOverrideSpec, { reason: "forged", ticket: "INC-2", hours: 1 }],
      [specs.endOverrideSpec, { id: override.id }],
    ] as const;
    for (const [spec, input] of cases) {
      const anonymous = await action.runAction(spec as never, null, input);
      expect({ spec: spec.name, status: anonymous.ok ? 200 : anonymous.status }).toEqual({
        spec: spec.name,
        status: 401,
      });
      for (const roles of [["engineer"], ["approver"], ["manager"], ["viewer"], ["engineer", "approver", "manager"]]) {
        const refused = await action.runAction(spec as never, person("x@example.com", roles as Role[]), input);
        expect({ spec: spec.name, roles, status: refused.ok ? 200 : refused.status }).toEqual({
          spec: spec.name,
          roles,
          status: 403,
        });
      }
    }
    expect(await world()).toEqual(before);
  });
});

describe("stop-the-line", () => {
  it("an admin turns it on: the gate closes everywhere with who and why, and the audit row is written with it", async () => {
    expect(await gate.changeGate(prodApp)).toEqual({ open: true });
    await ok(action.runAction(specs.stopTheLineSpec, ana, { stopped: true, reason: "incident INC-4711" }));
    const closed = {
      open: false,
      reason: "Stop-the-line is on (by ana@example.com: incident INC-4711)",
      opensAt: null,
    };
    expect(await gate.changeGate(prodApp)).toEqual(closed);
    expect(await gate.changeGate(devApp)).toEqual(closed);
    expect(await gate.lineStopped()).toMatchObject({ by: "ana@example.com", reason: "incident INC-4711" });
    const rows = await db.auditEvent.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor: "ana@example.com",
      roles: JSON.stringify(["admin"]),
      action: "controls.stop-the-line",
      target: "stop-the-line",
    });
    expect(JSON.parse(rows[0]!.before!)).toEqual({ stopped: false, reason: null });
    expect(JSON.parse(rows[0]!.after!)).toEqual({ stopped: true, reason: "incident INC-4711" });

    await ok(action.runAction(specs.stopTheLineSpec, ana, { stopped: false }));
    expect(await gate.changeGate(prodApp)).toEqual({ open: true });
    expect(await gate.lineStopped()).toBeNull();
    expect(await db.auditEvent.count()).toBe(2);
  });

  it("turning it on needs a reason (400 on the field); switching it to where it already is is refused (409); neither writes", async () => {
    const before = await world();
    const noReason = await action.runAction(specs.stopTheLineSpec, ana, { stopped: true, reason: " " });
    expect(noReason).toMatchObject({ ok: false, status: 400, fieldErrors: { reason: [expect.stringMatching(/why/)] } });
    const alreadyOff = await action.runAction(specs.stopTheLineSpec, ana, { stopped: false });
    expect(alreadyOff).toMatchObject({ ok: false, status: 409, error: expect.stringMatching(/already off/) });
    expect(await world()).toEqual(before);
    await ok(action.runAction(specs.stopTheLineSpec, ana, { stopped: true, reason: "first" }));
    const again = await action.runAction(specs.stopTheLineSpec, ana, { stopped: true, reason: "second" });
    expect(again).toMatchObject({
      ok: false,
      status: 409,
      error: "Stop-the-line is already on (by ana@example.com: first); reload to see it.",
    });
    expect((await gate.lineStopped())?.reason).toBe("first");
  });

  it("the change and its audit row are one transaction: when the audit row fails, the switch does not move", async () => {
    // An audit row that the database refuses (its id is taken) after the change was written in the same batch.
    const taken = await db.auditEvent.create({ data: { actor: "x", roles: "[]", action: "x", requestId: "x" } });
    const failingAudit = (() =>
      db.auditEvent.create({
        data: { id: taken.id, actor: "x", roles: "[]", action: "x", requestId: "x" },
      })) as never;
    await expect(
      verbs.setStopTheLine({ id: "ana@example.com", source: "user" }, { stopped: true, reason: "test" }, failingAudit),
    ).rejects.toThrow();
    expect(await gate.lineStopped()).toBeNull();
    expect(await db.changeControl.count()).toBe(0);
    await expect(
      verbs.createFreezeWindow(
        { id: "ana@example.com", source: "user" },
        { ...alwaysFrozen, kind: "deny", selector: {} },
        failingAudit,
      ),
    ).rejects.toThrow();
    expect(await db.freezeWindow.count()).toBe(0);
    expect(await db.auditEvent.count()).toBe(1);
  });
});

describe("the freeze calendar", () => {
  it("a cron expression that does not parse is refused 400 on the cron field, and nothing is written", async () => {
    const before = await world();
    const refused = await action.runAction(specs.createWindowSpec, ana, { ...alwaysFrozen, cron: "61 25 * * *" });
    expect(refused).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { cron: ["Cron expression does not parse: Invalid value for minute: 61"] },
    });
    const zone = await action.runAction(specs.createWindowSpec, ana, { ...alwaysFrozen, timeZone: "Europe/Gotham" });
    expect(zone).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { timeZone: [expect.stringMatching(/unknown/)] },
    });
    expect(await world()).toEqual(before);
  });

  it("a deny window holds the applications it selects, says which window and when it opens; deleting it lets them through", async () => {
    const { id } = await ok(action.runAction(specs.createWindowSpec, ana, alwaysFrozen));
    const held = await gate.changeGate(prodApp);
    expect(held).toMatchObject({ open: false, reason: expect.stringMatching(/^Deny window "release freeze" is open/) });
    expect(await gate.changeGate(devApp)).toEqual({ open: true });
    const row = await db.freezeWindow.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ kind: "deny", createdBy: "ana@example.com", selector: '{"tags":{"env":"prod"}}' });

    await ok(action.runAction(specs.deleteWindowSpec, ana, { id }));
    expect(await gate.changeGate(prodApp)).toEqual({ open: true });
    const audits = await db.auditEvent.findMany({ orderBy: { id: "asc" } });
    expect(audits.map((a) => [a.action, a.target])).toEqual([
      ["controls.window-created", `freeze-window:${id}`],
      ["controls.window-deleted", `freeze-window:${id}`],
    ]);
    const again = await action.runAction(specs.deleteWindowSpec, ana, { id });
    expect(again).toMatchObject({ ok: false, status: 409 });
  });

  it("a deny window that names an account holds that account's application, not the same-named one in another account", async () => {
    const paymentsFreeze = { ...alwaysFrozen, selector: { tags: "env=prod", accounts: "222222222222" } };
    const { id } = await ok(action.runAction(specs.createWindowSpec, ana, paymentsFreeze));
    const row = await db.freezeWindow.findUniqueOrThrow({ where: { id } });
    expect(row.selector).toBe('{"tags":{"env":"prod"},"accounts":["222222222222"]}');
    expect(await gate.changeGate({ ...prodApp, account: "222222222222" })).toMatchObject({ open: false });
    expect(await gate.changeGate(prodApp)).toEqual({ open: true });
    const refused = await action.runAction(specs.createWindowSpec, ana, {
      ...alwaysFrozen,
      selector: { accounts: "payments-prod" },
    });
    expect(refused).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { "selector.accounts": [expect.any(String)] },
    });
  });

  it("an allow window: outside it the gate is closed until its next start", async () => {
    await ok(
      action.runAction(specs.createWindowSpec, ana, {
        name: "office",
        kind: "allow",
        cron: "0 9 * * 1-5",
        durationMinutes: 480,
        timeZone: "Europe/Berlin",
      }),
    );
    const saturday = new Date("2026-06-13T12:00:00Z");
    expect(await gate.changeGate(prodApp, saturday)).toEqual({
      open: false,
      reason: 'Outside every allow window for this application ("office")',
      opensAt: new Date("2026-06-15T07:00:00Z"),
    });
    expect(await gate.changeGate(prodApp, new Date("2026-06-15T08:00:00Z"))).toEqual({ open: true });
  });
});

describe("the emergency override", () => {
  it("opens the gate for the calendar, not for stop-the-line, and ends on request", async () => {
    await ok(action.runAction(specs.createWindowSpec, ana, alwaysFrozen));
    expect((await gate.changeGate(prodApp)).open).toBe(false);

    const override = await ok(
      action.runAction(specs.createOverrideSpec, ana, { reason: "checkout hotfix", ticket: "INC-4711", hours: "2" }),
    );
    expect(override.until.getTime() - Date.now()).toBeGreaterThan(2 * 3600_000 - 60_000);
    expect(await gate.changeGate(prodApp)).toEqual({ open: true });

    await ok(action.runAction(specs.stopTheLineSpec, ana, { stopped: true, reason: "data center on fire" }));
    expect(await gate.changeGate(prodApp)).toMatchObject({
      open: false,
      reason: expect.stringMatching(/^Stop-the-line/),
    });
    await ok(action.runAction(specs.stopTheLineSpec, ana, { stopped: false, reason: "fire out" }));
    expect(await gate.changeGate(prodApp)).toEqual({ open: true });

    // It lapses on its own at `until`…
    expect((await gate.changeGate(prodApp, new Date(override.until.getTime() + 1000))).open).toBe(false);
    // …or ends on request, at once.
    await ok(action.runAction(specs.endOverrideSpec, ana, { id: override.id }));
    expect((await gate.changeGate(prodApp)).open).toBe(false);
    expect(await action.runAction(specs.endOverrideSpec, ana, { id: override.id })).toMatchObject({
      ok: false,
      status: 409,
    });

    const audits = await db.auditEvent.findMany({ orderBy: { id: "asc" } });
    expect(audits.map((a) => a.action)).toEqual([
      "controls.window-created",
      "controls.override-created",
      "controls.stop-the-line",
      "controls.stop-the-line",
      "controls.override-ended",
    ]);
    expect(JSON.parse(audits[1]!.after!)).toMatchObject({ reason: "checkout hotfix", ticket: "INC-4711" });
  });

  it("needs a reason and a ticket, lasts at most 24 h, and one at a time", async () => {
    const before = await world();
    const refused = await action.runAction(specs.createOverrideSpec, ana, { reason: "", ticket: "", hours: 25 });
    expect(refused).toMatchObject({ ok: false, status: 400 });
    expect(Object.keys((!refused.ok && refused.fieldErrors) || {}).sort()).toEqual(["hours", "reason", "ticket"]);
    expect(await world()).toEqual(before);
    await ok(action.runAction(specs.createOverrideSpec, ana, { reason: "hotfix", ticket: "INC-1", hours: 24 }));
    const second = await action.runAction(specs.createOverrideSpec, ana, { reason: "more", ticket: "INC-2", hours: 1 });
    expect(second).toMatchObject({ ok: false, status: 409, error: expect.stringMatching(/already active/) });
    expect(await db.freezeOverride.count()).toBe(1);
  });
});
