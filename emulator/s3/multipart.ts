// Multipart uploads (what `aws s3 cp` uses from 8 MB): Create, UploadPart, Complete, Abort. S3's rules: part
// numbers 1–10,000, every part but the last ≥ 5 MiB, the Complete list ascending and matching the uploaded ETags;
// the object's ETag is "<md5 of the parts' binary MD5s>-<part count>".
import { createHash, randomBytes } from "node:crypto";
import { etagOf, type S3Bucket, type S3Object, type S3Store } from "./store";
import { S3Error, element, xmlResponse, type S3Response } from "./wire";

const MIN_PART_BYTES = 5 * 1024 * 1024;

export interface MultipartUpload {
  uploadId: string;
  key: string;
  initiated: number;
  contentType: string;
  metadata: Record<string, string>;
  headers: Record<string, string>;
  parts: Map<number, { etag: string; body: Uint8Array }>;
}

const uploadsOf = new WeakMap<S3Bucket, Map<string, MultipartUpload>>();

function uploads(bucket: S3Bucket): Map<string, MultipartUpload> {
  let map = uploadsOf.get(bucket);
  if (!map) {
    map = new Map();
    uploadsOf.set(bucket, map);
  }
  return map;
}

const noSuchUpload = (uploadId: string) =>
  new S3Error(
    "NoSuchUpload",
    "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
    404,
    [["UploadId", uploadId]],
  );

function upload(bucket: S3Bucket, key: string, uploadId: string | null): MultipartUpload {
  const found = uploadId === null ? undefined : uploads(bucket).get(uploadId);
  if (!found || found.key !== key) throw noSuchUpload(uploadId ?? "");
  return found;
}

export function createMultipartUpload(
  bucket: S3Bucket,
  key: string,
  init: Pick<MultipartUpload, "contentType" | "metadata" | "headers">,
  now: number,
): S3Response {
  const uploadId = randomBytes(48).toString("base64url");
  uploads(bucket).set(uploadId, { uploadId, key, initiated: now, parts: new Map(), ...init });
  return xmlResponse(
    "InitiateMultipartUploadResult",
    element("Bucket", bucket.name) + element("Key", key) + element("UploadId", uploadId),
  );
}

export function uploadPart(
  bucket: S3Bucket,
  key: string,
  uploadId: string | null,
  partNumber: string | null,
  body: Uint8Array,
): S3Response {
  const target = upload(bucket, key, uploadId);
  if (partNumber === null || !/^\d+$/.test(partNumber) || Number(partNumber) < 1 || Number(partNumber) > 10_000) {
    throw new S3Error("InvalidArgument", "Part number must be an integer between 1 and 10000, inclusive", 400, [
      ["ArgumentName", "partNumber"],
      ["ArgumentValue", partNumber ?? ""],
    ]);
  }
  const etag = etagOf(body);
  target.parts.set(Number(partNumber), { etag, body });
  return { status: 200, headers: { ETag: etag, "x-amz-server-side-encryption": "AES256" } };
}

export function abortMultipartUpload(bucket: S3Bucket, key: string, uploadId: string | null): S3Response {
  upload(bucket, key, uploadId);
  uploads(bucket).delete(uploadId!);
  return { status: 204, headers: {} };
}

export function completeMultipartUpload(
  s3: S3Store,
  bucket: S3Bucket,
  key: string,
  uploadId: string | null,
  xml: string,
  now: number,
): S3Response {
  const target = upload(bucket, key, uploadId);
  const listed = [...xml.matchAll(/<Part>([\s\S]*?)<\/Part>/g)].map((m) => ({
    number: Number(/<PartNumber>\s*(\d+)\s*<\/PartNumber>/.exec(m[1]!)?.[1] ?? NaN),
    etag: (/<ETag>([\s\S]*?)<\/ETag>/.exec(m[1]!)?.[1] ?? "").replace(/&quot;/g, '"').trim(),
  }));
  if (
    !/<CompleteMultipartUpload[\s>]/.test(xml) ||
    listed.length === 0 ||
    listed.some((p) => !Number.isInteger(p.number))
  ) {
    throw new S3Error(
      "MalformedXML",
      "The XML you provided was not well-formed or did not validate against our published schema",
      400,
    );
  }
  const parts: { etag: string; body: Uint8Array }[] = [];
  listed.forEach((p, i) => {
    if (i > 0 && p.number <= listed[i - 1]!.number) {
      throw new S3Error(
        "InvalidPartOrder",
        "The list of parts was not in ascending order. Parts must be ordered by part number.",
        400,
      );
    }
    const part = target.parts.get(p.number);
    const quoted = p.etag.startsWith('"') ? p.etag : `"${p.etag}"`;
    if (!part || part.etag !== quoted) {
      throw new S3Error(
        "InvalidPart",
        "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
        400,
        [
          ["UploadId", target.uploadId],
          ["PartNumber", String(p.number)],
          ["ETag", p.etag],
        ],
      );
    }
    if (i < listed.length - 1 && part.body.length < MIN_PART_BYTES) {
      throw new S3Error(
        "EntityTooSmall",
        "Your proposed upload is smaller than the minimum allowed object size.",
        400,
        [
          ["ProposedSize", String(part.body.length)],
          ["MinSizeAllowed", String(MIN_PART_BYTES)],
          ["PartNumber", String(p.number)],
          ["ETag", p.etag],
        ],
      );
    }
    parts.push(part);
  });
  const digest = createHash("md5");
  for (const part of parts) digest.update(Buffer.from(part.etag.slice(1, -1), "hex"));
  const etag = `"${digest.digest("hex")}-${parts.length}"`;
  const object: S3Object = {
    key,
    body: Buffer.concat(parts.map((p) => p.body)),
    etag,
    lastModified: Math.floor(now / 1000) * 1000,
    contentType: target.contentType,
    metadata: target.metadata,
    headers: target.headers,
  };
  s3.put(bucket, object);
  uploads(bucket).delete(target.uploadId);
  return xmlResponse(
    "CompleteMultipartUploadResult",
    element("Location", `http://${bucket.name}.s3.${bucket.region}.amazonaws.com/${encodeURIComponent(key)}`) +
      element("Bucket", bucket.name) +
      element("Key", key) +
      element("ETag", etag),
    { "x-amz-server-side-encryption": "AES256" },
  );
}
