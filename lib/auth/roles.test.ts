import { describe, expect, it } from "vitest";
import { can, parseRoleMap, rolesFromGroups, teamsFromGroups } from "./roles";

describe("roles", () => {
  const map = parseRoleMap("msf-viewers:viewer, msf-engineers:engineer,ops:approver,ops:manager,msf-admins:admin");

  it("maps the IdP's groups to roles, one group to several, unknown groups to none", () => {
    expect(rolesFromGroups(["ops", "unrelated"], map)).toEqual(["approver", "manager"]);
    expect(rolesFromGroups(["msf-engineers", "msf-viewers"], map)).toEqual(["viewer", "engineer"]);
    expect(rolesFromGroups([], map)).toEqual([]);
  });

  it("refuses a role map it cannot read, naming the bad pair", () => {
    expect(() => parseRoleMap("admins:root")).toThrow(/"admins:root"/);
    expect(() => parseRoleMap(":admin")).toThrow(/ROLE_MAP/);
  });

  it("lets each role do exactly its row: viewers change nothing, rollbacks need no approver", () => {
    expect(can(["viewer"], "read")).toBe(true);
    for (const p of ["sync.request", "upgrade.start", "rollback.request", "run.control", "approval.decide"] as const)
      expect(can(["viewer"], p)).toBe(false);
    expect(can(["engineer"], "rollback.request")).toBe(true);
    expect(can(["engineer"], "approval.decide")).toBe(false);
    expect(can(["approver"], "upgrade.start")).toBe(false);
    expect(can(["manager"], "report.export")).toBe(true);
    expect(can(["manager"], "upgrade.start")).toBe(false);
    expect(can(["engineer", "approver"], "approval.decide")).toBe(true);
    expect(can([], "read")).toBe(false);
  });

  it("reads teams from team-<name> groups", () => {
    expect(teamsFromGroups(["team-trading", "msf-engineers", "team-payments"])).toEqual(["payments", "trading"]);
  });
});
