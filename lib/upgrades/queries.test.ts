import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionCookieFor } from "@/tests/support/session";
import { createMigratedDatabase, TEST_ACCOUNT } from "@/tests/support/app-test-env";

// The run page's event reads on a real SQLite file, through the query functions and the route handler.
let dir: string;
let runId: string;
let eventIds: number[];
let lib: {
  db: typeof import("@/lib/db").db;
  queries: typeof import("./queries");
  route: typeof import("@/app/api/upgrades/[id]/events/route");
};

beforeAll(async () => {
  const created = createMigratedDatabase();
  dir = created.dir;
  process.env.DATABASE_URL = `file:${created.dbFile}`;
  lib = {
    db: (await import("@/lib/db")).db,
    queries: await import("./queries"),
    route: await import("@/app/api/upgrades/[id]/events/route"),
  };
  const run = await lib.db.upgradeRun.create({
    data: {
      account: TEST_ACCOUNT,
      region: "us-east-1",
      appName: "orders",
      fromRuntime: "FLINK-1_20",
      toRuntime: "FLINK-2_2",
      expectedVersionId: 1,
      initiatedBy: "test",
      options: "{}",
    },
  });
  runId = run.id;
  await lib.db.upgradeEvent.createMany({
    data: Array.from({ length: 250 }, (_, i) => ({ runId, actor: "worker", kind: "state", message: `event ${i}` })),
  });
  eventIds = (await lib.db.upgradeEvent.findMany({ orderBy: { id: "asc" }, select: { id: true } })).map((e) => e.id);
});

afterAll(async () => {
  await lib.db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

const ids = (page: { events: { id: number }[] }) => page.events.map((e) => e.id);

describe("listRunEvents", () => {
  it("gives the newest page first, oldest first within it", async () => {
    const page = await lib.queries.listRunEvents(runId, {});
    expect(ids(page)).toEqual(eventIds.slice(150));
    expect(page.hasMore).toBe(true);
  });

  it("pages backwards before an event until the first one", async () => {
    const middle = await lib.queries.listRunEvents(runId, { before: eventIds[150] });
    expect(ids(middle)).toEqual(eventIds.slice(50, 150));
    expect(middle.hasMore).toBe(true);
    const first = await lib.queries.listRunEvents(runId, { before: eventIds[50] });
    expect(ids(first)).toEqual(eventIds.slice(0, 50));
    expect(first.hasMore).toBe(false);
    const exactlyOnePage = await lib.queries.listRunEvents(runId, { before: eventIds[100] });
    expect(ids(exactlyOnePage)).toEqual(eventIds.slice(0, 100));
    expect(exactlyOnePage.hasMore).toBe(false);
  });

  it("gives only the events after the one a poll holds", async () => {
    expect(await lib.queries.listRunEvents(runId, { after: eventIds[247] })).toEqual({
      events: [expect.objectContaining({ id: eventIds[248] }), expect.objectContaining({ id: eventIds[249] })],
      hasMore: false,
    });
    const capped = await lib.queries.listRunEvents(runId, { after: 0, limit: 10 });
    expect(ids(capped)).toEqual(eventIds.slice(0, 10));
    expect(capped.hasMore).toBe(true);
  });
});

describe("GET /api/upgrades/[id]/events", () => {
  const get = async (id: string, search: string, cookie?: string) =>
    lib.route.GET(
      new Request(`http://localhost/api/upgrades/${id}/events${search}`, {
        headers: { cookie: cookie ?? (await sessionCookieFor(["viewer"])) },
      }),
      { params: Promise.resolve({ id }) },
    );

  it("answers nobody without a session, and nobody with a tampered one", async () => {
    expect((await get(runId, "", "")).status).toBe(401);
    expect((await get(runId, "", "msf_session=forged-token")).status).toBe(401);
  });

  it("answers a poll with the events after the given id", async () => {
    const res = await get(runId, `?after=${eventIds[248]}`);
    expect(res.status).toBe(200);
    expect(ids(await res.json())).toEqual([eventIds[249]]);
  });

  it("refuses a malformed cursor, and an unknown run", async () => {
    expect((await get(runId, "?after=abc")).status).toBe(400);
    expect((await get(runId, "?after=1&before=5")).status).toBe(400);
    expect((await get("no-such-run", "")).status).toBe(404);
  });
});
