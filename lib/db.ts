import { PrismaClient } from "@/generated/prisma/client";
import { env } from "@/lib/env";
import { sqliteAdapter } from "@/lib/sqlite-connection";

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export const db: PrismaClient =
  globalForPrisma.prisma ?? new PrismaClient({ adapter: sqliteAdapter(env().DATABASE_URL) });

if (env().NODE_ENV !== "production") globalForPrisma.prisma = db;
