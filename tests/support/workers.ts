// Real worker processes (scripts/worker.ts), as separate app instances or a deployment's `npm run worker`: started
// with this process's environment (same emulator, same database), killed with SIGKILL as a crash would.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const root = path.resolve(__dirname, "../..");
const running = new Set<ChildProcess>();

export function startWorker(): ChildProcess {
  const worker = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    cwd: root,
    env: { ...process.env },
    stdio: "ignore",
  });
  running.add(worker);
  worker.once("exit", () => running.delete(worker));
  return worker;
}

export async function killWorker(worker: ChildProcess): Promise<void> {
  if (worker.exitCode !== null || worker.signalCode !== null) return;
  const exited = new Promise((r) => worker.once("exit", r));
  worker.kill("SIGKILL");
  await exited;
}

/** Every worker still running (between tests). */
export async function killAllWorkers(): Promise<void> {
  for (const worker of [...running]) await killWorker(worker);
}

/** Reads until `ok` holds or the time is up; returns the last value read either way. */
export async function waitFor<T>(
  read: () => Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs: number,
  everyMs = 15,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
