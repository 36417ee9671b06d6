// A fresh PostgreSQL database per test file on the server `TEST_POSTGRES_URL` points at (scripts/with-postgres.mjs
// starts a throwaway one), migrated with prisma/postgres/migrations: the same tests, on the other engine (ADR 12).
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Client } from "pg";

export const testPostgresUrl = () => process.env.TEST_POSTGRES_URL || null;

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createPostgresDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `msf_test_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  await withClient(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const migrations = path.resolve(__dirname, "../../prisma/postgres/migrations");
  await withClient(url.toString(), async (c) => {
    for (const dir of readdirSync(migrations)
      .filter((n) => /^\d/.test(n))
      .sort())
      await c.query(readFileSync(path.join(migrations, dir, "migration.sql"), "utf8"));
  });
  return {
    url: url.toString(),
    drop: () => withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
  };
}
