import { createHash, randomUUID } from "node:crypto";

const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Short opaque id, stable for the same input (operation ids look like "Xd3B8sKyTd"). */
export function shortId(input: string, length = 10): string {
  const digest = createHash("sha256").update(input).digest();
  let id = "";
  for (let i = 0; i < length; i++) id += alphabet[(digest[i] ?? 0) % alphabet.length];
  return id;
}

/** Opaque ConditionalToken; changes whenever version or status changes (EMU-REC). */
export function conditionalToken(arn: string, versionId: number, changeSeq: number): string {
  return createHash("sha256").update(`${arn}|${versionId}|${changeSeq}`).digest("base64").slice(0, 24);
}

export function newRequestId(): string {
  return randomUUID();
}
