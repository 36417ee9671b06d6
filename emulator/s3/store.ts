// S3 state: buckets (owner account, region, deny flag) and their objects, all in memory. Seeded buckets hold the
// fleet's code objects: the plan (keys, dates, build descriptions) is fixed when the account's region is seeded,
// an object's bytes are written the first time it is read or listed (≈ 0.5 ms each), so a large fleet seeds fast.
import { createHash } from "node:crypto";
import { buildArtifact } from "../seed/code-artifacts";
import type { SeedCodeObject } from "../seed/code-objects";

export interface S3Object {
  key: string;
  body: Uint8Array;
  /** Quoted MD5 hex of the body (single-part upload). */
  etag: string;
  /** Epoch ms, whole seconds. */
  lastModified: number;
  contentType: string;
  /** x-amz-meta-* (lower-case names without the prefix). */
  metadata: Record<string, string>;
  /** Stored representation headers returned on GET/HEAD (Content-Encoding, Cache-Control, …). */
  headers: Record<string, string>;
}

export interface S3Bucket {
  name: string;
  owner: string;
  region: string;
  createdAt: number;
  /** The owner's policy denies everything (control API): every request answers AccessDenied. */
  denied: boolean;
  /** Written objects, and seeded ones whose bytes are not written yet. */
  objects: Map<string, S3Object | SeedCodeObject>;
  /** Keys in S3 order (UTF-8 binary), rebuilt after a change. */
  sorted?: string[];
}

/** Lets the store materialise fleet buckets on demand (the account's regions are seeded lazily). */
export interface BucketResolver {
  /** Seed whatever account/region `name` belongs to, if any. */
  bucket(name: string): void;
  /** Seed every fleet region of the account. */
  account(accountId: string): void;
}

export function etagOf(body: Uint8Array): string {
  return `"${createHash("md5").update(body).digest("hex")}"`;
}

export class S3Store {
  private buckets = new Map<string, S3Bucket>();

  constructor(private readonly resolver?: BucketResolver) {}

  reset(): void {
    this.buckets = new Map();
  }

  /** A fleet bucket whose objects are written on first use; keys that exist already are kept. */
  defineSeedBucket(name: string, owner: string, region: string, createdAt: number, plan: SeedCodeObject[]): void {
    let bucket = this.buckets.get(name);
    if (!bucket) {
      bucket = { name, owner, region, createdAt, denied: false, objects: new Map() };
      this.buckets.set(name, bucket);
    }
    for (const item of plan) if (!bucket.objects.has(item.key)) bucket.objects.set(item.key, item);
    delete bucket.sorted;
  }

  /** The bucket; undefined when no such bucket exists. */
  bucket(name: string): S3Bucket | undefined {
    if (!this.buckets.has(name)) this.resolver?.bucket(name);
    return this.buckets.get(name);
  }

  /** One object, its bytes written if it was only planned. */
  object(bucket: S3Bucket, key: string): S3Object | undefined {
    const entry = bucket.objects.get(key);
    if (!entry || !("build" in entry)) return entry;
    const body = buildArtifact(entry.build);
    const object: S3Object = {
      key: entry.key,
      body,
      etag: etagOf(body),
      lastModified: entry.lastModified,
      contentType: entry.contentType,
      metadata: {},
      headers: {},
    };
    bucket.objects.set(key, object);
    return object;
  }

  /** Buckets an account owns (its fleet buckets are seeded first), by name. */
  bucketsOf(accountId: string): S3Bucket[] {
    this.resolver?.account(accountId);
    return [...this.buckets.values()].filter((b) => b.owner === accountId).sort((a, b) => compareKeys(a.name, b.name));
  }

  /** Every bucket known so far (control API). */
  allBuckets(): S3Bucket[] {
    return [...this.buckets.values()].sort((a, b) => compareKeys(a.name, b.name));
  }

  /** Creates a bucket (control API); an existing one is answered as is. */
  ensureBucket(name: string, owner: string, region: string, now: number): S3Bucket {
    const bucket = this.bucket(name);
    if (bucket) return bucket;
    const created: S3Bucket = { name, owner, region, createdAt: now, denied: false, objects: new Map() };
    this.buckets.set(name, created);
    return created;
  }

  put(bucket: S3Bucket, object: S3Object): void {
    if (!bucket.objects.has(object.key)) delete bucket.sorted;
    bucket.objects.set(object.key, object);
  }

  delete(bucket: S3Bucket, key: string): boolean {
    const existed = bucket.objects.delete(key);
    if (existed) delete bucket.sorted;
    return existed;
  }

  /** Keys in the order S3 lists them: by the bytes of their UTF-8 encoding. */
  sortedKeys(bucket: S3Bucket): string[] {
    bucket.sorted ??= [...bucket.objects.keys()].sort(compareKeys);
    return bucket.sorted;
  }
}

/** S3 orders keys by UTF-8 bytes; UTF-16 order differs only around supplementary characters, so compare bytes. */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}
