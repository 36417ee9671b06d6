// One schema, two engines (ADR 12): prisma/schema.prisma (SQLite, the embedded default) is the source;
// prisma/postgres/schema.prisma is generated from it, with its own client (generated/prisma-pg). Run after any schema
// change, then `npm run db:pg-migration -- <name>` for the PostgreSQL migration; a test fails while either is stale.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

export function postgresSchemaOf(sqliteSchema) {
  const out = sqliteSchema
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('output     = "../generated/prisma"', 'output     = "../../generated/prisma-pg"');
  if (out === sqliteSchema || !out.includes("postgresql") || !out.includes("prisma-pg"))
    throw new Error("prisma/schema.prisma no longer has the provider/output lines this script rewrites");
  return `// Generated from prisma/schema.prisma by scripts/postgres-schema.mjs: do not edit.\n${out}`;
}

if (process.argv[1] === import.meta.filename) {
  const source = readFileSync(path.join(root, "prisma/schema.prisma"), "utf8");
  writeFileSync(path.join(root, "prisma/postgres/schema.prisma"), postgresSchemaOf(source));
  console.log("wrote prisma/postgres/schema.prisma");
}
