// Shared pieces of the benchmarks: child processes for the emulator and the app, timing helpers.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export const root = path.resolve(__dirname, "..");

export async function waitForUrl(url: string, seconds: number): Promise<void> {
  for (let i = 0; i < seconds * 10; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer within ${seconds}s`);
}

export async function startEmulatorProcess(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const port = env.EMULATOR_PORT ?? "4610";
  const child = spawn(process.execPath, ["--import", "tsx", "emulator/main.ts"], {
    cwd: root,
    env: { ...process.env, ...env, EMULATOR_PORT: port },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForUrl(`${url}/_emulator/state`, 120);
  return { url, child };
}

export async function startAppProcess(port: string, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-p", port], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  await waitForUrl(`http://127.0.0.1:${port}/api/health`, 120);
  return child;
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export function printTable(title: string, rows: Record<string, string | number>[]): void {
  console.log(`\n${title}`);
  console.table(rows);
}

/**
 * Points the app's own modules at the emulator and a fresh database (before any of them is imported), with the
 * approval rule off: the benches measure the engine, not how fast a second person clicks.
 */
export function pointAppAt(emulatorUrl: string, regions: string[], dbFile: string, extra: Record<string, string> = {}) {
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: emulatorUrl,
    AWS_REGION: regions[0]!,
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_EC2_METADATA_DISABLED: "true",
    DATABASE_URL: `file:${dbFile}`,
    MSF_REGIONS: regions.join(","),
    APPROVAL_TAG: "",
    APPROVAL_RISK: "off",
    ...extra,
  });
}
