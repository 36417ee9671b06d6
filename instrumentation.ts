export async function register() {
  // The literal `process.env.NEXT_RUNTIME` (not lib/env.ts) lets Next drop this branch from the Edge bundle:
  // the worker needs Node (SQLite, the AWS SDK) and only starts in the Node runtime.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { env } = await import("@/lib/env");
    if (env().WORKER === "off") return;
    const { startWorker } = await import("@/lib/worker");
    startWorker();
  }
}
