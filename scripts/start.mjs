#!/usr/bin/env node
// `npm start`: migrate the SQLite database, build the app when its sources changed, start the
// emulator with the demo fleet and the dashboard pointed at it, print the URL. Ctrl-C stops both.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const port = process.env.PORT ?? "3000";
const emulatorPort = process.env.EMULATOR_PORT ?? "4566";
const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
// The local OpenID provider (idp/, oidc-provider): the app signs users in with it exactly as with a company IdP.
const idpPort = process.env.IDP_PORT ?? "4700";
const idpUrl = `http://127.0.0.1:${idpPort}`;
const appUrl = process.env.APP_URL ?? `http://localhost:${port}`;
const clientSecret = process.env.OIDC_CLIENT_SECRET ?? "local-demo-secret";
const bin = (name) => path.join(root, "node_modules", ".bin", name);

// Upgrade timings and the default health policy follow the emulator's clock (restart loop: 60 s real, 10 s demo, 1.5 s test).
const speed = process.env.EMULATOR_SPEED ?? "demo";
const timeScale = { real: 1, demo: 1 / 12, test: 1 / 60 }[speed] ?? 1;

const demoEnv = {
  DATABASE_URL: "file:./data/msf.db",
  MSF_REGIONS: "us-east-1,eu-west-1,ap-southeast-2",
  // The demo fleet spans three accounts, each read through its role (the emulator's STS); analytics-dev's role
  // requires an ExternalId. A real deployment lists its own (README, "Accounts").
  MSF_ACCOUNTS: JSON.stringify([
    { id: "123456789012", name: "platform", role: "MsfFleetDashboard" },
    { id: "210987654321", name: "payments-prod", role: "MsfFleetDashboard" },
    { id: "345678901234", name: "analytics-dev", role: "MsfFleetDashboard", externalId: "msf-demo-external" },
  ]),
  AWS_REGION: "us-east-1",
  AWS_ACCESS_KEY_ID: "test",
  AWS_SECRET_ACCESS_KEY: "test",
  AWS_EC2_METADATA_DISABLED: "true",
  EMULATOR_SPEED: speed,
  UPGRADE_TIME_SCALE: String(timeScale),
  NEXT_TELEMETRY_DISABLED: "1",
  ...process.env,
  AWS_ENDPOINT_URL: emulatorUrl,
  EMULATOR_PORT: emulatorPort,
  PORT: port,
  OIDC_ISSUER: idpUrl,
  OIDC_CLIENT_SECRET: clientSecret,
  APP_URL: appUrl,
  IDP_PORT: idpPort,
  IDP_CLIENT_SECRET: clientSecret,
  IDP_REDIRECT_URIS: `${appUrl}/auth/callback`,
  IDP_POST_LOGOUT_REDIRECT_URIS: `${appUrl}/login`,
};

function run(cmd, args, label) {
  const result = spawnSync(cmd, args, { cwd: root, env: demoEnv, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`npm start: ${label} failed`);
    process.exit(result.status ?? 1);
  }
}

function newestMtime(entry) {
  const full = path.join(root, entry);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(full).map((child) => newestMtime(path.join(entry, child))));
}

function buildIsStale() {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const sources = [
    "app",
    "components",
    "lib",
    "next.config.js",
    "package-lock.json",
    "postcss.config.mjs",
    "proxy.ts",
    "prisma/schema.prisma",
  ];
  return Math.max(...sources.map(newestMtime)) > statSync(buildId).mtimeMs;
}

async function waitFor(url, seconds) {
  for (let i = 0; i < seconds * 5; i++) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${seconds}s`);
}

mkdirSync(path.join(root, "data"), { recursive: true });
// --fresh (used by the e2e suite): start from an empty SQLite database, so every run syncs and sees only its own runs.
if (process.argv.includes("--fresh") && demoEnv.DATABASE_URL.startsWith("file:")) {
  rmSync(path.resolve(root, demoEnv.DATABASE_URL.slice("file:".length)), { force: true });
}
run(bin("prisma"), ["migrate", "deploy"], "database migration");
if (buildIsStale()) {
  // A dev server's generated route types can name pages that no longer exist and fail the build's type check.
  rmSync(path.join(root, ".next", "dev", "types"), { recursive: true, force: true });
  run(bin("next"), ["build"], "next build");
}

const children = [];
const stopAll = (code) => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  process.exit(code);
};
process.on("SIGINT", () => stopAll(0));
process.on("SIGTERM", () => stopAll(0));

const emulator = spawn(process.execPath, ["--import", "tsx", "emulator/main.ts"], {
  cwd: root,
  env: demoEnv,
  stdio: "inherit",
});
children.push(emulator);
emulator.on("exit", (code) => {
  console.error(`emulator exited (${code})`);
  stopAll(1);
});
await waitFor(`${emulatorUrl}/_emulator/state`, 60);

const idp = spawn(process.execPath, ["--import", "tsx", "idp/main.ts"], { cwd: root, env: demoEnv, stdio: "inherit" });
children.push(idp);
idp.on("exit", (code) => {
  console.error(`identity provider exited (${code})`);
  stopAll(1);
});
await waitFor(`${idpUrl}/.well-known/openid-configuration`, 60);

const app = spawn(bin("next"), ["start", "-p", port], { cwd: root, env: demoEnv, stdio: "inherit" });
children.push(app);
app.on("exit", (code) => {
  console.error(`dashboard exited (${code})`);
  stopAll(code ?? 1);
});
await waitFor(`http://127.0.0.1:${port}/api/health`, 120);
console.log(
  `\n  MSF fleet dashboard: ${appUrl}  (emulated AWS at ${emulatorUrl}, sign-in at the local identity provider ${idpUrl})\n`,
);
