// Scan results by ETag: the same JAR (same bytes, same ETag) scanned by the same scanner version gives the same
// answer, so a fleet of applications sharing one JAR is scanned once. The database backs this in the app; tests
// and the bench use the in-memory one.
import { SCANNER_VERSION, type ScanErrorCode, type ScanResult } from "./scan";

export interface ScanCacheKey {
  /** The object's ETag without quotes. */
  etag: string;
  scannerVersion: string;
}

export interface ScanCache {
  get(key: ScanCacheKey): Promise<ScanResult | undefined>;
  set(key: ScanCacheKey, result: ScanResult): Promise<void>;
}

/** A new scanner version misses every older entry, so improved rules reach JARs scanned before. */
export function cacheKey(etag: string, scannerVersion = SCANNER_VERSION): ScanCacheKey {
  return { etag: etag.replace(/^W\//, "").replace(/"/g, ""), scannerVersion };
}

// Failures that say something about the bytes are as stable as the bytes; a timeout, a cancel or an S3 error is not.
const TRANSIENT_ERRORS = new Set<ScanErrorCode>([
  "timeout",
  "aborted",
  "access-denied",
  "not-found",
  "source",
  "internal",
]);

export function isCacheable(result: ScanResult): boolean {
  return !result.error || !TRANSIENT_ERRORS.has(result.error.code);
}

/** A bounded in-memory cache (least recently used goes first). */
export class MemoryScanCache implements ScanCache {
  private readonly results = new Map<string, ScanResult>();

  constructor(private readonly maxEntries = 1000) {}

  private static id(key: ScanCacheKey): string {
    return `${key.scannerVersion}\u0000${key.etag}`;
  }

  async get(key: ScanCacheKey): Promise<ScanResult | undefined> {
    const id = MemoryScanCache.id(key);
    const result = this.results.get(id);
    if (result) {
      this.results.delete(id);
      this.results.set(id, result);
    }
    return result;
  }

  async set(key: ScanCacheKey, result: ScanResult): Promise<void> {
    const id = MemoryScanCache.id(key);
    this.results.delete(id);
    this.results.set(id, result);
    while (this.results.size > this.maxEntries) this.results.delete(this.results.keys().next().value as string);
  }

  get size(): number {
    return this.results.size;
  }
}
