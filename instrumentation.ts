export async function register() {
  // The worker needs Node APIs (SQLite, the AWS SDK); the edge runtime never starts it.
  const { env } = await import("@/lib/env");
  if (env().NEXT_RUNTIME !== "nodejs") return;
  const { startWorker } = await import("@/lib/worker");
  startWorker();
}
