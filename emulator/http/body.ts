import type { IncomingMessage } from "node:http";

export const MAX_BODY_BYTES = 1024 * 1024;
// Beyond this we stop draining and drop the connection instead of reading forever.
const MAX_DRAIN_BYTES = 64 * 1024 * 1024;

export type BodyResult = { ok: true; text: string } | { ok: false; reason: "too-large" | "aborted" };

export function readBody(req: IncomingMessage): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: BodyResult) => {
      if (!settled) {
        settled = true;
        resolve(result);
      }
    };
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else if (size > MAX_DRAIN_BYTES) req.destroy();
    });
    req.on("end", () =>
      settle(
        size > MAX_BODY_BYTES
          ? { ok: false, reason: "too-large" }
          : { ok: true, text: Buffer.concat(chunks).toString("utf8") },
      ),
    );
    req.on("error", () => settle({ ok: false, reason: "aborted" }));
    req.on("close", () =>
      settle(size > MAX_BODY_BYTES ? { ok: false, reason: "too-large" } : { ok: false, reason: "aborted" }),
    );
  });
}
