// In-memory storage for oidc-provider's models (sessions, interactions, grants, codes, tokens), one per createIdp().
// The library's built-in one warns at every start that it is for development only; for a demo IdP memory is the
// point: a restart signs everybody out.
import type { Adapter, AdapterPayload } from "oidc-provider";

interface Entry {
  payload: AdapterPayload;
  expiresAt: number;
}

// Models whose records carry a grantId and must go when that grant is revoked (logout, refresh token reuse).
const grantable = new Set(["AccessToken", "AuthorizationCode", "RefreshToken", "DeviceCode"]);

export function createMemoryAdapter(now: () => number = Date.now): (model: string) => Adapter {
  const entries = new Map<string, Entry>();
  const sessionByUid = new Map<string, string>(); // session uid → entry key
  const byGrant = new Map<string, Set<string>>(); // grant id → entry keys

  const live = (key: string): AdapterPayload | undefined => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt > now()) return entry.payload;
    entries.delete(key);
    return undefined;
  };
  const sweep = () => {
    const at = now();
    for (const [key, entry] of entries) if (entry.expiresAt <= at) entries.delete(key);
    for (const [uid, key] of sessionByUid) if (!entries.has(key)) sessionByUid.delete(uid);
    for (const [grantId, keys] of byGrant) {
      for (const key of keys) if (!entries.has(key)) keys.delete(key);
      if (keys.size === 0) byGrant.delete(grantId);
    }
  };

  return (model) => {
    const keyOf = (id: string) => `${model}:${id}`;
    return {
      async upsert(id, payload, expiresIn) {
        sweep();
        const key = keyOf(id);
        // oidc-provider passes no expiry for records it keeps until destroyed.
        const expiresAt = typeof expiresIn === "number" ? now() + expiresIn * 1000 : Infinity;
        entries.set(key, { payload, expiresAt });
        if (model === "Session" && typeof payload.uid === "string") sessionByUid.set(payload.uid, key);
        if (grantable.has(model) && payload.grantId) {
          byGrant.set(payload.grantId, (byGrant.get(payload.grantId) ?? new Set()).add(key));
        }
      },
      async find(id) {
        return live(keyOf(id));
      },
      async findByUid(uid) {
        const key = sessionByUid.get(uid);
        return key === undefined ? undefined : live(key);
      },
      async findByUserCode() {
        return undefined; // the device flow is not enabled
      },
      async consume(id) {
        const payload = live(keyOf(id));
        if (payload) payload.consumed = Math.floor(now() / 1000);
      },
      async destroy(id) {
        entries.delete(keyOf(id));
      },
      async revokeByGrantId(grantId) {
        for (const key of byGrant.get(grantId) ?? []) entries.delete(key);
        byGrant.delete(grantId);
      },
    };
  };
}
