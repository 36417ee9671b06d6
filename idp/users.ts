// The seeded demo accounts: one per role, a second engineer who may also approve (four-eyes tests) and a
// team-scoped engineer. Groups are what a real IdP would send; the dashboard maps them to roles with ROLE_MAP.

export interface SeededUser {
  /** The account id, sent as `sub` and posted by the sign-in page. */
  id: string;
  email: string;
  name: string;
  groups: readonly string[];
  /** How the sign-in button describes the user: "Sign in as <name> (<roleWords>)". */
  roleWords: string;
}

export const seededUsers: readonly SeededUser[] = [
  {
    id: "viewer",
    email: "viewer@example.com",
    name: "Vera Viewer",
    groups: ["msf-viewers", "team-payments"],
    roleWords: "viewer",
  },
  {
    id: "engineer",
    email: "engineer@example.com",
    name: "Eli Engineer",
    groups: ["msf-engineers", "team-payments", "team-trading"],
    roleWords: "engineer",
  },
  {
    id: "approver",
    email: "approver@example.com",
    name: "Ada Approver",
    groups: ["msf-approvers"],
    roleWords: "approver",
  },
  { id: "manager", email: "manager@example.com", name: "Max Manager", groups: ["msf-managers"], roleWords: "manager" },
  { id: "admin", email: "admin@example.com", name: "Ana Admin", groups: ["msf-admins"], roleWords: "admin" },
  {
    id: "engineer2",
    email: "engineer2@example.com",
    name: "Erin Engineer",
    groups: ["msf-engineers", "msf-approvers"],
    roleWords: "engineer and approver",
  },
  {
    id: "payments-engineer",
    email: "payments-engineer@example.com",
    name: "Pat Payments",
    groups: ["msf-engineers", "team-payments"],
    roleWords: "engineer, payments team only",
  },
];

export function findSeededUser(id: string): SeededUser | undefined {
  return seededUsers.find((user) => user.id === id);
}

export function signInButtonText(user: SeededUser): string {
  return `Sign in as ${user.name} (${user.roleWords})`;
}
