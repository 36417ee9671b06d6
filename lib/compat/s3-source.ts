// An application JAR in S3 as a ByteSource: HeadObject once (size and ETag, so the size cap applies before any data
// moves), then GetObject with Range for each read, pinned to that ETag with If-Match so an object replaced
// mid-scan fails loudly instead of mixing two JARs.
import { PassThrough, Readable } from "node:stream";
import { GetObjectCommand, HeadObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { s3Client } from "@/lib/aws/clients";
import { ArchiveSourceError, type ByteSource, type SourceErrorCode } from "./byte-source";
import { cacheKey, isCacheable, type ScanCache } from "./cache";
import { scanArchive, sourceScanError, SCANNER_VERSION, type ScanOptions, type ScanResult } from "./scan";

export interface S3Location {
  /** The account whose credentials read it: the application's. */
  account: string;
  bucket: string;
  key: string;
  region: string;
  versionId?: string;
}

export function s3Url(location: S3Location): string {
  return `s3://${location.bucket}/${location.key}`;
}

const codeByName: Record<string, SourceErrorCode> = {
  AccessDenied: "access-denied",
  AccessDeniedException: "access-denied",
  Forbidden: "access-denied",
  AllAccessDisabled: "access-denied",
  InvalidAccessKeyId: "access-denied",
  SignatureDoesNotMatch: "access-denied",
  ExpiredToken: "access-denied",
  NoSuchKey: "not-found",
  NoSuchBucket: "not-found",
  NoSuchVersion: "not-found",
  NotFound: "not-found",
  PreconditionFailed: "changed",
  SlowDown: "throttled",
  Throttling: "throttled",
  ThrottlingException: "throttled",
  ServiceUnavailable: "unavailable",
  InternalError: "unavailable",
  TimeoutError: "timeout",
  RequestTimeout: "timeout",
};

const NETWORK_FAILURE = /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EAI_AGAIN|fetch failed|socket hang up/i;

const codeByStatus: Record<number, SourceErrorCode> = { 403: "access-denied", 404: "not-found", 412: "changed" };

/** An S3 SDK error as an ArchiveSourceError a person can act on. */
export function describeS3Error(error: unknown, location: S3Location): ArchiveSourceError {
  if (error instanceof ArchiveSourceError) return error;
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const name = e?.name ?? "Error";
  const status = e?.$metadata?.httpStatusCode ?? 0;
  const isNetwork = NETWORK_FAILURE.test(`${e?.message ?? ""} ${(e as { code?: string })?.code ?? ""}`);
  const code =
    codeByName[name] ??
    codeByStatus[status] ??
    (status >= 500 || isNetwork ? "unavailable" : name === "AbortError" ? "timeout" : "failed");
  const url = s3Url(location);
  const messages: Record<SourceErrorCode, string> = {
    "access-denied": `Access denied reading ${url} (${name}): the dashboard's role needs s3:GetObject on the object, and s3:ListBucket on the bucket for a missing key to show as missing rather than denied.`,
    "not-found":
      name === "NoSuchBucket"
        ? `The bucket ${location.bucket} does not exist (NoSuchBucket).`
        : `${url} does not exist (${name === "NotFound" ? "NoSuchKey" : name}): check the application's code location.`,
    changed: `${url} was replaced while it was being scanned (its ETag changed): scan it again.`,
    throttled: `S3 is throttling reads of ${url} (${name}): try again in a moment.`,
    unavailable: `S3 is unavailable (${name}): try again later.`,
    timeout: `Reading ${url} timed out.`,
    failed: `Reading ${url} failed (${name}).`,
  };
  return new ArchiveSourceError(code, messages[code]);
}

export interface S3ObjectSource extends ByteSource {
  readonly etag: string;
  readonly location: S3Location;
}

/** HeadObject, then a ByteSource whose reads are ranged GetObjects pinned to the ETag seen. */
export async function openS3Source(
  location: S3Location,
  options: { client?: S3Client; signal?: AbortSignal } = {},
): Promise<S3ObjectSource> {
  const client = options.client ?? s3Client(location, { maxAttempts: 3 });
  const object = {
    Bucket: location.bucket,
    Key: location.key,
    ...(location.versionId ? { VersionId: location.versionId } : {}),
  };
  let size: number;
  let etag: string;
  try {
    const head = await client.send(new HeadObjectCommand(object), { abortSignal: options.signal });
    size = head.ContentLength ?? 0;
    etag = head.ETag ?? "";
  } catch (error) {
    throw describeS3Error(error, location);
  }

  const get = async (start: number, end: number, signal?: AbortSignal) => {
    try {
      const response = await client.send(
        new GetObjectCommand({ ...object, Range: `bytes=${start}-${end - 1}`, ...(etag ? { IfMatch: etag } : {}) }),
        { abortSignal: signal },
      );
      if (!response.Body) throw new ArchiveSourceError("failed", `Reading ${s3Url(location)} returned no body.`);
      return response.Body;
    } catch (error) {
      throw describeS3Error(error, location);
    }
  };

  return {
    name: s3Url(location),
    size,
    etag,
    location,
    // Each small read is a request: 1 MiB blocks keep a JAR's central directory to a few of them.
    blockSize: 1024 * 1024,
    readahead: 4,
    async read(position, length, signal) {
      const end = Math.min(size, position + length);
      if (end <= position) return Buffer.alloc(0);
      const body = await get(position, end, signal);
      try {
        return Buffer.from(await body.transformToByteArray());
      } catch (error) {
        throw describeS3Error(error, location);
      }
    },
    stream(start, end, signal) {
      const out = new PassThrough();
      if (end <= start) {
        out.end();
        return out;
      }
      get(start, end, signal).then(
        (body) => {
          const readable = body as unknown as Readable;
          readable.on("error", (error) => out.destroy(describeS3Error(error, location)));
          readable.pipe(out);
        },
        (error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))),
      );
      return out;
    },
    close: async () => {},
  };
}

export interface S3ScanResult extends ScanResult {
  etag?: string;
  /** True when the result came from the cache (same ETag, same scanner version). */
  isCached: boolean;
}

/**
 * Scans the JAR at `location`, or answers from `cache` when this ETag was scanned by this scanner version before.
 * S3 errors (AccessDenied, NoSuchKey…) come back as status "unreadable" with their message, never as a throw.
 */
export async function scanS3Object(
  location: S3Location,
  options: ScanOptions & { client?: S3Client; cache?: ScanCache } = {},
): Promise<S3ScanResult> {
  let source: S3ObjectSource;
  try {
    source = await openS3Source(location, options);
  } catch (error) {
    const problem = describeS3Error(error, location);
    return {
      status: "unreadable",
      error: sourceScanError(problem),
      findings: [],
      classes: 0,
      entries: 0,
      bytes: 0,
      majorVersions: {},
      artifacts: [],
      durationMs: 0,
      scannerVersion: SCANNER_VERSION,
      isCached: false,
    };
  }
  const key = source.etag ? cacheKey(source.etag) : null;
  const cached = key ? await options.cache?.get(key) : undefined;
  if (cached) return { ...cached, etag: source.etag, isCached: true };
  const result = await scanArchive(source, options);
  if (key && options.cache && isCacheable(result)) await options.cache.set(key, result);
  return { ...result, etag: source.etag, isCached: false };
}
