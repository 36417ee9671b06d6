// Points the app's own modules (lib/env, lib/db, lib/aws) at a fresh emulator and a fresh SQLite file.
// Call it before importing anything from lib/: the env module and the Prisma client are created on import.
import Database from "better-sqlite3";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmulator, type StartedEmulator } from "@/emulator/tests/harness";
import type { EmulatorOptions } from "@/emulator/server";
import { createPostgresDatabase, testPostgresUrl } from "./postgres";

/** The emulator's own account: what the default credentials (access key "test") act in. */
export const TEST_ACCOUNT = "123456789012";

export interface AppTestEnv {
  emulator: StartedEmulator;
  dbFile: string;
  close(): Promise<void>;
}

export function createMigratedDatabase(): { dbFile: string; dir: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "msf-test-"));
  const dbFile = path.join(dir, "test.db");
  const sqlite = new Database(dbFile);
  const migrations = path.resolve(__dirname, "../../prisma/migrations");
  for (const name of readdirSync(migrations)
    .filter((n) => /^\d/.test(n))
    .sort()) {
    sqlite.exec(readFileSync(path.join(migrations, name, "migration.sql"), "utf8"));
  }
  sqlite.close();
  return { dbFile, dir };
}

export async function setupAppTestEnv(
  options: {
    regions?: string[];
    apps?: number;
    emulatorRegions?: number;
    extraEnv?: Record<string, string>;
    emulatorDurations?: EmulatorOptions["durations"];
  } = {},
): Promise<AppTestEnv> {
  const emulator = await startEmulator({
    apps: options.apps,
    regions: options.emulatorRegions,
    durations: options.emulatorDurations,
  });
  const { dbFile, dir } = createMigratedDatabase();
  // TEST_POSTGRES_URL: the same test on PostgreSQL (npm run test:pg), in a database of its own.
  const serverUrl = testPostgresUrl();
  const postgres = serverUrl ? await createPostgresDatabase(serverUrl) : null;
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: emulator.url,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_EC2_METADATA_DISABLED: "true",
    DATABASE_URL: postgres?.url ?? `file:${dbFile}`,
    MSF_REGIONS: (options.regions ?? ["us-east-1", "eu-west-1", "ap-southeast-2"]).join(","),
    // Engine tests drive upgrades straight through; the approval rule has its own tests, which turn it on.
    APPROVAL_TAG: "",
    APPROVAL_RISK: "off",
    ...options.extraEnv,
  });
  return {
    emulator,
    dbFile,
    async close() {
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
      await postgres?.drop();
    },
  };
}

/** A fresh world for write-path tests: the emulator's seed, no runs or audit rows, a synced inventory, no calls counted. */
export async function resetWriteWorld(env: AppTestEnv): Promise<void> {
  const { db } = await import("@/lib/db");
  const sync = await import("@/lib/fleet/sync");
  await env.emulator.control.reset();
  await db.upgradeRun.deleteMany();
  await db.auditEvent.deleteMany();
  await sync.requestSync({ id: "test-sync", source: "system" }, undefined, { full: true });
  await sync.runQueuedSync();
  await env.emulator.control.resetCalls();
}

/** What the emulator was asked, the scan's S3 reads of code left out: what a refused or waiting action must not do. */
export async function callsBesidesCodeReads(env: AppTestEnv) {
  return (await env.emulator.control.calls()).filter(
    (c) => !(c.service === "s3" && (c.operation === "HeadObject" || c.operation === "GetObject")),
  );
}
