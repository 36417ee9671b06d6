// `node scripts/with-postgres.mjs <command…>`: runs the command with TEST_POSTGRES_URL pointing at a PostgreSQL
// server. With TEST_POSTGRES_URL already set, that server; otherwise a throwaway cluster in a temp directory from
// Debian's postgresql package (apt-get install -y postgresql), C locale (byte order, as SQLite sorts), stopped after.
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const command = process.argv.slice(2);
if (!command.length) throw new Error("usage: node scripts/with-postgres.mjs <command…>");

function binDir() {
  const base = "/usr/lib/postgresql";
  const versions = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((v) => path.join(base, v, "bin")).find((dir) => existsSync(path.join(dir, "initdb")));
  if (!found) throw new Error("PostgreSQL is not installed: apt-get install -y postgresql (or set TEST_POSTGRES_URL)");
  return found;
}

// PostgreSQL refuses to run as root: as root, its tools run as the postgres user the package created.
const asServerUser = (file, args) =>
  process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", file, ...args]] : [file, args];

function run(file, args) {
  const [cmd, argv] = asServerUser(file, args);
  execFileSync(cmd, argv, { stdio: ["ignore", "ignore", "inherit"] });
}

async function main() {
  if (process.env.TEST_POSTGRES_URL) return exec(process.env.TEST_POSTGRES_URL);
  const bin = binDir();
  const dir = mkdtempSync(path.join(os.tmpdir(), "msf-pg-"));
  chmodSync(dir, 0o777);
  if (process.getuid?.() === 0) execFileSync("chown", ["postgres", dir]);
  const port = String(5499 + Math.floor(Math.random() * 400));
  run(path.join(bin, "initdb"), ["-D", dir, "-A", "trust", "-U", "postgres", "--locale=C", "-E", "UTF8"]);
  // Durability is not under test: a throwaway cluster that syncs nothing to disk runs the suite faster.
  const options = `-p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  run(path.join(bin, "pg_ctl"), ["-D", dir, "-o", options, "-l", path.join(dir, "log"), "-w", "start"]);
  try {
    return await exec(`postgresql://postgres@127.0.0.1:${port}/postgres`);
  } finally {
    run(path.join(bin, "pg_ctl"), ["-D", dir, "-m", "immediate", "stop"]);
    rmSync(dir, { recursive: true, force: true });
  }
}

function exec(url) {
  return new Promise((resolve) => {
    const child = spawn(command[0], command.slice(1), {
      stdio: "inherit",
      env: { ...process.env, TEST_POSTGRES_URL: url },
      shell: process.platform === "win32",
    });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error.message ?? error);
    process.exit(1);
  },
);
