// Who may do what. Roles come from the IdP's groups through ROLE_MAP; one person may hold several roles.
export const roles = ["viewer", "engineer", "approver", "manager", "admin"] as const;
export type Role = (typeof roles)[number];

/** Every read and write the dashboard offers, each checked on the server. */
export type Permission =
  | "read" // pages, charts, run status
  | "sync.request"
  | "upgrade.start"
  | "rollback.request" // never waits for an approval
  | "run.control" // stop watching, cancel
  | "approval.decide"
  | "report.export" // history CSV
  | "audit.read" // the audit trail and its CSV
  | "settings.change";

const grants: Record<Role, readonly Permission[]> = {
  viewer: ["read"],
  engineer: ["read", "sync.request", "upgrade.start", "rollback.request", "run.control"],
  approver: ["read", "approval.decide"],
  manager: ["read", "report.export", "audit.read"],
  admin: [
    "read",
    "sync.request",
    "upgrade.start",
    "rollback.request",
    "run.control",
    "approval.decide",
    "report.export",
    "audit.read",
    "settings.change",
  ],
};

export function can(held: readonly Role[], permission: Permission): boolean {
  return held.some((role) => grants[role].includes(permission));
}

/** "group:role,group:role" → the roles each group grants. Unknown roles are a configuration error, said at once. */
export function parseRoleMap(text: string): Map<string, Role[]> {
  const map = new Map<string, Role[]>();
  for (const pair of text
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const at = pair.lastIndexOf(":");
    const group = pair.slice(0, at).trim();
    const role = pair.slice(at + 1).trim() as Role;
    if (at <= 0 || !roles.includes(role))
      throw new Error(`ROLE_MAP: "${pair}" is not group:role with a role among ${roles.join(", ")}`);
    map.set(group, [...(map.get(group) ?? []), role]);
  }
  return map;
}

export function rolesFromGroups(groups: readonly string[], map: Map<string, Role[]>): Role[] {
  const held = new Set(groups.flatMap((g) => map.get(g) ?? []));
  return roles.filter((r) => held.has(r));
}

/** Groups named team-<name> scope a user to applications tagged team=<name>. */
export function teamsFromGroups(groups: readonly string[]): string[] {
  return groups
    .filter((g) => g.startsWith("team-"))
    .map((g) => g.slice("team-".length))
    .sort();
}
