// ListObjectsV2, ListObjects (v1) and ListBuckets: S3's ordering (UTF-8 bytes), prefixes, delimiters and common
// prefixes, max-keys, opaque continuation tokens and `encoding-type=url`.
import type { S3Bucket, S3Object, S3Store } from "./store";
import { canonicalUserId, element, invalidArgument, isoDate, xmlResponse, type S3Response } from "./wire";

const DEFAULT_MAX_KEYS = 1000;

interface Page {
  contents: S3Object[];
  commonPrefixes: string[];
  truncated: boolean;
  /** The last key or common prefix returned (where the next page resumes). */
  last?: { value: string; prefix: boolean };
}

interface ListInput {
  prefix: string;
  delimiter: string;
  maxKeys: number;
  /** Resume strictly after this key; with `afterPrefix` also skip every key under that common prefix. */
  after?: string;
  afterPrefix?: boolean;
}

function listPage(store: S3Store, bucket: S3Bucket, input: ListInput): Page {
  const page: Page = { contents: [], commonPrefixes: [], truncated: false };
  const keys = store.sortedKeys(bucket);
  let count = 0;
  for (const key of keys) {
    if (!key.startsWith(input.prefix)) continue;
    if (input.after !== undefined) {
      if (Buffer.compare(Buffer.from(key), Buffer.from(input.after)) <= 0) continue;
      if (input.afterPrefix && key.startsWith(input.after)) continue;
    }
    let commonPrefix: string | undefined;
    if (input.delimiter) {
      const at = key.indexOf(input.delimiter, input.prefix.length);
      if (at >= 0) commonPrefix = key.slice(0, at + input.delimiter.length);
    }
    if (commonPrefix !== undefined && page.commonPrefixes[page.commonPrefixes.length - 1] === commonPrefix) continue;
    if (count === input.maxKeys) {
      page.truncated = true;
      break;
    }
    count++;
    if (commonPrefix !== undefined) {
      page.commonPrefixes.push(commonPrefix);
      page.last = { value: commonPrefix, prefix: true };
    } else {
      page.contents.push(store.object(bucket, key)!);
      page.last = { value: key, prefix: false };
    }
  }
  return page;
}

function readMaxKeys(query: URLSearchParams, name = "max-keys"): number {
  const raw = query.get(name);
  if (raw === null) return DEFAULT_MAX_KEYS;
  if (!/^\d+$/.test(raw) || Number(raw) > 2_147_483_647) {
    throw invalidArgument("Provided max-keys not an integer or within integer range", name, raw);
  }
  return Math.min(DEFAULT_MAX_KEYS, Number(raw));
}

function readEncoding(query: URLSearchParams): boolean {
  const raw = query.get("encoding-type");
  if (raw === null) return false;
  if (raw !== "url") throw invalidArgument("Invalid Encoding Method specified in Request", "encoding-type", raw);
  return true;
}

/** `encoding-type=url`: S3 percent-encodes keys and prefixes (a `/` stays as it is). */
function encoder(url: boolean): (value: string) => string {
  return url ? (value) => encodeURIComponent(value).replace(/%2F/g, "/") : (value) => value;
}

function encodeToken(last: { value: string; prefix: boolean }): string {
  return Buffer.from(`${last.prefix ? "p" : "k"}:${last.value}`, "utf8").toString("base64");
}

function decodeToken(token: string): { after: string; afterPrefix: boolean } {
  const text = /^[A-Za-z0-9+/]+=*$/.test(token) ? Buffer.from(token, "base64").toString("utf8") : "";
  const match = /^([kp]):([\s\S]*)$/.exec(text);
  if (!match) throw invalidArgument("The continuation token provided is incorrect", "continuation-token", token);
  return { after: match[2]!, afterPrefix: match[1] === "p" };
}

function contentsXml(objects: S3Object[], encode: (v: string) => string, owner?: string): string {
  return objects
    .map(
      (o) =>
        "<Contents>" +
        element("Key", encode(o.key)) +
        element("LastModified", isoDate(o.lastModified)) +
        element("ETag", o.etag) +
        element("Size", o.body.length) +
        (owner ? `<Owner>${element("ID", owner)}</Owner>` : "") +
        element("StorageClass", "STANDARD") +
        "</Contents>",
    )
    .join("");
}

const prefixesXml = (prefixes: string[], encode: (v: string) => string) =>
  prefixes.map((p) => `<CommonPrefixes>${element("Prefix", encode(p))}</CommonPrefixes>`).join("");

