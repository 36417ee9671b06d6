import type { ServerResponse } from "node:http";
import type { EmuError } from "../core/types";

export interface RenderedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function send(res: ServerResponse, requestId: string, rendered: RenderedResponse): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(rendered.status, {
    ...rendered.headers,
    "x-amzn-RequestId": requestId,
    "Content-Length": String(Buffer.byteLength(rendered.body)),
  });
  res.end(rendered.body);
}

export function msfJson(body: unknown): RenderedResponse {
  return { status: 200, headers: { "Content-Type": "application/x-amz-json-1.1" }, body: JSON.stringify(body ?? {}) };
}

/** AWS JSON 1.1 error: __type + Message (TooManyTagsException models a lower-case `message`). */
export function msfError(err: EmuError): RenderedResponse {
  const messageKey = err.code === "TooManyTagsException" ? "message" : "Message";
  return {
    status: err.httpStatus,
    headers: { "Content-Type": "application/x-amz-json-1.1", "X-Amzn-ErrorType": err.code },
    body: JSON.stringify({ __type: err.code, [messageKey]: err.message }),
  };
}

export function controlJson(status: number, body: unknown): RenderedResponse {
  return { status, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
}
