import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// The Prisma CLI does not read .env when a config file exists; DATABASE_URL comes from the shell. Without it
// the schema's env("DATABASE_URL") does not resolve and `prisma generate` tries to download a query engine
// (impossible offline), so the CLI gets the same default as the app (lib/env.ts).
process.env.DATABASE_URL ??= "file:./data/msf.db";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => new PrismaBetterSQLite3({ url: process.env.DATABASE_URL! }),
});
