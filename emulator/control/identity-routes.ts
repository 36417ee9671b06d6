// Control routes for the emulated identity plane: roles (POST/GET /_emulator/roles), STS sessions
// (POST /_emulator/sts/expire, GET /_emulator/sts/sessions) and opt-in regions (POST/GET /_emulator/regions).
import type { IdentityService } from "../identity/identity";
import { controlJson, type RenderedResponse } from "../http/respond";

const ACCOUNT = /^\d{12}$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

const ok = (body: unknown) => controlJson(200, body);
const fail = (error: string) => controlJson(400, { error });

/** Undefined when no identity route matches (the caller answers 404). */
export function handleIdentityControl(
  method: string,
  parts: string[],
  body: unknown,
  identity: IdentityService,
  now: number,
): RenderedResponse | undefined {
  const b = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  const route = `${method} ${parts.join("/")}`;
  switch (route) {
    case "GET roles":
      return ok({ roles: identity.roles.list() });
    case "POST roles": {
      const { accountId, roleName, externalId = null, assumable } = b;
      if (typeof accountId !== "string" || !ACCOUNT.test(accountId)) return fail("accountId must be 12 digits");
      if (typeof roleName !== "string" || !ROLE_NAME.test(roleName))
        return fail("roleName must match [\\w+=,.@-]{1,64}");
      if (externalId !== null && (typeof externalId !== "string" || !EXTERNAL_ID.test(externalId)))
        return fail("externalId must be null or match [\\w+=,.@:/-]{2,1224}");
      if (typeof assumable !== "boolean") return fail("assumable must be a boolean");
      const role = { accountId, roleName, externalId, assumable };
      identity.roles.set(role);
      return ok({ role });
    }
    case "POST sts/expire": {
      const { accountId } = b;
      if (accountId !== undefined && (typeof accountId !== "string" || !ACCOUNT.test(accountId)))
        return fail("accountId must be 12 digits when given");
      return ok({ expired: identity.sessions.expire(now, accountId) });
    }
    case "GET sts/sessions":
      return ok({
        sessions: identity.sessions.list().map((s) => ({
          accessKeyId: s.accessKeyId,
          accountId: s.accountId,
          roleName: s.roleName,
          sessionName: s.sessionName,
          issuedAt: s.issuedAt,
          expiresAt: s.expiresAt,
          expired: now >= s.expiresAt,
        })),
      });
    case "GET regions":
      return ok({ disabled: identity.disabledRegions() });
    case "POST regions": {
      const { accountId, region, enabled } = b;
      if (typeof accountId !== "string" || !ACCOUNT.test(accountId)) return fail("accountId must be 12 digits");
      if (typeof region !== "string" || !REGION.test(region)) return fail("region must look like us-east-1");
      if (typeof enabled !== "boolean") return fail("enabled must be a boolean");
      identity.setRegionEnabled(accountId, region, enabled);
      return ok({ accountId, region, enabled });
    }
    default:
      return undefined;
  }
}
