// S3 on the emulator's endpoint through the real @aws-sdk/client-s3 (path-style): objects, ranges, listing,
// errors as S3 answers them, the control routes and injected faults.
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetBucketLocationCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  S3ServiceException,
  paginateListObjectsV2,
} from "@aws-sdk/client-s3";
import { DescribeApplicationCommand } from "@aws-sdk/client-kinesis-analytics-v2";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { msfClient, s3Client, startEmulator, type StartedEmulator } from "./harness";

let emu: StartedEmulator;
let s3: S3Client;
const BUCKET = "flink-artifacts-123456789012-us-east-1";
const EU_BUCKET = "flink-artifacts-123456789012-eu-west-1";
const md5 = (bytes: Uint8Array) => createHash("md5").update(bytes).digest("hex");

beforeAll(async () => {
  emu = await startEmulator();
  s3 = s3Client(emu.url, "us-east-1");
});
afterAll(() => emu.close());
beforeEach(async () => {
  await emu.control.reset();
});

async function bytesOf(body: unknown): Promise<Uint8Array> {
  return (body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray();
}

async function s3Error(promise: Promise<unknown>): Promise<S3ServiceException> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof S3ServiceException) return err;
    throw err;
  }
  throw new Error("expected an S3 error");
}

async function control(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${emu.url}/_emulator/s3/${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** A request signed for s3 (the signature itself is not checked), for reading raw wire answers. */
function signed(region = "us-east-1"): Record<string, string> {
  return {
    authorization: `AWS4-HMAC-SHA256 Credential=test/20260101/${region}/s3/aws4_request, SignedHeaders=host, Signature=00`,
    "x-amz-content-sha256": "UNSIGNED-PAYLOAD",
    "x-amz-date": "20260101T000000Z",
  };
}

describe("objects", () => {
  it("serves the code object DescribeApplication names (HEAD + GET, ETag = MD5, headers)", async () => {
    const detail = await msfClient(emu.url, "us-east-1").send(
      new DescribeApplicationCommand({ ApplicationName: "orders-enricher" }),
    );
    const location =
      detail.ApplicationDetail?.ApplicationConfigurationDescription?.ApplicationCodeConfigurationDescription
        ?.CodeContentDescription?.S3ApplicationCodeLocationDescription;
    expect(location?.BucketARN).toBe(`arn:aws:s3:::${BUCKET}`);
    const Key = location!.FileKey!;
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key }));
    expect(head.ContentType).toBe("application/java-archive");
    expect(head.ContentLength).toBeGreaterThan(500);
    expect(head.LastModified).toBeInstanceOf(Date);
    expect(head.LastModified!.getTime() % 1000).toBe(0);
    const get = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key }));
    expect(get.$metadata.httpStatusCode).toBe(200);
    const body = await bytesOf(get.Body);
    expect(body.length).toBe(head.ContentLength);
    expect(get.ETag).toBe(`"${md5(body)}"`);
    expect(head.ETag).toBe(get.ETag);
    expect(get.ServerSideEncryption).toBe("AES256");
    expect([...body.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
  });

  it("answers byte ranges with 206 and Content-Range (a-b, a-, suffix) and 416 past the end", async () => {
    const Key = "MyApplication-flink-2.2.jar";
    const whole = await bytesOf((await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key }))).Body);
    const size = whole.length;
    const first = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key, Range: "bytes=0-9" }));
    expect(first.$metadata.httpStatusCode).toBe(206);
    expect(first.ContentRange).toBe(`bytes 0-9/${size}`);
    expect(first.ContentLength).toBe(10);
    expect(await bytesOf(first.Body)).toEqual(whole.subarray(0, 10));
    // The zip's end-of-central-directory record: what a zip reader asks for first.
    const tail = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key, Range: "bytes=-22" }));
    expect(tail.ContentRange).toBe(`bytes ${size - 22}-${size - 1}/${size}`);
    const eocd = await bytesOf(tail.Body);
    expect([...eocd.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x05, 0x06]);
    const open = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key, Range: `bytes=${size - 5}-` }));
    expect(await bytesOf(open.Body)).toEqual(whole.subarray(size - 5));
    const clamped = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key, Range: `bytes=10-${size + 100}` }));
    expect(clamped.ContentRange).toBe(`bytes 10-${size - 1}/${size}`);
    const past = await s3Error(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key, Range: `bytes=${size}-` })));
    expect(past.name).toBe("InvalidRange");
    expect(past.$metadata.httpStatusCode).toBe(416);
    // Several ranges: S3 ignores the header and sends the whole object.
    const multi = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key, Range: "bytes=0-1,4-5" }));
    expect(multi.$metadata.httpStatusCode).toBe(200);
    expect(multi.ContentLength).toBe(size);
  });

  it("stores PutObject bodies (flexible checksum, aws-chunked stream, metadata) and deletes them", async () => {
    const put = await s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: "uploads/my app+v2.jar",
        Body: "hello jar",
        ContentType: "application/java-archive",
        Metadata: { build: "42" },
      }),
    );
    expect(put.ETag).toBe(`"${md5(Buffer.from("hello jar"))}"`);
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "uploads/my app+v2.jar" }));
    expect(await got.Body!.transformToString()).toBe("hello jar");
    expect(got.ContentType).toBe("application/java-archive");
    expect(got.Metadata).toEqual({ build: "42" });

    // A stream body: the SDK sends it aws-chunked with a CRC32 trailer.
    const payload = Buffer.alloc(200_000, 7);
    payload.write("stream!", 100);
    const streamed = await s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: "uploads/stream.bin",
        Body: Readable.from([payload.subarray(0, 70_000), payload.subarray(70_000)]),
        ContentLength: payload.length,
      }),
    );
    expect(streamed.ETag).toBe(`"${md5(payload)}"`);
    const back = await bytesOf(
      (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "uploads/stream.bin" }))).Body,
    );
    expect(Buffer.from(back).equals(payload)).toBe(true);

    const wrong = await s3Error(
      s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "uploads/bad", Body: "x", ChecksumCRC32: "AAAAAA==" })),
    );
    expect(wrong.name).toBe("BadDigest");
    const badMd5 = await s3Error(
      s3.send(
        new PutObjectCommand({ Bucket: BUCKET, Key: "uploads/bad", Body: "x", ContentMD5: "1B2M2Y8AsgTpgAmY7PhCfg==" }),
      ),
    );
    expect(badMd5.name).toBe("BadDigest");

    await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: "uploads/stream.bin" }));
    const gone = await s3Error(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "uploads/stream.bin" })));
    expect(gone.name).toBe("NoSuchKey");
  });

  it("assembles multipart uploads (ETag md5-of-md5s-N) and enforces the 5 MiB minimum part", async () => {
    const Key = "uploads/big.jar";
    const part1 = Buffer.alloc(5 * 1024 * 1024, 1);
    const part2 = Buffer.from("tail");
    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: BUCKET, Key, ContentType: "application/java-archive" }),
    );
    const p1 = await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key, UploadId, PartNumber: 1, Body: part1 }));
    const p2 = await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key, UploadId, PartNumber: 2, Body: part2 }));
    const done = await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key,
        UploadId,
        MultipartUpload: {
          Parts: [
            { PartNumber: 1, ETag: p1.ETag },
            { PartNumber: 2, ETag: p2.ETag },
          ],
        },
      }),
    );
    const inner = Buffer.concat([createHash("md5").update(part1).digest(), createHash("md5").update(part2).digest()]);
    expect(done.ETag).toBe(`"${md5(inner)}-2"`);
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key }));
    expect(head.ContentLength).toBe(part1.length + part2.length);
    expect(head.ContentType).toBe("application/java-archive");
    const tail = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key, Range: "bytes=-4" }));
    expect(await tail.Body!.transformToString()).toBe("tail");

    const small = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: "uploads/small" }));
    const s1 = await s3.send(
      new UploadPartCommand({
        Bucket: BUCKET,
        Key: "uploads/small",
        UploadId: small.UploadId,
        PartNumber: 1,
        Body: "a",
      }),
    );
    const s2 = await s3.send(
      new UploadPartCommand({
        Bucket: BUCKET,
        Key: "uploads/small",
        UploadId: small.UploadId,
        PartNumber: 2,
        Body: "b",
      }),
    );
    const tooSmall = await s3Error(
      s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: BUCKET,
          Key: "uploads/small",
          UploadId: small.UploadId,
          MultipartUpload: {
            Parts: [
              { PartNumber: 1, ETag: s1.ETag },
              { PartNumber: 2, ETag: s2.ETag },
            ],
          },
        }),
      ),
    );
    expect(tooSmall.name).toBe("EntityTooSmall");
    await s3.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: "uploads/small", UploadId: small.UploadId }));
    const aborted = await s3Error(
      s3.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: "uploads/small", UploadId: small.UploadId })),
    );
    expect(aborted.name).toBe("NoSuchUpload");
  });

  it("honours If-None-Match (304) and If-Match (412)", async () => {
    const Key = "MyApplication-flink-2.2.jar";
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key }));
    const notModified = await s3Error(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key, IfNoneMatch: head.ETag })));
    expect(notModified.$metadata.httpStatusCode).toBe(304);
    const failed = await s3Error(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key, IfMatch: '"0000"' })));
    expect(failed.name).toBe("PreconditionFailed");
    expect(failed.$metadata.httpStatusCode).toBe(412);
  });
});

