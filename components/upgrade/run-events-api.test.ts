import { rmSync } from "node:fs";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { createMigratedDatabase, TEST_ACCOUNT } from "@/tests/support/app-test-env";
import { sessionCookieFor } from "@/tests/support/session";
import type { EventFeed } from "./event-feed";

// The browser side of the event log against the real route handler and a real SQLite file.
let dir: string;
let lib: {
  db: typeof import("@/lib/db").db;
  api: typeof import("./run-events-api");
  feed: typeof import("./event-feed");
  route: typeof import("@/app/api/upgrades/[id]/events/route");
};
const requested: string[] = [];
let pollGate: Promise<void> = Promise.resolve();
let cookie = "";

beforeAll(async () => {
  const created = createMigratedDatabase();
  dir = created.dir;
  process.env.DATABASE_URL = `file:${created.dbFile}`;
  lib = {
    db: (await import("@/lib/db")).db,
    api: await import("./run-events-api"),
    feed: await import("./event-feed"),
    route: await import("@/app/api/upgrades/[id]/events/route"),
  };
  cookie = await sessionCookieFor(["viewer"]);
  vi.stubGlobal("fetch", async (url: string) => {
    requested.push(url);
    if (url.includes("after=")) await pollGate;
    const id = url.split("/")[3]!;
    return lib.route.GET(new Request(`http://localhost${url}`, { headers: { cookie } }), {
      params: Promise.resolve({ id }),
    });
  });
});

afterAll(async () => {
  vi.unstubAllGlobals();
  await lib.db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

async function addEvents(runId: string, count: number) {
  await lib.db.upgradeEvent.createMany({
    data: Array.from({ length: count }, (_, i) => ({ runId, actor: "worker", kind: "state", message: `event ${i}` })),
  });
}

it("polls only for events after the newest it holds, and keeps an older page that lands mid-poll", async () => {
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
  await addEvents(run.id, 130);
  let held: EventFeed | undefined;
  held = await lib.api.pollEventFeed(run.id, () => held);
  expect(held.events).toHaveLength(100);
  expect(held.hasOlder).toBe(true);

  await addEvents(run.id, 3);
  requested.length = 0;
  const newest = lib.feed.newestEventId(held);
  let openGate!: () => void;
  pollGate = new Promise((resolve) => (openGate = resolve));
  const polling = lib.api.pollEventFeed(run.id, () => held);
  const older = await lib.api.fetchEventPage(run.id, { before: held.events[0]!.id });
  held = lib.feed.prependOlder(held, older);
  openGate();
  held = await polling;

  expect(requested[0]).toBe(`/api/upgrades/${run.id}/events?after=${newest}`);
  expect(held.events).toHaveLength(133);
  expect(held.hasOlder).toBe(false);
  expect(new Set(held.events.map((e) => e.id)).size).toBe(133);
});
