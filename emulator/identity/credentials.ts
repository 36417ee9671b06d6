// Temporary credentials in AWS's shapes: ASIA access key ids, 40-character secrets, opaque session tokens, and the
// stable unique ids IAM gives users (AIDA…) and roles (AROA…).
import { createHash, randomBytes } from "node:crypto";

// AWS key ids are base32 upper case (A–Z, 2–7).
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function base32(bytes: Uint8Array, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += BASE32[(bytes[i] ?? 0) % BASE32.length];
  return out;
}

/** Keys of STS sessions start with ASIA (long-term IAM user keys with AKIA). */
export const isSessionKey = (accessKeyId: string) => accessKeyId.startsWith("ASIA");

export function newSessionAccessKeyId(): string {
  return `ASIA${base32(randomBytes(16), 16)}`;
}

export function newSecretAccessKey(): string {
  return randomBytes(30).toString("base64");
}

/** Looks like a v2 (all-regions) STS token: base64, a few hundred characters. */
export function newSessionToken(): string {
  return `IQoJb3JpZ2luX2VjE${randomBytes(270).toString("base64")}`;
}

/** IAM unique id: a 4-letter kind prefix and 17 base32 characters, stable for the same principal. */
export function uniqueIdOf(prefix: "AIDA" | "AROA", principalArn: string): string {
  return `${prefix}${base32(createHash("sha256").update(principalArn).digest(), 17)}`;
}