describe("listing", () => {
  it("lists buckets with their regions, and bucket locations", async () => {
    const { Buckets } = await s3.send(new ListBucketsCommand({}));
    expect(Buckets?.map((b) => [b.Name, b.BucketRegion])).toEqual([
      ["flink-artifacts-123456789012-ap-southeast-2", "ap-southeast-2"],
      [EU_BUCKET, "eu-west-1"],
      [BUCKET, "us-east-1"],
    ]);
    const eu = await s3.send(new GetBucketLocationCommand({ Bucket: EU_BUCKET }));
    expect(eu.LocationConstraint).toBe("eu-west-1");
    const us = await s3.send(new GetBucketLocationCommand({ Bucket: BUCKET }));
    expect(us.LocationConstraint).toBeUndefined();
    const head = await s3.send(new HeadBucketCommand({ Bucket: BUCKET }));
    expect(head.BucketRegion).toBe("us-east-1");
  });

  it("pages ListObjectsV2 by max-keys and continuation token in UTF-8 order, with prefix and start-after", async () => {
    const all = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    const keys = all.Contents!.map((c) => c.Key!);
    expect(all.KeyCount).toBe(keys.length);
    expect(all.IsTruncated).toBe(false);
    expect(keys).toEqual([...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
    expect(keys).toContain("MyApplication-flink-2.2.jar");
    expect(keys).toContain("MyApplication-flink-1.20.jar");
    for (const c of all.Contents!) {
      expect(c.ETag).toMatch(/^"[0-9a-f]{32}"$/);
      expect(c.Size).toBeGreaterThan(0);
      expect(c.StorageClass).toBe("STANDARD");
    }

    const paged: string[] = [];
    let pages = 0;
    for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: BUCKET, MaxKeys: 7 })) {
      pages++;
      expect(page.KeyCount).toBeLessThanOrEqual(7);
      paged.push(...(page.Contents ?? []).map((c) => c.Key!));
    }
    expect(paged).toEqual(keys);
    expect(pages).toBe(Math.ceil(keys.length / 7));

    const prefixed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: "payments-fraud-scorer-" }));
    expect(prefixed.Contents!.map((c) => c.Key)).toEqual(keys.filter((k) => k.startsWith("payments-fraud-scorer-")));
    expect(prefixed.Prefix).toBe("payments-fraud-scorer-");
    const after = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, StartAfter: keys[3], MaxKeys: 2 }));
    expect(after.Contents!.map((c) => c.Key)).toEqual(keys.slice(4, 6));
    expect(after.IsTruncated).toBe(true);
    const bad = await s3Error(s3.send(new ListObjectsV2Command({ Bucket: BUCKET, ContinuationToken: "nope!" })));
    expect(bad.name).toBe("InvalidArgument");
  });

  it("groups keys by delimiter into CommonPrefixes (v2 and v1) and URL-encodes on request", async () => {
    for (const key of ["jars/a b.jar", "jars/c.jar", "jars/old/d.jar", "zz/e.jar"]) {
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: key }));
    }
    const top = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Delimiter: "/", Prefix: "jars/" }));
    expect(top.Contents!.map((c) => c.Key)).toEqual(["jars/a b.jar", "jars/c.jar"]);
    expect(top.CommonPrefixes!.map((p) => p.Prefix)).toEqual(["jars/old/"]);
    expect(top.KeyCount).toBe(3);
    const root = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Delimiter: "/", MaxKeys: 1000 }));
    expect(root.CommonPrefixes!.map((p) => p.Prefix)).toEqual(["jars/", "zz/"]);
    expect(root.Contents!.every((c) => !c.Key!.includes("/"))).toBe(true);
    // Paging through a common prefix skips everything under it.
    const first = await s3.send(
      new ListObjectsV2Command({ Bucket: BUCKET, Delimiter: "/", Prefix: "jars/", MaxKeys: 2 }),
    );
    expect(first.IsTruncated).toBe(true);
    const second = await s3.send(
      new ListObjectsV2Command({
        Bucket: BUCKET,
        Delimiter: "/",
        Prefix: "jars/",
        MaxKeys: 2,
        ContinuationToken: first.NextContinuationToken,
      }),
    );
    expect(second.CommonPrefixes!.map((p) => p.Prefix)).toEqual(["jars/old/"]);
    expect(second.IsTruncated).toBe(false);
    const v1 = await s3.send(new ListObjectsCommand({ Bucket: BUCKET, Delimiter: "/", Prefix: "jars/" }));
    expect(v1.Contents!.map((c) => c.Key)).toEqual(["jars/a b.jar", "jars/c.jar"]);
    expect(v1.CommonPrefixes!.map((p) => p.Prefix)).toEqual(["jars/old/"]);
    // The SDK decodes url-encoded keys itself only for its own requests; read the raw answer.
    const raw = await fetch(`${emu.url}/${BUCKET}?list-type=2&prefix=jars%2F&encoding-type=url`, { headers: signed() });
    const xml = await raw.text();
    expect(xml).toContain("<Key>jars/a%20b.jar</Key>");
    expect(xml).toContain("<EncodingType>url</EncodingType>");
    expect(xml).toContain('<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">');
    expect(xml).toMatch(/<ETag>&quot;[0-9a-f]{32}&quot;<\/ETag>/);
  });
});

