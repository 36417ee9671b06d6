import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { PrismaClient as PostgresClient } from "@/generated/prisma-pg/client";
import { env } from "@/lib/env";
import { sqliteAdapter } from "@/lib/sqlite-connection";

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

/** DATABASE_URL=postgres://… (several instances on one server) or file:… (the embedded default). ADR 12. */
export const isPostgres = (url = env().DATABASE_URL) => /^postgres(ql)?:\/\//.test(url);

function connect(url: string): PrismaClient {
  // Both clients come from one schema (scripts/postgres-schema.mjs): the same models, fields and methods, so the
  // app is typed against the SQLite one.
  if (isPostgres(url))
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as PrismaClient;
  return new PrismaClient({ adapter: sqliteAdapter(url) });
}

export const db: PrismaClient = globalForPrisma.prisma ?? connect(env().DATABASE_URL);

if (env().NODE_ENV !== "production") globalForPrisma.prisma = db;

/** `contains` as SQLite's LIKE matches text (ASCII case ignored), on both engines. */
export function containsText(value: string): { contains: string } {
  return isPostgres() ? ({ contains: value, mode: "insensitive" } as { contains: string }) : { contains: value };
}
