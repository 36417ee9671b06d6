import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDatabase } from "@/tests/support/app-test-env";
import { rmSync } from "node:fs";

// The real Prisma client on a real SQLite file, opened the way the app opens it.
let dir: string;
let lib: { db: typeof import("@/lib/db").db; busyTimeoutMs: number };

beforeAll(async () => {
  const created = createMigratedDatabase();
  dir = created.dir;
  process.env.DATABASE_URL = `file:${created.dbFile}`;
  lib = { db: (await import("@/lib/db")).db, busyTimeoutMs: (await import("@/lib/sqlite-connection")).busyTimeoutMs };
});

afterAll(async () => {
  await lib.db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

describe("the app's SQLite connection", () => {
  it("runs in WAL mode with a busy timeout", async () => {
    const [journal] = await lib.db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    const [busy] = await lib.db.$queryRawUnsafe<{ timeout: number | bigint }[]>("PRAGMA busy_timeout");
    expect(journal?.journal_mode).toBe("wal");
    expect(Number(busy?.timeout)).toBe(lib.busyTimeoutMs);
  });

  it("keeps a write sent while a transaction is open out of it, so the transaction's rollback cannot undo it", async () => {
    const { db } = lib;
    let outsideWrite: Promise<unknown> = Promise.resolve();
    const failing = db.$transaction(async (tx) => {
      await tx.inventorySync.create({ data: { status: "QUEUED", triggeredBy: "inside" } });
      // A Prisma query only runs once something awaits it, as the other worker lane would.
      outsideWrite = db.inventorySync.create({ data: { status: "QUEUED", triggeredBy: "outside" } }).then(() => "sent");
      await new Promise((resolve) => setTimeout(resolve, 20));
      await tx.inventorySync.count();
      throw new Error("failed mid-way");
    });
    await expect(failing).rejects.toThrow("failed mid-way");
    await outsideWrite;
    const rows = await db.inventorySync.findMany({ select: { triggeredBy: true } });
    expect(rows.map((r) => r.triggeredBy)).toEqual(["outside"]);
  });
});
