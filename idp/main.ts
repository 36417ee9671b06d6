// `node --import tsx idp/main.ts`: the local demo IdP, configured from its own environment (it stands apart from
// the app's lib/env.ts, like the emulator).
import { createIdp } from "./server";

function list(name: string, fallback: string): string[] {
  return (process.env[name] ?? fallback)
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
}

function flag(name: string, fallback: boolean): boolean {
  const raw = process.env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === "") return fallback;
  if (raw === "true" || raw === "1") return true;
  if (raw === "false" || raw === "0") return false;
  throw new Error(`${name} must be true or false, got "${process.env[name]}"`);
}

function port(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`${name} must be a port, got "${raw}"`);
  return value;
}

async function main(): Promise<void> {
  const idp = await createIdp({
    port: port("IDP_PORT", 4700),
    host: process.env.IDP_HOST || "127.0.0.1",
    clients: [
      {
        client_id: process.env.IDP_CLIENT_ID || "msf-dashboard",
        client_secret: process.env.IDP_CLIENT_SECRET || "local-demo-secret",
        redirect_uris: list(
          "IDP_REDIRECT_URIS",
          "http://127.0.0.1:3000/auth/callback,http://localhost:3000/auth/callback",
        ),
        post_logout_redirect_uris: list(
          "IDP_POST_LOGOUT_REDIRECT_URIS",
          "http://127.0.0.1:3000/login,http://localhost:3000/login",
        ),
      },
    ],
    groupsInIdToken: flag("IDP_GROUPS_IN_ID_TOKEN", true),
  });
  console.log(`idp listening on ${idp.url}`);
  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    idp.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
