import { describe, expect, it } from "vitest";
// @ts-expect-error -- a plain ESM script without types
import { checkBudgets } from "./budgets.mjs";

// `npm run budgets` against a build's route stats: sizes are gzipped bytes per chunk, summed per route.
const stats = [
  { route: "/", firstLoadChunkPaths: ["a.js", "shared.js"] },
  { route: "/upgrades/[id]", firstLoadChunkPaths: ["b.js", "shared.js"] },
];
const sizes: Record<string, number> = { "a.js": 10 * 1024, "b.js": 50 * 1024, "shared.js": 100 * 1024 };
const sizeOf = (chunk: string) => sizes[chunk]!;

describe("route budgets", () => {
  it("passes routes within their budget, counting shared chunks in each route", () => {
    const budgets = { "/": { kib: 110 }, "/upgrades/[id]": { kib: 150 } };
    const { rows, failures } = checkBudgets(stats, budgets, sizeOf);
    expect(failures).toEqual([]);
    expect(rows).toEqual([
      { route: "/", kib: 110, budget: 110, verdict: "ok" },
      { route: "/upgrades/[id]", kib: 150, budget: 150, verdict: "ok" },
    ]);
  });

  it("fails a route one KiB over its budget, naming it and both sizes", () => {
    const { failures } = checkBudgets(stats, { "/": { kib: 110 }, "/upgrades/[id]": { kib: 149 } }, sizeOf);
    expect(failures).toEqual(["/upgrades/[id]: 150 KiB, over (149)"]);
  });

  it("fails a route without a budget, and a budget whose route the build no longer has", () => {
    const { failures } = checkBudgets(stats, { "/": { kib: 200 }, "/gone": { kib: 100 } }, sizeOf);
    expect(failures).toEqual([
      "/upgrades/[id]: 150 KiB, no budget (-)",
      "/gone: has a budget but the build has no such route",
    ]);
  });
});
