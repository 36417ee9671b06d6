#!/usr/bin/env node
// `npm run budgets`: the client JavaScript each route ships, read from the production build's own output
// (.next/diagnostics/route-bundle-stats.json, written by `next build`), gzipped as a browser receives it, against
// budgets.json. Builds nothing: run it after `npm run build` (or `npm test`, whose e2e suite builds).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Compares each route's first-load client JavaScript (gzipped KiB) with its budget. A route without a budget fails
 * too: a new page gets a budget and a reason when it is added. Budgets of routes the build no longer has fail, so
 * the file does not rot.
 */
export function checkBudgets(stats, budgets, gzippedBytesOf) {
  const rows = stats
    .map(({ route, firstLoadChunkPaths }) => {
      const kib = firstLoadChunkPaths.reduce((sum, chunk) => sum + gzippedBytesOf(chunk), 0) / 1024;
      const budget = budgets[route]?.kib;
      const verdict = budget === undefined ? "no budget" : kib > budget ? "over" : "ok";
      return { route, kib: Math.round(kib * 10) / 10, budget: budget ?? "-", verdict };
    })
    .sort((a, b) => a.route.localeCompare(b.route));
  const built = new Set(stats.map((s) => s.route));
  const stale = Object.keys(budgets).filter((route) => !built.has(route));
  const failures = [
    ...rows.filter((r) => r.verdict !== "ok").map((r) => `${r.route}: ${r.kib} KiB, ${r.verdict} (${r.budget})`),
    ...stale.map((route) => `${route}: has a budget but the build has no such route`),
  ];
  return { rows, failures };
}

function main() {
  const statsFile = path.join(root, ".next/diagnostics/route-bundle-stats.json");
  if (!existsSync(statsFile)) {
    console.error(
      "npm run budgets: no production build (.next/diagnostics/route-bundle-stats.json); run npm run build.",
    );
    process.exit(2);
  }
  const stats = JSON.parse(readFileSync(statsFile, "utf8"));
  const { budgets } = JSON.parse(readFileSync(path.join(root, "budgets.json"), "utf8"));
  const cache = new Map();
  const gzippedBytesOf = (chunk) => {
    if (!cache.has(chunk)) cache.set(chunk, gzipSync(readFileSync(path.join(root, chunk))).length);
    return cache.get(chunk);
  };
  const { rows, failures } = checkBudgets(stats, budgets, gzippedBytesOf);
  console.log("First-load client JavaScript per route (gzipped KiB) against budgets.json");
  console.table(rows);
  if (failures.length) {
    console.error(`Over budget or unbudgeted:\n  ${failures.join("\n  ")}`);
    process.exit(1);
  }
  console.log(`All ${rows.length} routes within budget.`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
