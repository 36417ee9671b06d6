import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { PrismaClient } from "@/generated/prisma/client";

type AdapterFactory = NonNullable<NonNullable<ConstructorParameters<typeof PrismaClient>[0]>["adapter"]>;
type Connection = Awaited<ReturnType<AdapterFactory["connect"]>>;
type Transaction = Awaited<ReturnType<Connection["startTransaction"]>>;

/** How long a write waits for another process's lock (the web server and `npm run worker` share the file). */
export const busyTimeoutMs = 5_000;

/**
 * The Prisma adapter for one SQLite file: WAL (readers never block the writer) and a busy timeout on every
 * connection, and one transaction at a time on it.
 */
export function sqliteAdapter(url: string): AdapterFactory {
  const factory = new PrismaBetterSQLite3({ url });
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const connection = await factory.connect();
      await connection.executeScript(`PRAGMA journal_mode = WAL; PRAGMA busy_timeout = ${busyTimeoutMs};`);
      return oneTransactionAtATime(connection);
    },
  };
}

/**
 * The adapter runs every query on one connection, so a query sent while a transaction is open runs inside it and
 * vanishes if it rolls back. Queries outside the transaction wait for it to end instead.
 */
function oneTransactionAtATime(connection: Connection): Connection {
  const acquire = createLock();
  const outsideTransactions =
    <A extends unknown[], R>(run: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const release = await acquire();
      try {
        return await run(...args);
      } finally {
        release();
      }
    };
  return {
    provider: connection.provider,
    adapterName: connection.adapterName,
    queryRaw: outsideTransactions((query) => connection.queryRaw(query)),
    executeRaw: outsideTransactions((query) => connection.executeRaw(query)),
    executeScript: outsideTransactions((script) => connection.executeScript(script)),
    getConnectionInfo: connection.getConnectionInfo?.bind(connection),
    dispose: () => connection.dispose(),
    async startTransaction(isolationLevel) {
      const release = await acquire();
      try {
        return releasingOnEnd(await connection.startTransaction(isolationLevel), release);
      } catch (error) {
        release();
        throw error;
      }
    },
  };
}

function releasingOnEnd(transaction: Transaction, release: () => void): Transaction {
  const ending = (end: () => Promise<void>) => async () => {
    try {
      await end();
    } finally {
      release();
    }
  };
  return {
    provider: transaction.provider,
    adapterName: transaction.adapterName,
    options: transaction.options,
    queryRaw: (query) => transaction.queryRaw(query),
    executeRaw: (query) => transaction.executeRaw(query),
    commit: ending(() => transaction.commit()),
    rollback: ending(() => transaction.rollback()),
  };
}

/** A first-come first-served mutex: acquire() resolves with the function that releases it. */
function createLock(): () => Promise<() => void> {
  let tail: Promise<void> = Promise.resolve();
  return async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const previous = tail;
    tail = previous.then(() => released);
    await previous;
    return release;
  };
}
