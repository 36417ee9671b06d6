import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/generated/prisma/client";
import { PrismaClient as PostgresClient } from "@/generated/prisma-pg/client";
import { env } from "@/lib/env";
import { sqliteAdapter } from "@/lib/sqlite-connection";

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

/** DATABASE_URL=postgres://… (several instances on one server) or file:… (the embedded default). ADR 12. */
export const isPostgres = (url = env().DATABASE_URL) => /^postgres(ql)?:\/\//.test(url);

// A sync saves each account + region in one transaction of hundreds of writes, 30 places at once for 3 accounts x
// 10 regions: on a busy server, waiting for a pooled connection and writing take longer than Prisma's defaults
// (2 s to start, 5 s to finish), and a region whose save times out is not saved at all.
const transactionOptions = { maxWait: 30_000, timeout: 60_000 };

function connect(url: string): PrismaClient {
  // Both clients come from one schema (scripts/postgres-schema.mjs): the same models, fields and methods, so the
  // app is typed against the SQLite one.
  if (isPostgres(url))
    return new PostgresClient({
      adapter: new PrismaPg(postgresPool(url), { disposeExternalPool: true }),
      transactionOptions,
    }) as unknown as PrismaClient;
  return new PrismaClient({ adapter: sqliteAdapter(url), transactionOptions });
}

/**
 * A pool that takes back the connections a server restart killed inside a transaction. Prisma releases a
 * transaction's connection only after its ROLLBACK succeeds; on a dead connection that never happens, and each
 * restart would leave the pool one connection short for good (and make disconnecting hang).
 */
function postgresPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url });
  const lent = new Set<pg.PoolClient>();
  pool.on("acquire", (client) => lent.add(client));
  pool.on("release", (_error, client) => lent.delete(client as pg.PoolClient));
  pool.on("connect", (client) =>
    client.on("end", () => {
      // Later than whoever holds it would have released it on its own, had it been going to.
      setTimeout(() => {
        if (lent.delete(client)) client.release(new Error("the connection ended while lent"));
      }, 1_000).unref();
    }),
  );
  return pool;
}

export const db: PrismaClient = globalForPrisma.prisma ?? connect(env().DATABASE_URL);

if (env().NODE_ENV !== "production") globalForPrisma.prisma = db;

/** `contains` as SQLite's LIKE matches text (ASCII case ignored), on both engines. */
export function containsText(value: string): { contains: string } {
  return isPostgres() ? ({ contains: value, mode: "insensitive" } as { contains: string }) : { contains: value };
}