describe("errors", () => {
  it("answers NoSuchKey / NoSuchBucket with S3's XML error and x-amz-request-id", async () => {
    const missing = await s3Error(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "nope.jar" })));
    expect(missing.name).toBe("NoSuchKey");
    expect(missing.$metadata.httpStatusCode).toBe(404);
    expect(missing.$metadata.requestId).toMatch(/^[0-9A-F]{16}$/);
    const noBucket = await s3Error(s3.send(new GetObjectCommand({ Bucket: "no-such-bucket-here", Key: "x" })));
    expect(noBucket.name).toBe("NoSuchBucket");
    expect(noBucket.$metadata.httpStatusCode).toBe(404);
    const head = await s3Error(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "nope.jar" })));
    expect(head.name).toBe("NotFound");
    expect(head.$metadata.httpStatusCode).toBe(404);

    const res = await fetch(`${emu.url}/${BUCKET}/nope%20.jar`, { headers: signed() });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/xml");
    const requestId = res.headers.get("x-amz-request-id");
    expect(requestId).toMatch(/^[0-9A-F]{16}$/);
    const xml = await res.text();
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>NoSuchKey<\/Code><Message>The specified key does not exist.<\/Message><Key>nope .jar<\/Key><RequestId>[0-9A-F]{16}<\/RequestId><HostId>[^<]+<\/HostId><\/Error>$/,
    );
    expect(xml).toContain(`<RequestId>${requestId}</RequestId>`);
  });

  it("denies a bucket through the control API (AccessDenied 403), other accounts and unsigned requests", async () => {
    const Key = "MyApplication-flink-2.2.jar";
    expect((await control("POST", `${BUCKET}/deny`, { deny: true })).status).toBe(200);
    const denied = await s3Error(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key })));
    expect(denied.name).toBe("AccessDenied");
    expect(denied.$metadata.httpStatusCode).toBe(403);
    const list = await s3Error(s3.send(new ListObjectsV2Command({ Bucket: BUCKET })));
    expect(list.name).toBe("AccessDenied");
    const raw = await fetch(`${emu.url}/${BUCKET}/${Key}`, { headers: signed() });
    expect(await raw.text()).toContain("<Code>AccessDenied</Code><Message>Access Denied</Message>");
    await control("POST", `${BUCKET}/deny`, { deny: false });
    expect((await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key }))).ETag).toBeDefined();

    const other = s3Client(emu.url, "us-east-1", {
      credentials: { accessKeyId: "111122223333", secretAccessKey: "x" },
    });
    const foreign = await s3Error(other.send(new GetObjectCommand({ Bucket: BUCKET, Key })));
    expect(foreign.name).toBe("AccessDenied");
    // That account has its own fleet bucket.
    const own = await other.send(new HeadObjectCommand({ Bucket: "flink-artifacts-111122223333-us-east-1", Key }));
    expect(own.ContentLength).toBeGreaterThan(0);

    const anonymous = await fetch(`${emu.url}/${BUCKET}/${Key}`);
    expect(anonymous.status).toBe(403);
    expect(await anonymous.text()).toContain("<Code>AccessDenied</Code>");
  });

  it("redirects a request signed for another region (PermanentRedirect 301, x-amz-bucket-region)", async () => {
    const Key = "billing-events-py-flink-2.2.zip";
    const wrong = await s3Error(s3.send(new GetObjectCommand({ Bucket: EU_BUCKET, Key })));
    expect(wrong.name).toBe("PermanentRedirect");
    expect(wrong.$metadata.httpStatusCode).toBe(301);
    const following = s3Client(emu.url, "us-east-1", { followRegionRedirects: true });
    const got = await following.send(new GetObjectCommand({ Bucket: EU_BUCKET, Key }));
    expect((await bytesOf(got.Body)).length).toBeGreaterThan(100);
    const eu = s3Client(emu.url, "eu-west-1");
    expect((await eu.send(new HeadObjectCommand({ Bucket: EU_BUCKET, Key }))).ContentType).toBe("application/zip");
  });

  it("throttles with SlowDown under an injected s3 fault (the SDK retries it)", async () => {
    await emu.control.setFaults({ service: "s3", operation: "GetObject", throttleRate: 1, remaining: 1 });
    const Key = "MyApplication-flink-2.2.jar";
    const ok = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key }));
    expect(ok.$metadata.attempts).toBe(2);
    await emu.control.setFaults({ service: "s3", operation: "GetObject", throttleRate: 1 });
    const once = s3Client(emu.url, "us-east-1", { maxAttempts: 1 });
    const slow = await s3Error(once.send(new GetObjectCommand({ Bucket: BUCKET, Key })));
    expect(slow.name).toBe("SlowDown");
    expect(slow.$metadata.httpStatusCode).toBe(503);
    const calls = await emu.control.calls();
    const gets = calls.find((c) => c.service === "s3" && c.operation === "GetObject" && c.app === "MyApplication");
    expect(gets?.throttled).toBeGreaterThanOrEqual(2);
    await emu.control.clearFaults();
  });

  it("checks presigned (query) auth: expired URLs are AccessDenied", async () => {
    const credential = encodeURIComponent("test/20200101/us-east-1/s3/aws4_request");
    const base = `${emu.url}/${BUCKET}/MyApplication-flink-2.2.jar?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${credential}&X-Amz-SignedHeaders=host&X-Amz-Signature=00`;
    const expired = await fetch(`${base}&X-Amz-Date=20200101T000000Z&X-Amz-Expires=60`);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain("<Message>Request has expired</Message>");
    const stamp = new Date()
      .toISOString()
      .replace(/[-:]/g, "")
      .replace(/\.\d{3}/, "");
    const fresh = await fetch(`${base}&X-Amz-Date=${stamp}&X-Amz-Expires=300`);
    expect(fresh.status).toBe(200);
    expect((await fresh.arrayBuffer()).byteLength).toBeGreaterThan(100);
  });
});

