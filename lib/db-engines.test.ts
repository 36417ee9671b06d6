import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDatabase } from "@/tests/support/app-test-env";
import { createPostgresDatabase, testPostgresUrl } from "@/tests/support/postgres";

// One schema, two engines (ADR 12): the PostgreSQL schema is the SQLite one with only the provider and the client
// changed, and the migrations of the engine under test build every table and column the client reads. Runs in
// `npm run test:unit` (SQLite) and again in `npm run test:pg` (PostgreSQL).
const root = path.resolve(__dirname, "..");
const serverUrl = testPostgresUrl();
const engine = serverUrl ? "PostgreSQL" : "SQLite";
let drop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  if (serverUrl) {
    const created = await createPostgresDatabase(serverUrl);
    process.env.DATABASE_URL = created.url;
    drop = created.drop;
  } else {
    process.env.DATABASE_URL = `file:${createMigratedDatabase().dbFile}`;
  }
});

afterAll(async () => {
  const { db } = await import("@/lib/db");
  await db.$disconnect();
  await drop?.();
});

describe("one schema, two engines", () => {
  it("prisma/postgres/schema.prisma is generated from prisma/schema.prisma and up to date", async () => {
    const { postgresSchemaOf } = (await import(path.join(root, "scripts/postgres-schema.mjs"))) as {
      postgresSchemaOf: (s: string) => string;
    };
    const source = readFileSync(path.join(root, "prisma/schema.prisma"), "utf8");
    expect(readFileSync(path.join(root, "prisma/postgres/schema.prisma"), "utf8")).toBe(postgresSchemaOf(source));
  });

  it(`the ${engine} migrations build every table and column the client reads`, async () => {
    const { Prisma } = await import("@/generated/prisma/client");
    const { db, isPostgres } = await import("@/lib/db");
    expect(isPostgres()).toBe(Boolean(serverUrl));
    const models = Object.values(Prisma.ModelName);
    expect(models.length).toBeGreaterThanOrEqual(14);
    for (const model of models) {
      const delegate = (db as unknown as Record<string, { findFirst(): Promise<unknown> }>)[
        model[0]!.toLowerCase() + model.slice(1)
      ]!;
      // findFirst selects every scalar field: a table or column a migration forgot fails here.
      await expect(delegate.findFirst(), model).resolves.toBeNull();
    }
  });
});
