import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupAppTestEnv, type AppTestEnv } from "@/tests/support/app-test-env";

// A generated fleet larger than one ListApplications page (50) in every region.
let env: AppTestEnv;
const regions = ["us-east-1", "eu-west-1"];

beforeAll(async () => {
  env = await setupAppTestEnv({ regions, apps: 230, emulatorRegions: 2 });
});

afterAll(async () => {
  await (await import("@/lib/db")).db.$disconnect();
  await env.close();
});

describe("inventory sync over several ListApplications pages", () => {
  it("follows NextToken to the last page and stores every application once", async () => {
    const state = await env.emulator.control.state();
    const seeded = state.accounts.flatMap((a) =>
      a.regions.flatMap((r) => r.apps.map((app) => `${r.region}/${app.name}`)),
    );
    const perRegion = regions.map(
      (region) => state.accounts.flatMap((a) => a.regions).find((r) => r.region === region)!.apps.length,
    );
    expect(Math.min(...perRegion)).toBeGreaterThan(100);

    const { requestSync, runQueuedSync } = await import("./sync");
    const { db } = await import("@/lib/db");
    await requestSync({ id: "tester", source: "user" });
    await runQueuedSync();
    const stored = await db.fleetApp.findMany({ select: { region: true, name: true } });
    expect(stored.map((a) => `${a.region}/${a.name}`).sort()).toEqual(seeded.sort());

    const calls = await env.emulator.control.calls();
    for (const [i, region] of regions.entries()) {
      const listPages = calls
        .filter((c) => c.operation === "ListApplications" && c.region === region)
        .reduce((n, c) => n + c.count, 0);
      expect(listPages).toBe(Math.ceil(perRegion[i]! / 50));
    }
  });
});
