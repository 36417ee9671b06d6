// The S3 source through the real SDK against the emulator's S3 (path-style): ranged reads pinned to the ETag, the
// cache by ETag, and S3's errors as scan results.
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { s3Client, startEmulator, type StartedEmulator } from "@/emulator/tests/harness";
import { MemoryScanCache } from "./cache";
import { describeS3Error, openS3Source, scanS3Object, type S3Location } from "./s3-source";
import { buildJar } from "./test-support/jar";

const REGION = "us-east-1";
const BUCKET = "flink-artifacts-123456789012-us-east-1";
let emulator: StartedEmulator;
let client: S3Client;

beforeAll(async () => {
  emulator = await startEmulator();
  client = s3Client(emulator.url, REGION);
});
afterAll(() => emulator.close());
beforeEach(() => emulator.control.reset());

const at = (key: string): S3Location => ({ bucket: BUCKET, key, account: "123456789012", region: REGION });

async function put(key: string, body: Uint8Array): Promise<void> {
  await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
}

async function getObjectCalls(): Promise<number> {
  const calls = await emulator.control.calls();
  return calls.filter((call) => call.operation === "GetObject").reduce((sum, call) => sum + call.count, 0);
}

const dataSetJar = () =>
  buildJar(
    Array.from({ length: 50 }, (_, i) => ({
      name: `com/example/Job${i}`,
      classRefs: ["org/apache/flink/api/java/DataSet"],
    })),
  );

describe("scanS3Object", () => {
  it("scans with a handful of ranged reads, then answers the same ETag from the cache", async () => {
    await put("apps/job.jar", dataSetJar());
    await emulator.control.resetCalls();
    const cache = new MemoryScanCache();

    const first = await scanS3Object(at("apps/job.jar"), { client, cache });
    expect(first).toMatchObject({ status: "breaks", classes: 50, isCached: false });
    expect(first.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(first.findings.map((finding) => [finding.id, finding.occurrences])).toEqual([["dataset-api", 50]]);
    // The whole JAR is a few KB: the end-of-directory read and one block, not one request per entry.
    const reads = await getObjectCalls();
    expect(reads).toBeGreaterThanOrEqual(1);
    expect(reads).toBeLessThanOrEqual(3);

    const second = await scanS3Object(at("apps/job.jar"), { client, cache });
    expect(second).toMatchObject({ status: "breaks", isCached: true, etag: first.etag, findings: first.findings });
    expect(await getObjectCalls()).toBe(reads);
    expect(cache.size).toBe(1);
  });

  it("a missing key is unreadable, not-found", async () => {
    const result = await scanS3Object(at("apps/missing.jar"), { client });
    expect(result.status).toBe("unreadable");
    expect(result.error).toEqual({
      code: "not-found",
      message: `s3://${BUCKET}/apps/missing.jar does not exist (NoSuchKey): check the application's code location.`,
    });
  });

  it("a denied bucket is unreadable, access-denied", async () => {
    await put("apps/job.jar", dataSetJar());
    const deny = await fetch(`${emulator.url}/_emulator/s3/${BUCKET}/deny`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ deny: true }),
    });
    expect(deny.status).toBe(200);
    const result = await scanS3Object(at("apps/job.jar"), { client, cache: new MemoryScanCache() });
    expect(result.status).toBe("unreadable");
    expect(result.error?.code).toBe("access-denied");
    expect(result.error?.message).toMatch(
      /^Access denied reading s3:\/\/flink-artifacts-123456789012-us-east-1\/apps\/job\.jar/,
    );
  });
});

describe("openS3Source", () => {
  it("knows the size and ETag from HeadObject and reads exact ranges", async () => {
    const bytes = Uint8Array.from({ length: 5000 }, (_, i) => i % 251);
    await put("apps/bytes.bin", bytes);
    const source = await openS3Source(at("apps/bytes.bin"), { client });
    expect(source.size).toBe(5000);
    expect([...(await source.read(1000, 10))]).toEqual([...bytes.subarray(1000, 1010)]);
    expect((await source.read(4990, 100)).length).toBe(10);
    const streamed: Buffer[] = [];
    for await (const chunk of source.stream(10, 4000)) streamed.push(chunk as Buffer);
    expect(Buffer.concat(streamed).equals(Buffer.from(bytes.subarray(10, 4000)))).toBe(true);
  });

  it("fails a read once the object was replaced (If-Match on the ETag seen)", async () => {
    await put("apps/job.jar", dataSetJar());
    const source = await openS3Source(at("apps/job.jar"), { client });
    await put("apps/job.jar", buildJar([{ name: "com/example/Other" }]));
    await expect(source.read(0, 4)).rejects.toMatchObject({
      name: "ArchiveSourceError",
      code: "changed",
      message: `s3://${BUCKET}/apps/job.jar was replaced while it was being scanned (its ETag changed): scan it again.`,
    });
  });
});

describe("describeS3Error", () => {
  it.each([
    [{ name: "AccessDenied", $metadata: { httpStatusCode: 403 } }, "access-denied"],
    [{ name: "NoSuchKey", $metadata: { httpStatusCode: 404 } }, "not-found"],
    [{ name: "NotFound", $metadata: { httpStatusCode: 404 } }, "not-found"],
    [{ name: "Unknown", $metadata: { httpStatusCode: 403 } }, "access-denied"],
    [{ name: "PreconditionFailed", $metadata: { httpStatusCode: 412 } }, "changed"],
    [{ name: "SlowDown", $metadata: { httpStatusCode: 503 } }, "throttled"],
    [{ name: "InternalError", $metadata: { httpStatusCode: 500 } }, "unavailable"],
    [new Error("socket hang up"), "unavailable"],
    [new Error("something else"), "failed"],
  ])("%o → %s", (error, code) => {
    expect(describeS3Error(error, at("a.jar")).code).toBe(code);
  });
});