describe("control API", () => {
  it("puts objects (creating a bucket), lists and deletes them; reset restores the seed", async () => {
    const put = await control("POST", "scan-fixtures/objects", {
      key: "jars/app.jar",
      base64: Buffer.from("PK\u0003\u0004fake").toString("base64"),
      contentType: "application/java-archive",
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({
      bucket: "scan-fixtures",
      region: "us-east-1",
      key: "jars/app.jar",
      size: 8,
    });
    const got = await s3.send(new GetObjectCommand({ Bucket: "scan-fixtures", Key: "jars/app.jar" }));
    expect(await got.Body!.transformToString()).toBe("PK\u0003\u0004fake");
    const listing = (await (await control("GET", "scan-fixtures")).json()) as { objects: { key: string }[] };
    expect(listing.objects.map((o) => o.key)).toEqual(["jars/app.jar"]);

    const del = await control("POST", `${BUCKET}/delete`, { key: "MyApplication-flink-2.2.jar" });
    expect(await del.json()).toMatchObject({ deleted: true });
    expect(
      (await s3Error(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "MyApplication-flink-2.2.jar" })))).name,
    ).toBe("NotFound");
    const buckets = (await (await control("GET", "")).json()) as { buckets: { name: string }[] };
    expect(buckets.buckets.map((b) => b.name)).toContain("scan-fixtures");

    await emu.control.reset();
    expect(
      (await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "MyApplication-flink-2.2.jar" }))).ETag,
    ).toBeDefined();
    const afterReset = await s3Error(s3.send(new HeadObjectCommand({ Bucket: "scan-fixtures", Key: "jars/app.jar" })));
    expect(afterReset.$metadata.httpStatusCode).toBe(404);
    expect((await control("POST", "nope-bucket/deny", { deny: "yes" })).status).toBe(400);
    expect((await control("POST", "Bad_Name/objects", { key: "k", text: "x" })).status).toBe(400);
  });
});
