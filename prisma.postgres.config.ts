import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// The PostgreSQL side of ADR 12: the schema generated from prisma/schema.prisma, its own migrations and client.
// `prisma migrate deploy --config prisma.postgres.config.ts` with DATABASE_URL=postgres://… migrates a server.
process.env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/msf";

export default defineConfig({
  schema: "prisma/postgres/schema.prisma",
  migrations: { path: "prisma/postgres/migrations" },
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL! }),
});
