// Control routes for S3 (/_emulator/s3/…): list buckets and objects, deny a bucket, put and delete objects.
import { controlJson, type RenderedResponse } from "../http/respond";
import { etagOf, type S3Store } from "../s3/store";

const ok = (body: unknown) => controlJson(200, body);
const fail = (status: number, error: string) => controlJson(status, { error });

/** S3's bucket naming rules (general purpose buckets): 3–63 of a-z 0-9 . -, starting and ending alphanumeric. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function handleS3Control(
  method: string,
  parts: string[],
  account: string,
  body: unknown,
  s3: S3Store,
  now: number,
): RenderedResponse {
  const [bucketName, action] = parts;
  const fields = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  if (bucketName === undefined) {
    if (method !== "GET") return fail(404, `no control route ${method} s3`);
    return ok({
      buckets: s3.bucketsOf(account).map((b) => ({
        name: b.name,
        owner: b.owner,
        region: b.region,
        denied: b.denied,
        objects: b.objects.size,
      })),
    });
  }
  if (method === "GET" && action === undefined) {
    const bucket = s3.bucket(bucketName);
    if (!bucket) return fail(404, `bucket ${bucketName} not found`);
    return ok({
      name: bucket.name,
      owner: bucket.owner,
      region: bucket.region,
      denied: bucket.denied,
      objects: s3.sortedKeys(bucket).map((key) => {
        const o = s3.object(bucket, key)!;
        return { key, size: o.body.length, etag: o.etag, lastModified: o.lastModified, contentType: o.contentType };
      }),
    });
  }
  if (method === "POST" && action === "deny") {
    if (typeof fields.deny !== "boolean") return fail(400, "deny must be a boolean");
    const bucket = s3.bucket(bucketName);
    if (!bucket) return fail(404, `bucket ${bucketName} not found`);
    bucket.denied = fields.deny;
    return ok({ bucket: bucket.name, denied: bucket.denied });
  }
  if (method === "POST" && action === "objects") {
    const { key, text, base64, contentType, region } = fields;
    if (typeof key !== "string" || key === "" || Buffer.byteLength(key) > 1024) {
      return fail(400, "key must be a string of 1..1024 UTF-8 bytes");
    }
    if ((text === undefined) === (base64 === undefined)) return fail(400, "give exactly one of text, base64");
    if (text !== undefined && typeof text !== "string") return fail(400, "text must be a string");
    if (base64 !== undefined && (typeof base64 !== "string" || !/^[A-Za-z0-9+/]*={0,2}$/.test(base64))) {
      return fail(400, "base64 must be a base64 string");
    }
    if (contentType !== undefined && typeof contentType !== "string") return fail(400, "contentType must be a string");
    if (region !== undefined && (typeof region !== "string" || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region))) {
      return fail(400, "region must be an AWS region name");
    }
    if (!BUCKET_NAME.test(bucketName)) return fail(400, "bucket name does not follow S3's naming rules");
    const fleetRegion = /^flink-artifacts-\d{12}-([a-z0-9-]+)$/.exec(bucketName)?.[1];
    const bucket = s3.ensureBucket(
      bucketName,
      account,
      (region as string | undefined) ?? fleetRegion ?? "us-east-1",
      now,
    );
    const bytes = typeof text === "string" ? Buffer.from(text, "utf8") : Buffer.from(base64 as string, "base64");
    const object = {
      key,
      body: new Uint8Array(bytes),
      etag: etagOf(bytes),
      lastModified: Math.floor(now / 1000) * 1000,
      contentType: (contentType as string | undefined) ?? "binary/octet-stream",
      metadata: {},
      headers: {},
    };
    s3.put(bucket, object);
    return ok({
      bucket: bucket.name,
      owner: bucket.owner,
      region: bucket.region,
      key,
      size: bytes.length,
      etag: object.etag,
    });
  }
  if (method === "POST" && action === "delete") {
    if (typeof fields.key !== "string") return fail(400, "key must be a string");
    const bucket = s3.bucket(bucketName);
    if (!bucket) return fail(404, `bucket ${bucketName} not found`);
    return ok({ bucket: bucket.name, key: fields.key, deleted: s3.delete(bucket, fields.key) });
  }
  return fail(404, `no control route ${method} s3/${parts.join("/")}`);
}
