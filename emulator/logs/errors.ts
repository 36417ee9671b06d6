// CloudWatch Logs errors: AWS JSON 1.1 with a lower-case `message`, as the service answers
// (`{"__type": "ResourceNotFoundException", "message": "The specified log group does not exist."}`).
import { EmuError } from "../core/types";
import type { RenderedResponse } from "../http/respond";

export const GROUP_NOT_FOUND = "The specified log group does not exist.";

export function logsErrorResponse(err: EmuError): RenderedResponse {
  return {
    status: err.httpStatus,
    headers: { "Content-Type": "application/x-amz-json-1.1", "X-Amzn-ErrorType": err.code },
    body: JSON.stringify({ __type: err.code, message: err.message }),
  };
}

export function logsJson(body: unknown): RenderedResponse {
  return { status: 200, headers: { "Content-Type": "application/x-amz-json-1.1" }, body: JSON.stringify(body ?? {}) };
}

export function invalidParameter(message: string): EmuError {
  return new EmuError("InvalidParameterException", message);
}

export function resourceNotFound(message: string): EmuError {
  return new EmuError("ResourceNotFoundException", message);
}

export function malformedQuery(message: string): EmuError {
  return new EmuError("MalformedQueryException", message);
}
