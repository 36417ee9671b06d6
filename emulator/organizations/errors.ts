// AWS Organizations' errors (AWS JSON 1.1, statuses from its model) and the shared fault injector's errors in its
// words: throttling is TooManyRequestsException (429), an internal error ServiceException (500).
import { EmuError } from "../core/types";

export const notInUse = () =>
  new EmuError("AWSOrganizationsNotInUseException", "Your account is not a member of an organization.", 404);

export const memberAccessDenied = () =>
  new EmuError("AccessDeniedException", "You don't have permissions to access this resource.", 403);

/** InvalidInputException carries a Reason (INVALID_NEXT_TOKEN, MAX_VALUE_EXCEEDED, …). */
export class InvalidInput extends EmuError {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super("InvalidInputException", message, 400);
  }
}

export function organizationsFaultError(err: EmuError): EmuError {
  switch (err.code) {
    case "ThrottlingException":
      return new EmuError(
        "TooManyRequestsException",
        "You have sent too many requests in too short a period of time. Try again later.",
        429,
      );
    case "AccessDeniedException":
      return new EmuError(err.code, err.message, 403);
    case "InternalFailure":
      return new EmuError(
        "ServiceException",
        "AWS Organizations can't complete your request because of an internal service error. Try again later.",
        500,
      );
    default:
      return err;
  }
}

export function organizationsErrorBody(err: EmuError): Record<string, string> {
  return {
    __type: err.code,
    Message: err.message,
    ...(err instanceof InvalidInput ? { Reason: err.reason } : {}),
  };
}
