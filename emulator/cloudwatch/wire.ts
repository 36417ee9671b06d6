// Reading the JSON 1.0 request body: epoch-second timestamps, dimensions, opaque pagination tokens.
import type { EmuError } from "../core/types";
import type { Dimension } from "./metric-catalog";

export type Body = Record<string, unknown>;

export function asBody(input: unknown): Body {
  return input !== null && typeof input === "object" && !Array.isArray(input) ? (input as Body) : {};
}

/** Epoch seconds (the SDK's wire format; fractions allowed) or an ISO-8601 string -> epoch ms. */
export function readTimestamp(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return Math.round(value * 1000);
  if (typeof value === "string" && value.trim() !== "") {
    const asNumber = Number(value);
    if (Number.isFinite(asNumber)) return Math.round(asNumber * 1000);
    const parsed = Date.parse(value);
    if (Number.isFinite(parsed)) return parsed;
  }
  return undefined;
}

export function readDimensions(value: unknown, field: string, fail: (message: string) => EmuError): Dimension[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw fail(`The parameter ${field} must be a list.`);
  return value.map((item: unknown, i) => {
    const dim = asBody(item);
    if (typeof dim.Name !== "string" || typeof dim.Value !== "string") {
      throw fail(`The parameter ${field}.member.${i + 1} must have a Name and a Value.`);
    }
    return { Name: dim.Name, Value: dim.Value };
  });
}

export function encodeToken(payload: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");
}

export function decodeToken(token: unknown): Record<string, unknown> | undefined {
  if (typeof token !== "string" || token === "") return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    return parsed !== null && typeof parsed === "object" ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
