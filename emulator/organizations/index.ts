// AWS Organizations (AWS JSON 1.1, X-Amz-Target AWSOrganizationsV20161128.*): ListAccounts only.
import { EmuError } from "../core/types";
import type { RenderedResponse } from "../http/respond";
import type { Identity } from "../identity/identity";
import { organizationsErrorBody, organizationsFaultError } from "./errors";
import { listAccounts } from "./list-accounts";

export function handleOrganizations(operation: string, input: unknown, caller: Identity): unknown {
  if (operation !== "ListAccounts") {
    throw new EmuError(
      "UnknownOperationException",
      `Unknown operation ${operation} (emulator supports: ListAccounts).`,
    );
  }
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new EmuError("SerializationException", "Request body must be a JSON object.");
  }
  return listAccounts(input as Record<string, unknown>, caller);
}

export function organizationsErrorResponse(err: EmuError): RenderedResponse {
  const error = organizationsFaultError(err);
  return {
    status: error.httpStatus,
    headers: { "Content-Type": "application/x-amz-json-1.1", "X-Amzn-ErrorType": error.code },
    body: JSON.stringify(organizationsErrorBody(error)),
  };
}
