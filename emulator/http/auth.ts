// Caller identity from the SigV4 Authorization header. Signatures are not verified.
import { DEFAULT_ACCOUNT_ID } from "../seed/spec";

export interface Caller {
  accessKeyId: string;
  accountId: string;
  region: string;
  service: string;
}

const CREDENTIAL = /Credential=([^/,\s]+)\/(\d{8})\/([a-z0-9-]+)\/([a-zA-Z0-9-]+)\/aws4_request/;

export type AuthResult = { ok: true; caller: Caller } | { ok: false; code: string; message: string };

export function parseAuthorization(header: string | undefined): AuthResult {
  if (!header) {
    return { ok: false, code: "MissingAuthenticationTokenException", message: "Missing Authentication Token" };
  }
  const match = CREDENTIAL.exec(header);
  if (!header.startsWith("AWS4-HMAC-SHA256") || !match) {
    return {
      ok: false,
      code: "IncompleteSignatureException",
      message:
        "Authorization header requires 'Credential' parameter of the form AKID/date/region/service/aws4_request.",
    };
  }
  const [, accessKeyId = "", , region = "", service = ""] = match;
  return {
    ok: true,
    caller: {
      accessKeyId,
      region,
      service,
      accountId: /^\d{12}$/.test(accessKeyId) ? accessKeyId : DEFAULT_ACCOUNT_ID,
    },
  };
}
