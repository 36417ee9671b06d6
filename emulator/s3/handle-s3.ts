// HTTP entry of S3 on the emulator's endpoint: path-style `/<bucket>/<key>` (and `<bucket>.localhost` virtual
// hosts), routed here when the request is signed for service `s3` (Authorization credential scope or presigned
// X-Amz-Credential) or is an unsigned GET/HEAD/PUT/DELETE on a bucket path. Per request: count it (service "s3"),
// injected faults, bucket (NoSuchBucket), region (PermanentRedirect), owner / deny flag (AccessDenied), operation.
import { delay } from "../http/delay";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { FaultDecision } from "../core/faults";
import type { RequestDeps } from "../http/handle-request";
import { parseAuthorization, type Caller } from "../http/auth";
import type { CredentialProblem, IdentityService } from "../identity/identity";
import { checksumOf, decodeAwsChunked, readBinaryBody, verifyIntegrity } from "./body";
import { listBuckets, listObjectsV1, listObjectsV2 } from "./list";
import { abortMultipartUpload, completeMultipartUpload, createMultipartUpload, uploadPart } from "./multipart";
import { etagOf, type S3Bucket, type S3Object, type S3Store } from "./store";
import {
  S3Error,
  accessDenied,
  errorResponse,
  httpDate,
  invalidArgument,
  noSuchBucket,
  noSuchKey,
  notImplemented,
  s3HostId,
  s3RequestId,
  sendS3,
  xmlDocument,
  type S3Response,
} from "./wire";

