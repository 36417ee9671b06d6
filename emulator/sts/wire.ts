// STS's awsQuery wire format: `<Action>Response` documents with a `<Action>Result` and ResponseMetadata, and the
// `<ErrorResponse>` document (Type Sender|Receiver, Code, Message, RequestId), all text/xml.
import { EmuError } from "../core/types";
import type { RenderedResponse } from "../http/respond";
import { element } from "../s3/wire";

const STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";
export const STS_VERSION = "2011-06-15";

export { element };

export function stsResult(action: string, resultInner: string, requestId: string): RenderedResponse {
  const body =
    `<${action}Response xmlns="${STS_NS}"><${action}Result>${resultInner}</${action}Result>` +
    `<ResponseMetadata>${element("RequestId", requestId)}</ResponseMetadata></${action}Response>`;
  return { status: 200, headers: { "Content-Type": "text/xml" }, body };
}

/** Codes of the shared fault injector in STS's words. */
const FAULT_CODES: Record<string, { code: string; status: number }> = {
  AccessDeniedException: { code: "AccessDenied", status: 403 },
  ThrottlingException: { code: "Throttling", status: 400 },
};

export function stsError(err: EmuError, requestId: string): RenderedResponse {
  const mapped = FAULT_CODES[err.code];
  const code = mapped?.code ?? err.queryCode ?? err.code;
  const status = mapped?.status ?? err.httpStatus;
  const body =
    `<ErrorResponse xmlns="${STS_NS}"><Error>${element("Type", status >= 500 ? "Receiver" : "Sender")}` +
    `${element("Code", code)}${element("Message", err.message)}</Error>${element("RequestId", requestId)}` +
    `</ErrorResponse>`;
  return { status, headers: { "Content-Type": "text/xml" }, body };
}

export const validationError = (message: string) => new EmuError("ValidationError", message, 400, "ValidationError");

/** Epoch ms → the ISO form STS answers (whole seconds). */
export const stsDate = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