export function listObjectsV2(store: S3Store, bucket: S3Bucket, query: URLSearchParams): S3Response {
  const prefix = query.get("prefix") ?? "";
  const delimiter = query.get("delimiter") ?? "";
  const maxKeys = readMaxKeys(query);
  const url = readEncoding(query);
  const token = query.get("continuation-token");
  const startAfter = query.get("start-after") ?? "";
  if (token === "") throw invalidArgument("The continuation token provided is incorrect", "continuation-token", "");
  const resume =
    token !== null ? decodeToken(token) : startAfter ? { after: startAfter, afterPrefix: false } : undefined;
  const page = listPage(store, bucket, { prefix, delimiter, maxKeys, ...resume });
  const encode = encoder(url);
  const owner = query.get("fetch-owner") === "true" ? canonicalUserId(bucket.owner) : undefined;
  const inner =
    element("Name", bucket.name) +
    element("Prefix", encode(prefix)) +
    (token !== null ? element("ContinuationToken", token) : "") +
    (page.truncated && page.last ? element("NextContinuationToken", encodeToken(page.last)) : "") +
    element("KeyCount", page.contents.length + page.commonPrefixes.length) +
    element("MaxKeys", maxKeys) +
    (delimiter ? element("Delimiter", encode(delimiter)) : "") +
    (url ? element("EncodingType", "url") : "") +
    element("IsTruncated", page.truncated) +
    (startAfter ? element("StartAfter", encode(startAfter)) : "") +
    contentsXml(page.contents, encode, owner) +
    prefixesXml(page.commonPrefixes, encode);
  return xmlResponse("ListBucketResult", inner);
}

/** ListObjects (v1): `marker`; NextMarker only with a delimiter (without one, the last key is the marker). */
export function listObjectsV1(store: S3Store, bucket: S3Bucket, query: URLSearchParams): S3Response {
  const prefix = query.get("prefix") ?? "";
  const delimiter = query.get("delimiter") ?? "";
  const maxKeys = readMaxKeys(query);
  const url = readEncoding(query);
  const marker = query.get("marker") ?? "";
  const page = listPage(store, bucket, { prefix, delimiter, maxKeys, ...(marker ? { after: marker } : {}) });
  const encode = encoder(url);
  const inner =
    element("Name", bucket.name) +
    element("Prefix", encode(prefix)) +
    element("Marker", encode(marker)) +
    (page.truncated && delimiter && page.last ? element("NextMarker", encode(page.last.value)) : "") +
    element("MaxKeys", maxKeys) +
    (delimiter ? element("Delimiter", encode(delimiter)) : "") +
    (url ? element("EncodingType", "url") : "") +
    element("IsTruncated", page.truncated) +
    contentsXml(page.contents, encode, canonicalUserId(bucket.owner)) +
    prefixesXml(page.commonPrefixes, encode);
  return xmlResponse("ListBucketResult", inner);
}

/** ListBuckets: the caller's buckets by name; `prefix`, `bucket-region`, `max-buckets` + `continuation-token`. */
export function listBuckets(store: S3Store, accountId: string, query: URLSearchParams): S3Response {
  const prefix = query.get("prefix") ?? "";
  const region = query.get("bucket-region");
  const rawMax = query.get("max-buckets");
  if (rawMax !== null && (!/^\d+$/.test(rawMax) || Number(rawMax) < 1 || Number(rawMax) > 10_000)) {
    throw invalidArgument("Max buckets must be a number between 1 and 10000", "max-buckets", rawMax);
  }
  const token = query.get("continuation-token");
  const after = token ? Buffer.from(token, "base64").toString("utf8") : undefined;
  let buckets = store
    .bucketsOf(accountId)
    .filter((b) => b.name.startsWith(prefix) && (region === null || b.region === region))
    .filter((b) => after === undefined || b.name > after);
  let next: string | undefined;
  if (rawMax !== null && buckets.length > Number(rawMax)) {
    buckets = buckets.slice(0, Number(rawMax));
    next = Buffer.from(buckets[buckets.length - 1]!.name, "utf8").toString("base64");
  }
  const inner =
    `<Owner>${element("ID", canonicalUserId(accountId))}</Owner>` +
    "<Buckets>" +
    buckets
      .map(
        (b) =>
          "<Bucket>" +
          element("Name", b.name) +
          element("CreationDate", isoDate(b.createdAt)) +
          element("BucketRegion", b.region) +
          "</Bucket>",
      )
      .join("") +
    "</Buckets>" +
    (next ? element("ContinuationToken", next) : "") +
    (prefix ? element("Prefix", prefix) : "");
  return xmlResponse("ListAllMyBucketsResult", inner);
}
