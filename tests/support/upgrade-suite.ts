// One emulator, one database and a synced inventory per test file; every test starts from the seed.
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { EmulatorOptions } from "@/emulator/server";
import { setupAppTestEnv, TEST_ACCOUNT, type AppTestEnv } from "./app-test-env";
import { settleRuns, testActor, upgradeInput } from "./upgrade-driver";

export interface UpgradeSuite {
  env: AppTestEnv;
  db: (typeof import("@/lib/db"))["db"];
  commands: typeof import("@/lib/upgrades/commands");
  advance: typeof import("@/lib/upgrades/advance");
  /** lib/ modules are imported only after the environment points at this suite's emulator and database. */
  startUpgrade: (typeof import("@/lib/upgrades/start-upgrade"))["startUpgrade"];
  /** Sets the emulator scenario, clears the call counts and starts an upgrade of `name` in `region`. */
  start(name: string, scenario: string, overrides?: object): Promise<string>;
  syncInventory(): Promise<void>;
}

export function upgradeSuite(
  region: string,
  extraEnv: Record<string, string> = {},
  emulatorDurations?: EmulatorOptions["durations"],
): UpgradeSuite {
  const suite = {} as UpgradeSuite;
  beforeAll(async () => {
    suite.env = await setupAppTestEnv({
      regions: [region],
      extraEnv: { UPGRADE_TIME_SCALE: String(1 / 60), ...extraEnv },
      emulatorDurations,
    });
    suite.db = (await import("@/lib/db")).db;
    suite.commands = await import("@/lib/upgrades/commands");
    suite.advance = await import("@/lib/upgrades/advance");
    const { startUpgrade } = await import("@/lib/upgrades/start-upgrade");
    suite.startUpgrade = startUpgrade;
    suite.syncInventory = async () => {
      const sync = await import("@/lib/fleet/sync");
      // The emulator was re-seeded: read everything again, as after a reset of the world.
      await sync.requestSync(testActor, undefined, { full: true });
      await sync.runQueuedSync();
    };
    suite.start = async (name, scenario, overrides = {}) => {
      await suite.env.emulator.control.setScenario(region, name, scenario as never);
      const stored = await suite.db.fleetApp.findUniqueOrThrow({
        where: { account_region_name: { account: TEST_ACCOUNT, region, name } },
      });
      await suite.env.emulator.control.resetCalls();
      const input = upgradeInput(region, name, { expectedVersionId: stored.versionId, ...overrides });
      return (await startUpgrade(testActor, input)).runId;
    };
  });
  afterAll(async () => {
    await settleRuns();
    await suite.db.$disconnect();
    await suite.env.close();
  });
  // Runs refresh the inventory rows they change, so each test syncs again from the re-seeded emulator.
  beforeEach(async () => {
    await settleRuns();
    await suite.env.emulator.control.reset();
    await suite.db.upgradeRun.deleteMany();
    await suite.syncInventory();
  });
  return suite;
}
