// S3 request bodies: raw bytes (not text), `aws-chunked` decoding (SigV4 streaming and the SDK's flexible-checksum
// trailers) and the integrity checks S3 makes: Content-MD5, x-amz-checksum-* and a hex x-amz-content-sha256.
import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { crc32 } from "node:zlib";
import { S3Error } from "./wire";

/** Emulator limit for one PutObject body (S3's is 5 GB); larger bodies answer EntityTooLarge. */
export const MAX_OBJECT_BYTES = 128 * 1024 * 1024;

export type BinaryBody = { ok: true; bytes: Buffer } | { ok: false; reason: "too-large" | "aborted" };

export function readBinaryBody(req: IncomingMessage, limit = MAX_OBJECT_BYTES): Promise<BinaryBody> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: BinaryBody) => {
      if (!settled) {
        settled = true;
        resolve(result);
      }
    };
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else {
        // Stop reading: S3 answers as soon as the declared length is too large.
        settle({ ok: false, reason: "too-large" });
        req.destroy();
      }
    });
    req.on("end", () => settle({ ok: true, bytes: Buffer.concat(chunks) }));
    req.on("error", () => settle({ ok: false, reason: "aborted" }));
    req.on("close", () => settle({ ok: false, reason: "aborted" }));
  });
}

export interface DecodedBody {
  bytes: Buffer;
  /** Trailing headers of an aws-chunked body (e.g. x-amz-checksum-crc32), lower-case names. */
  trailers: Record<string, string>;
}

const incomplete = () =>
  new S3Error(
    "IncompleteBody",
    "You did not provide the number of bytes specified by the Content-Length HTTP header.",
    400,
  );

/**
 * Decodes `aws-chunked`: `<hex size>[;chunk-signature=…]\r\n<bytes>\r\n` … `0[;…]\r\n` then optional trailer lines
 * (`name:value\r\n`, possibly `x-amz-trailer-signature`) and a final `\r\n`. Signatures are not verified.
 */
export function decodeAwsChunked(body: Buffer, decodedLength: number | undefined): DecodedBody {
  const parts: Buffer[] = [];
  const trailers: Record<string, string> = {};
  let pos = 0;
  let total = 0;
  const readLine = (): string => {
    const end = body.indexOf("\r\n", pos);
    if (end < 0) throw incomplete();
    const line = body.subarray(pos, end).toString("latin1");
    pos = end + 2;
    return line;
  };
  for (;;) {
    const header = readLine();
    const size = Number.parseInt(header.split(";")[0] ?? "", 16);
    if (!Number.isFinite(size) || size < 0 || !/^[0-9a-fA-F]+(;|$)/.test(header)) {
      throw new S3Error("InvalidRequest", "Invalid chunk header in aws-chunked body.", 400);
    }
    if (size === 0) break;
    if (pos + size + 2 > body.length) throw incomplete();
    parts.push(body.subarray(pos, pos + size));
    total += size;
    pos += size;
    if (body[pos] !== 0x0d || body[pos + 1] !== 0x0a) throw incomplete();
    pos += 2;
  }
  // Trailers until an empty line (or the end of the body).
  while (pos < body.length) {
    const line = readLine();
    if (line === "") break;
    const colon = line.indexOf(":");
    if (colon > 0) trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  if (decodedLength !== undefined && decodedLength !== total) throw incomplete();
  return { bytes: Buffer.concat(parts), trailers };
}

const CHECKSUM_NAMES: Record<string, string> = {
  "x-amz-checksum-crc32": "CRC32",
  "x-amz-checksum-crc32c": "CRC32C",
  "x-amz-checksum-crc64nvme": "CRC64NVME",
  "x-amz-checksum-sha1": "SHA1",
  "x-amz-checksum-sha256": "SHA256",
};

/** The flexible checksum a request carries (header or trailer): at most one, as S3 requires. */
export function checksumOf(headers: Record<string, string | undefined>): [string, string] | undefined {
  const found = Object.keys(CHECKSUM_NAMES).filter((name) => headers[name] !== undefined);
  if (found.length > 1) {
    throw new S3Error(
      "InvalidRequest",
      "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.",
      400,
    );
  }
  const name = found[0];
  return name ? [name, headers[name]!] : undefined;
}

/**
 * Verifies what S3 verifies on upload. CRC32, SHA-1, SHA-256 and Content-MD5 are computed here; CRC32C and
 * CRC64NVME are accepted unverified (no native implementation in Node).
 */
export function verifyIntegrity(
  bytes: Buffer,
  contentMd5: string | undefined,
  checksum: [string, string] | undefined,
  contentSha256: string | undefined,
): void {
  if (contentMd5 !== undefined) {
    const actual = createHash("md5").update(bytes).digest("base64");
    if (!/^[A-Za-z0-9+/]{22}==$/.test(contentMd5)) {
      throw new S3Error("InvalidDigest", "The Content-MD5 you specified was invalid.", 400, [
        ["Content-MD5", contentMd5],
      ]);
    }
    if (actual !== contentMd5) {
      throw new S3Error("BadDigest", "The Content-MD5 you specified did not match what we received.", 400, [
        ["ExpectedDigest", contentMd5],
        ["CalculatedDigest", actual],
      ]);
    }
  }
  if (contentSha256 && /^[0-9a-f]{64}$/i.test(contentSha256)) {
    const actual = createHash("sha256").update(bytes).digest("hex");
    if (actual !== contentSha256.toLowerCase()) {
      throw new S3Error(
        "XAmzContentSHA256Mismatch",
        "The provided 'x-amz-content-sha256' header does not match what was computed.",
        400,
        [
          ["ClientComputedContentSHA256", contentSha256],
          ["S3ComputedContentSHA256", actual],
        ],
      );
    }
  }
  if (!checksum) return;
  const [name, value] = checksum;
  const algorithm = CHECKSUM_NAMES[name]!;
  let actual: string | undefined;
  if (algorithm === "CRC32") {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(crc32(bytes) >>> 0);
    actual = b.toString("base64");
  } else if (algorithm === "SHA1") actual = createHash("sha1").update(bytes).digest("base64");
  else if (algorithm === "SHA256") actual = createHash("sha256").update(bytes).digest("base64");
  if (actual !== undefined && actual !== value) {
    throw new S3Error("BadDigest", `The ${algorithm} you specified did not match the calculated checksum.`, 400);
  }
}
