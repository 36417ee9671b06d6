// Refused credentials in each protocol's words. JSON services answer ExpiredTokenException (HTTP 400, what they
// send in practice; the generic "Common Errors" table says 403) and UnrecognizedClientException (403); the
// awsQuery family (STS, CloudWatch's query-compatible JSON) answers ExpiredToken / InvalidClientTokenId, both 403.
import { EmuError } from "../core/types";
import type { CredentialProblem } from "./identity";

export const EXPIRED_MESSAGE = "The security token included in the request is expired";
export const INVALID_MESSAGE = "The security token included in the request is invalid.";

/** kinesisanalytics, logs, organizations (AWS JSON 1.1). */
export function jsonCredentialError(problem: CredentialProblem): EmuError {
  return problem === "expired"
    ? new EmuError("ExpiredTokenException", EXPIRED_MESSAGE, 400)
    : new EmuError("UnrecognizedClientException", INVALID_MESSAGE, 403);
}

/** CloudWatch: __type for JSON clients, the awsQuery code (x-amzn-query-error) the SDK names the error after. */
export function cloudWatchCredentialError(problem: CredentialProblem): EmuError {
  return problem === "expired"
    ? new EmuError("ExpiredTokenException", EXPIRED_MESSAGE, 403, "ExpiredToken")
    : new EmuError("UnrecognizedClientException", INVALID_MESSAGE, 403, "InvalidClientTokenId");
}

/** STS (awsQuery): the XML <Code> is the query code. */
export function stsCredentialError(problem: CredentialProblem): EmuError {
  return problem === "expired"
    ? new EmuError("ExpiredToken", EXPIRED_MESSAGE, 403, "ExpiredToken")
    : new EmuError("InvalidClientTokenId", INVALID_MESSAGE, 403, "InvalidClientTokenId");
}
