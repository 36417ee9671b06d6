// The worker as its own process (for deployments that keep it out of the web server, and for the
// crash-and-resume tests). It keeps the event loop alive until it is killed.
import { startWorker, workerId } from "@/lib/worker";

startWorker();
console.log(`${workerId} started`);
setInterval(() => undefined, 60_000);
