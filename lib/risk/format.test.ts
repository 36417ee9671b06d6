import { describe, expect, it } from "vitest";
import { formatBytes, plural, wholeDaysBetween } from "./format";

describe("format", () => {
  it.each([
    [512, "512 B"],
    [1536, "1.5 KiB"],
    [23.4 * 1024 ** 3, "23.4 GiB"],
    [3 * 1024 ** 4, "3.0 TiB"],
  ])("formatBytes(%d) = %s", (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it("counts whole days, rounding down", () => {
    const start = new Date("2026-03-12T00:00:00Z");
    expect(wholeDaysBetween(start, new Date("2026-04-22T23:59:59Z"))).toBe(41);
    expect(wholeDaysBetween(start, new Date("2026-03-12T23:59:59Z"))).toBe(0);
  });

  it("pluralises", () => {
    expect(plural(1, "restart")).toBe("1 restart");
    expect(plural(12, "restart")).toBe("12 restarts");
  });
});
