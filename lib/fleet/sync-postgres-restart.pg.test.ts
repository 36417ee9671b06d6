import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupAppTestEnv, TEST_ACCOUNT, type AppTestEnv } from "@/tests/support/app-test-env";
import { bumpVersion } from "@/tests/support/bump-version";
import { testPostgresUrl } from "@/tests/support/postgres";
import { testActor } from "@/tests/support/upgrade-driver";
import { waitFor } from "@/tests/support/workers";

// PostgreSQL restarting while a sync writes (npm run test:pg only). What the dashboard meets when its server
// restarts: every open connection dies, mid-transaction too, and new ones are refused for a moment. The test
// pins the regions' writes behind a table lock, kills every connection of the dashboard's database while they
// wait, refuses new ones for a second, then lets the server "come back". The sync must fail or resume cleanly:
// each region entirely written or entirely as it was, never half; and the next sync completes.
let env: AppTestEnv;
let db: (typeof import("@/lib/db"))["db"];
let sync: typeof import("@/lib/fleet/sync");
const regions = ["us-east-1", "eu-west-1", "ap-southeast-2"];

beforeAll(async () => {
  env = await setupAppTestEnv({ regions, apps: 60, extraEnv: { SYNC_INTERVAL_SECONDS: "86400" } });
  db = (await import("@/lib/db")).db;
  sync = await import("@/lib/fleet/sync");
});

afterAll(async () => {
  await db.$disconnect();
  await env.close();
});

async function admin(url = process.env.DATABASE_URL): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

async function fullSync() {
  const { id } = await sync.requestSync(testActor, undefined, { full: true });
  return { id, run: sync.runQueuedSync() };
}

/** Each region's bumped applications as stored: all at their new version, all at the old one, or mixed. */
async function bumpedState(bumped: Map<string, { name: string; before: number }[]>) {
  const states: Record<string, string> = {};
  for (const [region, apps] of bumped) {
    const rows = await db.fleetApp.findMany({
      where: { account: TEST_ACCOUNT, region, name: { in: apps.map((a) => a.name) } },
      select: { name: true, versionId: true },
    });
    const moved = apps.filter((a) => rows.find((r) => r.name === a.name)!.versionId > a.before).length;
    states[region] = moved === 0 ? "as it was" : moved === apps.length ? "written" : "half-written";
  }
  return states;
}

describe("a PostgreSQL restart mid-sync", () => {
  it("leaves every region written or as it was, says so, and the next sync completes", async () => {
    await (
      await fullSync()
    ).run;
    const seeded = await db.fleetApp.count();
    expect(seeded).toBeGreaterThan(0);

    // Two applications per region change in AWS: a region's save moves both or neither.
    const bumped = new Map<string, { name: string; before: number }[]>();
    const { msfClient } = await import("@/lib/aws/clients");
    for (const region of regions) {
      const rows = await db.fleetApp.findMany({ where: { region }, take: 2, orderBy: { name: "asc" } });
      for (const row of rows) await bumpVersion(msfClient({ account: TEST_ACCOUNT, region }), row.name);
      bumped.set(
        region,
        rows.map((r) => ({ name: r.name, before: r.versionId })),
      );
    }

    const locker = await admin();
    await locker.query("BEGIN");
    // Reads go on; every write to the inventory waits, inside its region's open transaction.
    await locker.query('LOCK TABLE "FleetApp" IN SHARE ROW EXCLUSIVE MODE');
    const faulty = await fullSync();
    const outcome = faulty.run.then(
      () => "returned",
      (error: unknown) => `threw: ${String(error)}`,
    );
    const database = (await locker.query("SELECT current_database() AS name")).rows[0].name as string;
    const waiting = async () =>
      Number(
        (
          await locker.query(
            "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
            [database],
          )
        ).rows[0].n,
      );
    await waitFor(waiting, (n) => n >= 1, 60_000);

    // The restart: new connections refused, every open one killed (ours last, which releases the lock).
    // From the server's own database: a database cannot refuse connections from inside itself.
    const killer = await admin(testPostgresUrl()!);
    await killer.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS false`);
    await killer.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid NOT IN (pg_backend_pid(), $2)",
      [database, (await locker.query("SELECT pg_backend_pid() AS pid")).rows[0].pid],
    );
    await locker.end().catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await killer.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`);
    await killer.end();

    // The sync records its end once the server is back.
    expect(await outcome).toBe("returned");
    const states = await bumpedState(bumped);
    expect(Object.values(states)).not.toContain("half-written");
    expect(await db.fleetApp.count()).toBe(seeded);
    const row = await db.inventorySync.findUniqueOrThrow({ where: { id: faulty.id } });
    // The regions not saved are named, as the database's doing, and kept as they were.
    const errors = JSON.parse(row.regionErrors) as { region: string; message: string }[];
    const kept = Object.entries(states).filter(([, s]) => s === "as it was");
    expect(kept.length).toBeGreaterThan(0);
    expect(row.status).toMatch(/PARTIAL|FAILED/);
    for (const [region] of kept)
      expect(errors.find((e) => e.region === region)?.message).toMatch(
        /could not be saved \(database: .*rows are kept/,
      );

    const next = await fullSync();
    expect(next.id).not.toBe(faulty.id);
    await next.run;
    const again = await db.inventorySync.findUniqueOrThrow({ where: { id: next.id } });
    expect(again.status).toBe("SUCCEEDED");
    expect(Object.values(await bumpedState(bumped))).toEqual(regions.map(() => "written"));
    // Every connection the restart killed went back to the pool: none is held for good, so disconnecting ends.
    const disconnected = await Promise.race([
      db.$disconnect().then(() => true),
      new Promise((resolve) => setTimeout(() => resolve(false), 10_000)),
    ]);
    expect(disconnected).toBe(true);
  });
});
