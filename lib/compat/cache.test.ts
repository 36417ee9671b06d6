import { describe, expect, it } from "vitest";
import { cacheKey, isCacheable, MemoryScanCache } from "./cache";
import { SCANNER_VERSION, type ScanResult } from "./scan";

const result = (overrides: Partial<ScanResult> = {}): ScanResult => ({
  status: "clean",
  findings: [],
  classes: 1,
  entries: 1,
  bytes: 100,
  majorVersions: { "61": 1 },
  artifacts: [],
  durationMs: 1,
  scannerVersion: SCANNER_VERSION,
  ...overrides,
});

describe("cacheKey", () => {
  it("strips quotes and the weak prefix, and carries the scanner version", () => {
    expect(cacheKey('"abc123"')).toEqual({ etag: "abc123", scannerVersion: SCANNER_VERSION });
    expect(cacheKey('W/"abc-2"', "old")).toEqual({ etag: "abc-2", scannerVersion: "old" });
  });
});

describe("isCacheable", () => {
  it("keeps answers about the bytes, not passing failures", () => {
    expect(isCacheable(result())).toBe(true);
    expect(isCacheable(result({ status: "unreadable", error: { code: "zip-bomb", message: "" } }))).toBe(true);
    for (const code of ["timeout", "access-denied", "not-found", "source", "internal", "aborted"] as const) {
      expect(isCacheable(result({ status: "unreadable", error: { code, message: "" } }))).toBe(false);
    }
  });
});

describe("MemoryScanCache", () => {
  it("misses another scanner version and drops the least recently used", async () => {
    const cache = new MemoryScanCache(2);
    await cache.set(cacheKey("a"), result({ classes: 1 }));
    await cache.set(cacheKey("b"), result({ classes: 2 }));
    expect(await cache.get(cacheKey("a", "older-scanner"))).toBeUndefined();
    expect((await cache.get(cacheKey("a")))?.classes).toBe(1);
    await cache.set(cacheKey("c"), result({ classes: 3 }));
    expect(await cache.get(cacheKey("b"))).toBeUndefined();
    expect((await cache.get(cacheKey("a")))?.classes).toBe(1);
    expect(cache.size).toBe(2);
  });
});
