// Emulated IAM roles: which role exists, whether its trust policy lets the default caller in, and the ExternalId
// its trust policy requires. Permissions are not modelled: a session can do what the default caller can.
import { ANALYTICS_DEV_ACCOUNT_ID, PAYMENTS_PROD_ACCOUNT_ID } from "../seed/accounts";
import { DEFAULT_ACCOUNT_ID } from "../seed/spec";

export const DASHBOARD_ROLE_NAME = "MsfFleetDashboard";
export const DEMO_EXTERNAL_ID = "msf-demo-external";
/** IAM's default MaxSessionDuration (1 hour); the emulated roles keep it. */
export const ROLE_MAX_SESSION_SECONDS = 3600;

export interface EmulatedRole {
  accountId: string;
  roleName: string;
  /** The sts:ExternalId the trust policy requires; null = none. */
  externalId: string | null;
  /** false: the role exists but its trust policy does not name the caller. */
  assumable: boolean;
}

export const roleArnOf = (accountId: string, roleName: string) => `arn:aws:iam::${accountId}:role/${roleName}`;

function defaultRoles(): EmulatedRole[] {
  return [
    { accountId: DEFAULT_ACCOUNT_ID, roleName: DASHBOARD_ROLE_NAME, externalId: null, assumable: true },
    { accountId: PAYMENTS_PROD_ACCOUNT_ID, roleName: DASHBOARD_ROLE_NAME, externalId: null, assumable: true },
    {
      accountId: ANALYTICS_DEV_ACCOUNT_ID,
      roleName: DASHBOARD_ROLE_NAME,
      externalId: DEMO_EXTERNAL_ID,
      assumable: true,
    },
  ];
}

const keyOf = (accountId: string, roleName: string) => `${accountId}/${roleName}`;

export class RoleRegistry {
  private roles = new Map<string, EmulatedRole>();

  constructor() {
    this.reset();
  }

  reset(): void {
    this.roles = new Map(defaultRoles().map((r) => [keyOf(r.accountId, r.roleName), r]));
  }

  /** Creates or replaces a role. */
  set(role: EmulatedRole): void {
    this.roles.set(keyOf(role.accountId, role.roleName), { ...role });
  }

  get(accountId: string, roleName: string): EmulatedRole | undefined {
    return this.roles.get(keyOf(accountId, roleName));
  }

  list(): EmulatedRole[] {
    return [...this.roles.values()].map((r) => ({ ...r }));
  }
}
