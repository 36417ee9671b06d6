// S3's wire format: XML bodies (REST-XML, namespace 2006-03-01), the <Error> document, request ids and dates.
import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";

export const S3_NS = "http://s3.amazonaws.com/doc/2006-03-01/";
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** An S3 error: `code` is the <Code>, `fields` the extra elements S3 adds (Key, BucketName, …) in order. */
export class S3Error extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly fields: [string, string][] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const noSuchBucket = (bucket: string) =>
  new S3Error("NoSuchBucket", "The specified bucket does not exist", 404, [["BucketName", bucket]]);
export const noSuchKey = (key: string) =>
  new S3Error("NoSuchKey", "The specified key does not exist.", 404, [["Key", key]]);
export const accessDenied = (headers: Record<string, string> = {}) =>
  new S3Error("AccessDenied", "Access Denied", 403, [], headers);
export const invalidArgument = (message: string, name?: string, value?: string) =>
  new S3Error(
    "InvalidArgument",
    message,
    400,
    name === undefined
      ? []
      : [
          ["ArgumentName", name],
          ["ArgumentValue", value ?? ""],
        ],
  );
export const notImplemented = (what = "A header you provided implies functionality that is not implemented") =>
  new S3Error("NotImplemented", what, 501);

export interface S3Response {
  status: number;
  headers: Record<string, string>;
  body?: Uint8Array | string;
}

/** S3's request ids: 16 upper-case hex characters; x-amz-id-2 is an opaque base64 token. */
export function s3RequestId(): string {
  return randomBytes(8).toString("hex").toUpperCase();
}
export function s3HostId(): string {
  return randomBytes(57).toString("base64");
}

/** XML 1.0 text: the five predefined entities, other control characters as character references. */
export function xmlText(value: string): string {
  return value.replace(/[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, (c) => {
    switch (c) {
      case "&":
        return "&amp;";
      case "<":
        return "&lt;";
      case ">":
        return "&gt;";
      case '"':
        return "&quot;";
      case "'":
        return "&apos;";
      default:
        return `&#x${c.charCodeAt(0).toString(16).toUpperCase()};`;
    }
  });
}

export const element = (name: string, value: string | number | boolean) =>
  `<${name}>${xmlText(String(value))}</${name}>`;

export function xmlDocument(root: string, inner: string, namespace = true): string {
  return `${XML_DECLARATION}<${root}${namespace ? ` xmlns="${S3_NS}"` : ""}>${inner}</${root}>`;
}

export function xmlResponse(root: string, inner: string, headers: Record<string, string> = {}): S3Response {
  return { status: 200, headers: { "Content-Type": "application/xml", ...headers }, body: xmlDocument(root, inner) };
}

export function errorResponse(err: S3Error, requestId: string, hostId: string): S3Response {
  const inner =
    element("Code", err.code) +
    element("Message", err.message) +
    err.fields.map(([name, value]) => element(name, value)).join("") +
    element("RequestId", requestId) +
    element("HostId", hostId);
  return {
    status: err.status,
    headers: { "Content-Type": "application/xml", ...err.headers },
    body: xmlDocument("Error", inner, false),
  };
}

/** RFC 1123 (Last-Modified, Date): "Wed, 12 Oct 2009 17:50:00 GMT". */
export const httpDate = (ms: number) => new Date(ms).toUTCString();
/** ISO 8601 with milliseconds, as S3 lists dates: "2009-10-12T17:50:30.000Z". */
export const isoDate = (ms: number) => new Date(ms).toISOString();

/** Canonical user id of an account (64 hex characters, stable per account). */
export function canonicalUserId(accountId: string): string {
  let out = "";
  let h = 0x811c9dc5;
  for (let i = 0; out.length < 64; i++) {
    h ^= accountId.charCodeAt(i % accountId.length) + i;
    h = Math.imul(h, 16777619) >>> 0;
    out += h.toString(16).padStart(8, "0");
  }
  return out.slice(0, 64);
}

export function sendS3(
  res: ServerResponse,
  requestId: string,
  hostId: string,
  response: S3Response,
  head: boolean,
): void {
  if (res.headersSent || res.destroyed) return;
  const body = response.body === undefined ? new Uint8Array(0) : response.body;
  const length = typeof body === "string" ? Buffer.byteLength(body) : body.length;
  res.writeHead(response.status, {
    "x-amz-request-id": requestId,
    "x-amz-id-2": hostId,
    Server: "AmazonS3",
    // HEAD (and 304) answers carry no body; an object's own Content-Length is set by the handler.
    ...(head || response.status === 304 ? {} : { "Content-Length": String(length) }),
    ...response.headers,
  });
  if (head || response.status === 304) res.end();
  else res.end(body);
}
