// CloudWatch's query-compatible JSON 1.0 errors: the SDK resolves the exception class from the awsQuery code in
// `x-amzn-query-error` (e.g. "InvalidParameterValue;Sender" -> InvalidParameterValueException), then falls back to
// `__type`. Codes with no modelled shape (Throttling, InternalFailure) become a CloudWatchServiceException whose
// `name` is the code, which the SDK retry strategy still recognises (Throttling) or retries by status (5xx).
import { EmuError } from "../core/types";

interface QueryErrorInfo {
  /** Smithy shape name sent as __type. */
  type: string;
  status: number;
}

const QUERY_ERRORS: Record<string, QueryErrorInfo> = {
  InvalidParameterValue: { type: "InvalidParameterValueException", status: 400 },
  MissingParameter: { type: "MissingRequiredParameterException", status: 400 },
  InvalidParameterCombination: { type: "InvalidParameterCombinationException", status: 400 },
  InvalidNextToken: { type: "InvalidNextToken", status: 400 },
  ValidationError: { type: "ValidationException", status: 400 },
  ResourceNotFound: { type: "ResourceNotFound", status: 404 },
  LimitExceeded: { type: "LimitExceededFault", status: 400 },
  LimitExceededException: { type: "LimitExceededException", status: 400 },
  InternalServiceError: { type: "InternalServiceFault", status: 500 },
  Throttling: { type: "Throttling", status: 400 },
  InvalidAction: { type: "UnknownOperationException", status: 400 },
};

const QUERY_CODE_BY_TYPE: Record<string, string> = {
  ...Object.fromEntries(Object.entries(QUERY_ERRORS).map(([code, info]) => [info.type, code])),
  ThrottlingException: "Throttling",
};

/** An EmuError carrying CloudWatch's awsQuery code; __type and status follow from the code. */
export function cloudWatchError(queryCode: keyof typeof QUERY_ERRORS, message: string): EmuError {
  const info = QUERY_ERRORS[queryCode]!;
  return new EmuError(info.type, message, info.status, queryCode);
}

export const invalidParameterValue = (message: string) => cloudWatchError("InvalidParameterValue", message);
export const missingParameter = (message: string) => cloudWatchError("MissingParameter", message);
export const invalidParameterCombination = (message: string) => cloudWatchError("InvalidParameterCombination", message);
export const validationError = (message: string) => cloudWatchError("ValidationError", message);
export const invalidNextToken = (message: string) => cloudWatchError("InvalidNextToken", message);

export function cloudWatchErrorResponse(err: EmuError): {
  status: number;
  headers: Record<string, string>;
  body: string;
} {
  const queryCode = err.queryCode ?? QUERY_CODE_BY_TYPE[err.code] ?? err.code;
  const type = QUERY_ERRORS[queryCode]?.type ?? err.code;
  const status = err.httpStatus;
  return {
    status,
    headers: {
      "Content-Type": "application/x-amz-json-1.0",
      "x-amzn-query-error": `${queryCode};${status >= 500 ? "Receiver" : "Sender"}`,
    },
    // Some shapes model `message`, others `Message` (InternalServiceFault, LimitExceededException): send both.
    body: JSON.stringify({ __type: type, message: err.message, Message: err.message }),
  };
}