const S3_SCOPE = /Credential=[^/,\s]+\/\d{8}\/[a-z0-9-]+\/s3\/aws4_request/;
const QUERY_SCOPE = /(?:^|&)X-Amz-Credential=[^&]*(?:\/|%2F)s3(?:\/|%2F)aws4_request/i;
const VIRTUAL_HOST = /^([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\.(?:localhost|s3[.-][a-z0-9.-]*amazonaws\.com)(?::\d+)?$/;

/** Whether a request (not /_emulator, not /_flink) is an S3 request. */
export function isS3Request(req: IncomingMessage, rawPath: string, rawQuery: string): boolean {
  if (req.headers["x-amz-target"] !== undefined) return false;
  const auth = header(req, "authorization");
  if (auth !== undefined) return S3_SCOPE.test(auth);
  if (QUERY_SCOPE.test(rawQuery)) return true;
  // Unsigned: only object/bucket paths with S3's methods (the other services are all signed POSTs to "/").
  const method = req.method ?? "GET";
  const virtual = VIRTUAL_HOST.test(header(req, "host") ?? "");
  return ["GET", "HEAD", "PUT", "DELETE"].includes(method) && (rawPath.length > 1 || virtual);
}

interface ParsedRequest {
  method: string;
  bucket?: string;
  key?: string;
  query: URLSearchParams;
  operation: string;
  /** Signed caller; undefined = anonymous. */
  caller?: Caller;
  authError?: S3Error;
}

const OBJECT_SUBRESOURCES = ["acl", "tagging", "attributes", "legal-hold", "retention", "torrent", "restore", "select"];

function operationOf(method: string, bucket: string | undefined, key: string | undefined, q: URLSearchParams): string {
  if (bucket === undefined) return method === "GET" ? "ListBuckets" : "(unsupported)";
  if (key === undefined) {
    if (method === "HEAD") return "HeadBucket";
    if (method === "GET") {
      if (q.has("location")) return "GetBucketLocation";
      if (q.get("list-type") === "2") return "ListObjectsV2";
      const sub = [...q.keys()].find(
        (k) => !["prefix", "delimiter", "marker", "max-keys", "encoding-type", "x-id"].includes(k),
      );
      return sub === undefined ? "ListObjects" : "(unsupported)";
    }
    return method === "PUT" ? "CreateBucket" : method === "DELETE" ? "DeleteBucket" : "(unsupported)";
  }
  if (method === "POST" && q.has("uploads")) return "CreateMultipartUpload";
  if (q.has("uploadId")) {
    if (method === "PUT") return "UploadPart";
    if (method === "POST") return "CompleteMultipartUpload";
    if (method === "DELETE") return "AbortMultipartUpload";
    return "ListParts";
  }
  if (OBJECT_SUBRESOURCES.some((s) => q.has(s))) return "(unsupported)";
  if (method === "GET") return "GetObject";
  if (method === "HEAD") return "HeadObject";
  if (method === "PUT") return "PutObject";
  if (method === "DELETE") return "DeleteObject";
  return "(unsupported)";
}

function parseRequest(req: IncomingMessage, rawPath: string, rawQuery: string, now: number): ParsedRequest {
  const method = req.method ?? "GET";
  const query = new URLSearchParams(rawQuery);
  let bucket: string | undefined;
  let key: string | undefined;
  let badUri = false;
  const decode = (text: string) => {
    try {
      return decodeURIComponent(text);
    } catch {
      badUri = true;
      return text;
    }
  };
  const virtual = VIRTUAL_HOST.exec(header(req, "host") ?? "");
  if (virtual) {
    bucket = virtual[1];
    key = rawPath.length > 1 ? decode(rawPath.slice(1)) : undefined;
  } else if (rawPath.length > 1) {
    const rest = rawPath.slice(1);
    const slash = rest.indexOf("/");
    bucket = decode(slash < 0 ? rest : rest.slice(0, slash));
    const rawKey = slash < 0 ? "" : rest.slice(slash + 1);
    key = rawKey === "" ? undefined : decode(rawKey);
  }
  const parsed: ParsedRequest = { method, bucket, key, query, operation: operationOf(method, bucket, key, query) };
  if (badUri) parsed.authError = new S3Error("InvalidURI", "Couldn't parse the specified URI.", 400);
  const auth = header(req, "authorization");
  if (auth !== undefined) {
    const result = parseAuthorization(auth);
    if (result.ok) parsed.caller = result.caller;
    else
      parsed.authError ??= new S3Error("AuthorizationHeaderMalformed", "The authorization header is malformed.", 400);
    if (result.ok && header(req, "x-amz-content-sha256") === undefined) {
      parsed.authError ??= new S3Error(
        "InvalidRequest",
        "Missing required header for this request: x-amz-content-sha256",
        400,
      );
    }
  } else if (query.has("X-Amz-Credential")) {
    const presigned = readPresigned(query, now);
    if (presigned instanceof S3Error) parsed.authError ??= presigned;
    else parsed.caller = presigned;
  }
  return parsed;
}

/** Query-string (presigned URL) auth: credential scope, X-Amz-Date + X-Amz-Expires (≤ 7 days), not expired. */
function readPresigned(query: URLSearchParams, now: number): Caller | S3Error {
  const credential = query.get("X-Amz-Credential") ?? "";
  const result = parseAuthorization(`AWS4-HMAC-SHA256 Credential=${credential}, SignedHeaders=host, Signature=0`);
  const date = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(query.get("X-Amz-Date") ?? "");
  const expires = query.get("X-Amz-Expires") ?? "";
  if (!result.ok || !date || !/^\d+$/.test(expires) || !query.get("X-Amz-Signature")) {
    return new S3Error(
      "AuthorizationQueryParametersError",
      "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.",
      400,
    );
  }
  if (Number(expires) > 604_800) {
    return new S3Error(
      "AuthorizationQueryParametersError",
      "X-Amz-Expires must be less than a week (in seconds) that is 604800",
      400,
    );
  }
  const [, y, mo, d, h, mi, s] = date.map(Number) as number[];
  const signedAt = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  const expiresAt = signedAt + Number(expires) * 1000;
  if (now > expiresAt) {
    return new S3Error("AccessDenied", "Request has expired", 403, [
      ["X-Amz-Expires", expires],
      ["Expires", new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, "Z")],
      ["ServerTime", new Date(now).toISOString().replace(/\.\d{3}Z$/, "Z")],
    ]);
  }
  return result.caller;
}

/** `flink-demo-flink-1.20-b2.jar` → `flink-demo` (the app a code key belongs to, for /_emulator/calls). */
function appOfKey(key: string | undefined): string | undefined {
  return key === undefined ? undefined : /^(?:.*\/)?(.+?)-flink-\d+\.\d+(?:-b\d+)?\.(?:jar|zip)$/.exec(key)?.[1];
}

export async function handleS3(
  req: IncomingMessage,
  res: ServerResponse,
  rawPath: string,
  rawQuery: string,
  deps: RequestDeps,
): Promise<void> {
  const requestId = s3RequestId();
  const hostId = s3HostId();
  const now = deps.now();
  const parsed = parseRequest(req, rawPath, rawQuery, now);
  const { accountId, sessionName } = resolveCaller(parsed, req, deps.identity, now);
  const head = parsed.method === "HEAD";
  const region = parsed.caller?.region ?? "unknown";
  const callKey = {
    accountId,
    service: "s3" as const,
    region,
    operation: parsed.operation,
    app: appOfKey(parsed.key),
    sessionName,
  };
  const answer = (response: S3Response) => sendS3(res, requestId, hostId, response, head);
  const fail = (err: S3Error) => answer(errorResponse(err, requestId, hostId));

  const body = await readBinaryBody(req);
  if (!body.ok) {
    deps.calls.record(callKey, "failed");
    if (body.reason === "too-large") {
      fail(
        new S3Error("EntityTooLarge", "Your proposed upload exceeds the maximum allowed size", 400, [
          ["MaxSizeAllowed", String(128 * 1024 * 1024)],
        ]),
      );
    }
    return;
  }
  if (parsed.authError) {
    deps.calls.record(callKey, "failed");
    fail(parsed.authError);
    return;
  }
  const fault: FaultDecision = parsed.caller
    ? deps.faults.decide("s3", region, parsed.operation, now)
    : { latencyMs: 0, outcome: "ok" };
  deps.calls.record(callKey, fault.outcome);
  if (fault.hang) return;
  if (fault.latencyMs > 0) await delay(fault.latencyMs, deps.timers);

  let response: S3Response;
  try {
    if (fault.error) throw s3FaultError(fault.error.code);
    response = runOperation(parsed, body.bytes, req, deps.store.s3, deps.now());
  } catch (err) {
    const error =
      err instanceof S3Error
        ? err
        : new S3Error("InternalError", "We encountered an internal error. Please try again.", 500);
    response = errorResponse(error, requestId, hostId);
  }
  if (fault.lose === "reset") {
    req.socket.destroy();
    return;
  }
  if (fault.lose === "5xx") {
    fail(new S3Error("InternalError", "We encountered an internal error. Please try again.", 500));
    return;
  }
  answer(response);
}

/**
 * Replaces the signer's account with the one its identity acts in (an STS session's); refused credentials become
 * the request's auth error in S3's words.
 */
function resolveCaller(
  parsed: ParsedRequest,
  req: IncomingMessage,
  identity: IdentityService,
  now: number,
): { accountId: string; sessionName?: string } {
  const caller = parsed.caller;
  if (!caller) return { accountId: "anonymous" };
  const token = header(req, "x-amz-security-token") ?? parsed.query.get("X-Amz-Security-Token") ?? undefined;
  const resolution = identity.resolve(caller, token, now);
  if (resolution.ok) {
    parsed.caller = { ...caller, accountId: resolution.identity.accountId };
    return { accountId: resolution.identity.accountId, sessionName: resolution.identity.session?.sessionName };
  }
  parsed.authError ??= s3CredentialError(resolution.problem, caller.accessKeyId, token ?? "");
  return { accountId: resolution.accountId, sessionName: resolution.sessionName };
}

function s3CredentialError(problem: CredentialProblem, accessKeyId: string, token: string): S3Error {
  switch (problem) {
    case "expired":
      return new S3Error("ExpiredToken", "The provided token has expired.", 400, [["Token-0", token]]);
    case "bad-token":
      return new S3Error("InvalidToken", "The provided token is malformed or otherwise invalid.", 400, [
        ["Token-0", token],
      ]);
    default:
      return new S3Error(
        "InvalidAccessKeyId",
        "The AWS Access Key Id you provided does not exist in our records.",
        403,
        [["AWSAccessKeyId", accessKeyId]],
      );
  }
}

/** The injected fault as S3 says it: SlowDown / ServiceUnavailable (503), InternalError (500), AccessDenied (403). */
function s3FaultError(code: string): S3Error {
  if (code === "ThrottlingException" || code === "LimitExceededException") {
    return new S3Error("SlowDown", "Please reduce your request rate.", 503);
  }
  if (code === "ServiceUnavailableException")
    return new S3Error("ServiceUnavailable", "Please reduce your request rate.", 503);
  if (code === "AccessDeniedException") return accessDenied();
  return new S3Error("InternalError", "We encountered an internal error. Please try again.", 500);
}

function runOperation(p: ParsedRequest, raw: Buffer, req: IncomingMessage, s3: S3Store, now: number): S3Response {
  if (p.bucket === undefined) {
    if (p.operation !== "ListBuckets") {
      throw new S3Error("MethodNotAllowed", "The specified method is not allowed against this resource.", 405, [
        ["Method", p.method],
        ["ResourceType", "SERVICE"],
      ]);
    }
    if (!p.caller) throw accessDenied();
    return listBuckets(s3, p.caller.accountId, p.query);
  }
  const bucket = s3.bucket(p.bucket);
  if (!bucket) {
    // Creating buckets is not emulated (the control API creates them); S3 would create this one.
    if (p.operation === "CreateBucket") throw notImplemented("CreateBucket is not implemented by this emulator.");
    throw noSuchBucket(p.bucket);
  }
  const regionHeader = { "x-amz-bucket-region": bucket.region };
  // GetBucketLocation answers from any region; everything else must be signed for the bucket's region.
  if (p.caller && p.operation !== "GetBucketLocation" && p.caller.region !== bucket.region) {
    throw new S3Error(
      "PermanentRedirect",
      "The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.",
      301,
      [
        ["Endpoint", `${bucket.name}.s3.${bucket.region}.amazonaws.com`],
        ["Bucket", bucket.name],
      ],
      regionHeader,
    );
  }
  if (!p.caller || p.caller.accountId !== bucket.owner || bucket.denied) throw accessDenied(regionHeader);

  switch (p.operation) {
    case "HeadBucket":
      return { status: 200, headers: { ...regionHeader, "x-amz-access-point-alias": "false" } };
    case "GetBucketLocation": {
      // us-east-1 is the empty constraint (S3's legacy answer).
      const inner = bucket.region === "us-east-1" ? "" : bucket.region;
      return {
        status: 200,
        headers: { "Content-Type": "application/xml" },
        body: xmlDocument("LocationConstraint", inner),
      };
    }
    case "ListObjectsV2":
      return listObjectsV2(s3, bucket, p.query);
    case "ListObjects":
      return listObjectsV1(s3, bucket, p.query);
    case "GetObject":
    case "HeadObject":
      return getObject(p, req, s3, bucket);
    case "PutObject":
      return putObject(p, raw, req, s3, bucket, now);
    case "CreateMultipartUpload":
      return createMultipartUpload(bucket, p.key!, { ...storedHeaders(req), contentType: contentTypeOf(req) }, now);
    case "UploadPart": {
      if (header(req, "x-amz-copy-source") !== undefined) {
        throw notImplemented("UploadPartCopy is not implemented by this emulator.");
      }
      const upload = readUpload(raw, req);
      const answer = uploadPart(bucket, p.key!, p.query.get("uploadId"), p.query.get("partNumber"), upload.bytes);
      return { ...answer, headers: { ...answer.headers, ...checksumEcho(upload.checksum) } };
    }
    case "CompleteMultipartUpload":
      return completeMultipartUpload(s3, bucket, p.key!, p.query.get("uploadId"), raw.toString("utf8"), now);
    case "AbortMultipartUpload":
      return abortMultipartUpload(bucket, p.key!, p.query.get("uploadId"));
    case "DeleteObject":
      if (p.query.has("versionId") && p.query.get("versionId") !== "null")
        throw invalidVersion(p.query.get("versionId")!);
      s3.delete(bucket, p.key!);
      return { status: 204, headers: {} };
    case "CreateBucket":
      throw new S3Error(
        "BucketAlreadyOwnedByYou",
        "Your previous request to create the named bucket succeeded and you already own it.",
        409,
        [["BucketName", bucket.name]],
      );
    default:
      throw notImplemented();
  }
}

const invalidVersion = (value: string) => invalidArgument("Invalid version id specified", "versionId", value);

const RESPONSE_OVERRIDES: Record<string, string> = {
  "response-content-type": "Content-Type",
  "response-content-language": "Content-Language",
  "response-expires": "Expires",
  "response-cache-control": "Cache-Control",
  "response-content-disposition": "Content-Disposition",
  "response-content-encoding": "Content-Encoding",
};

function getObject(p: ParsedRequest, req: IncomingMessage, s3: S3Store, bucket: S3Bucket): S3Response {
  const versionId = p.query.get("versionId");
  if (versionId !== null && versionId !== "null") throw invalidVersion(versionId);
  const object = s3.object(bucket, p.key!);
  if (!object) throw noSuchKey(p.key!);
  const headers: Record<string, string> = {
    "Accept-Ranges": "bytes",
    "Last-Modified": httpDate(object.lastModified),
    ETag: object.etag,
    "Content-Type": object.contentType,
    "x-amz-server-side-encryption": "AES256",
    ...object.headers,
    ...Object.fromEntries(Object.entries(object.metadata).map(([k, v]) => [`x-amz-meta-${k}`, v])),
  };
  for (const [param, name] of Object.entries(RESPONSE_OVERRIDES)) {
    const value = p.query.get(param);
    if (value !== null) headers[name] = value;
  }
  const notModified = preconditions(req, object);
  if (notModified) {
    return { status: 304, headers: { ETag: object.etag, "Last-Modified": headers["Last-Modified"]! } };
  }
  const size = object.body.length;
  const rangeHeader = header(req, "range");
  const partNumber = p.query.get("partNumber");
  if (partNumber !== null) {
    if (rangeHeader !== undefined) {
      throw new S3Error("InvalidRequest", "Cannot specify both Range header and partNumber query parameter", 400);
    }
    if (!/^\d+$/.test(partNumber) || Number(partNumber) < 1 || Number(partNumber) > 10_000) {
      throw invalidArgument("Part number must be an integer between 1 and 10000, inclusive", "partNumber", partNumber);
    }
    // A single-part object has exactly one part: the whole object (UNCONFIRMED: 206 as for a multipart part).
    if (Number(partNumber) !== 1) {
      throw new S3Error("InvalidPartNumber", "The requested partnumber is not satisfiable", 416, [
        ["PartNumberRequested", partNumber],
        ["ActualPartCount", "1"],
      ]);
    }
    return slice(object, headers, 0, size - 1, size);
  }
  const range = rangeHeader === undefined ? undefined : parseRange(rangeHeader, size);
  if (range === "unsatisfiable") {
    throw new S3Error(
      "InvalidRange",
      "The requested range is not satisfiable",
      416,
      [
        ["RangeRequested", rangeHeader!],
        ["ActualObjectSize", String(size)],
      ],
      { "Content-Range": `bytes */${size}` },
    );
  }
  if (range) return slice(object, headers, range.start, range.end, size);
  return { status: 200, headers: { ...headers, "Content-Length": String(size) }, body: object.body };
}

function slice(
  object: S3Object,
  headers: Record<string, string>,
  start: number,
  end: number,
  size: number,
): S3Response {
  return {
    status: 206,
    headers: {
      ...headers,
      "Content-Range": `bytes ${start}-${end}/${size}`,
      "Content-Length": String(end - start + 1),
    },
    body: object.body.subarray(start, end + 1),
  };
}

/**
 * One `bytes=` range (RFC 9110): `a-b`, `a-`, `-n`. Unparsable or multi-range headers are ignored (the whole object,
 * 200), as S3 does; a first byte at or past the end (or `-0`) is unsatisfiable (416).
 */
export function parseRange(value: string, size: number): { start: number; end: number } | "unsatisfiable" | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(value.trim());
  if (!match) return undefined;
  const [, first = "", last = ""] = match;
  if (first === "" && last === "") return undefined;
  if (first === "") {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === "" ? size - 1 : Number(last);
  if (last !== "" && end < start) return undefined;
  if (start >= size) return "unsatisfiable";
  return { start, end: Math.min(end, size - 1) };
}

/** If-Match / If-Unmodified-Since (412) and If-None-Match / If-Modified-Since (304), in RFC 9110 order. */
function preconditions(req: IncomingMessage, object: S3Object): boolean {
  const ifMatch = header(req, "if-match");
  const ifNoneMatch = header(req, "if-none-match");
  const ifModifiedSince = dateHeader(header(req, "if-modified-since"));
  const ifUnmodifiedSince = dateHeader(header(req, "if-unmodified-since"));
  const failed = (condition: string) =>
    new S3Error("PreconditionFailed", "At least one of the pre-conditions you specified did not hold", 412, [
      ["Condition", condition],
    ]);
  if (ifMatch !== undefined) {
    if (!etagMatches(ifMatch, object.etag)) throw failed("If-Match");
  } else if (ifUnmodifiedSince !== undefined && object.lastModified > ifUnmodifiedSince) {
    throw failed("If-Unmodified-Since");
  }
  if (ifNoneMatch !== undefined) return etagMatches(ifNoneMatch, object.etag);
  return ifModifiedSince !== undefined && object.lastModified <= ifModifiedSince;
}

function etagMatches(list: string, etag: string): boolean {
  return list.split(",").some((candidate) => {
    const c = candidate.trim().replace(/^W\//, "");
    return c === "*" || c === etag || `"${c}"` === etag;
  });
}

function dateHeader(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

function putObject(
  p: ParsedRequest,
  raw: Buffer,
  req: IncomingMessage,
  s3: S3Store,
  bucket: S3Bucket,
  now: number,
): S3Response {
  if (header(req, "x-amz-copy-source") !== undefined) {
    throw notImplemented("CopyObject is not implemented by this emulator.");
  }
  const { bytes, checksum } = readUpload(raw, req);
  const existing = s3.object(bucket, p.key!);
  const ifNoneMatch = header(req, "if-none-match");
  const ifMatch = header(req, "if-match");
  const failed = (condition: string) =>
    new S3Error("PreconditionFailed", "At least one of the pre-conditions you specified did not hold", 412, [
      ["Condition", condition],
    ]);
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() !== "*") throw notImplemented("If-None-Match on PutObject supports only *.");
    if (existing) throw failed("If-None-Match");
  }
  if (ifMatch !== undefined) {
    if (!existing) throw noSuchKey(p.key!);
    if (!etagMatches(ifMatch, existing.etag)) throw failed("If-Match");
  }
  const object: S3Object = {
    key: p.key!,
    body: new Uint8Array(bytes),
    etag: etagOf(bytes),
    lastModified: Math.floor(now / 1000) * 1000,
    contentType: contentTypeOf(req),
    ...storedHeaders(req),
  };
  s3.put(bucket, object);
  return {
    status: 200,
    headers: { ETag: object.etag, "x-amz-server-side-encryption": "AES256", ...checksumEcho(checksum) },
  };
}

/** An upload's bytes: aws-chunked decoded, then checked against Content-MD5, x-amz-checksum-*, the payload hash. */
function readUpload(raw: Buffer, req: IncomingMessage): { bytes: Buffer; checksum?: [string, string] } {
  const sha = header(req, "x-amz-content-sha256");
  const encoding = header(req, "content-encoding");
  const chunked = (sha?.startsWith("STREAMING-") ?? false) || /(^|,)\s*aws-chunked\s*(,|$)/.test(encoding ?? "");
  const decodedLengthHeader = header(req, "x-amz-decoded-content-length");
  if (header(req, "content-length") === undefined && decodedLengthHeader === undefined) {
    throw new S3Error("MissingContentLength", "You must provide the Content-Length HTTP header.", 411);
  }
  let bytes = raw;
  let trailers: Record<string, string> = {};
  if (chunked) {
    const decodedLength = decodedLengthHeader === undefined ? undefined : Number(decodedLengthHeader);
    ({ bytes, trailers } = decodeAwsChunked(raw, decodedLength));
  }
  const checksum = checksumOf({ ...headersOf(req), ...trailers });
  verifyIntegrity(bytes, header(req, "content-md5"), checksum, chunked ? undefined : sha);
  return { bytes, checksum };
}

/** S3 answers an upload with the flexible checksum it was given (header or trailer). */
const checksumEcho = (checksum: [string, string] | undefined): Record<string, string> =>
  checksum ? { [checksum[0]]: checksum[1] } : {};

const contentTypeOf = (req: IncomingMessage) => header(req, "content-type") ?? "binary/octet-stream";

/** What S3 keeps of an upload's headers: representation headers (minus aws-chunked) and x-amz-meta-*. */
function storedHeaders(req: IncomingMessage): Pick<S3Object, "metadata" | "headers"> {
  const headers: Record<string, string> = {};
  const contentEncoding = (header(req, "content-encoding") ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter((e) => e && e !== "aws-chunked")
    .join(", ");
  if (contentEncoding) headers["Content-Encoding"] = contentEncoding;
  for (const name of ["Cache-Control", "Content-Disposition", "Content-Language", "Expires"]) {
    const value = header(req, name.toLowerCase());
    if (value !== undefined) headers[name] = value;
  }
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name.startsWith("x-amz-meta-") && typeof value === "string") metadata[name.slice("x-amz-meta-".length)] = value;
  }
  return { metadata, headers };
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") out[name] = value;
  }
  return out;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
