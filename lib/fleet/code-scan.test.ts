import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetWriteWorld, setupAppTestEnv, type AppTestEnv, TEST_ACCOUNT } from "@/tests/support/app-test-env";

// The inventory's code scan against the emulator's S3, which holds the demo fleet's real JARs: every application's
// code is scanned in the background, results are kept by ETag, the risk takes the findings in, and an S3 refusal
// is said on the application rather than crashing the lane.
let env: AppTestEnv;
let db: (typeof import("@/lib/db"))["db"];
let scan: typeof import("./code-scan");
const region = "us-east-1";

beforeAll(async () => {
  env = await setupAppTestEnv({ regions: [region, "eu-west-1", "ap-southeast-2"] });
  db = (await import("@/lib/db")).db;
  scan = await import("./code-scan");
  await resetWriteWorld(env);
});

afterAll(async () => {
  await db.$disconnect();
  await env.close();
});

async function scanAll() {
  while ((await scan.scanDueApplications(32, 4)) > 0);
}

describe("the code scan lane", () => {
  it("scans every application with code once, keeps results by ETag, and rescores with the findings", async () => {
    const before = new Map(
      (await db.fleetApp.findMany({ select: { name: true, riskScore: true } })).map((a) => [a.name, a.riskScore]),
    );
    await scanAll();
    const apps = await db.fleetApp.findMany({ where: { codeLocation: { not: null } } });
    expect(apps.length).toBeGreaterThan(10);
    expect(apps.filter((a) => a.codeStatus === null)).toEqual([]);
    const statuses = new Set(apps.map((a) => a.codeStatus));
    expect(statuses.has("breaks")).toBe(true);
    expect(statuses.has("clean") || statuses.has("warnings")).toBe(true);
    // The legacy consumer in payments-fraud-scorer's current code will break on 2.2, and its risk says so.
    const fraud = apps.find((a) => a.name === "payments-fraud-scorer")!;
    expect(fraud.codeStatus).toBe("breaks");
    const risk = JSON.parse(fraud.risk) as { factors: { id: string; evidence: string }[] };
    expect(risk.factors.map((f) => f.id)).toContain("code-breaks");
    // Scores moved for applications whose code is now known.
    expect(apps.some((a) => a.riskScore !== before.get(a.name))).toBe(true);
    const scans = await db.codeScan.count();
    // At most two builds per application (the current one and the target build beside it), shared ones once.
    expect(scans).toBeLessThanOrEqual(2 * apps.length);
    // A second pass after the period finds the same ETags: answered from the table, nothing scanned again.
    await db.fleetApp.updateMany({ data: { codeCheckedAt: new Date(0) } });
    await scanAll();
    expect(await db.codeScan.count()).toBe(scans);
  });

  it("the target build beside the current code decides the risk, so the applications at 100 spread", async () => {
    await db.fleetApp.updateMany({ data: { codeCheckedAt: null, codeEtag: null, targetCodeEtag: null } });
    // What the configuration alone says: rescored from the stored facts with no code known.
    await resetWriteWorld(env);
    const configOnly = await db.fleetApp.findMany({ where: { riskScore: 100, runtime: { startsWith: "FLINK-1_" } } });
    expect(configOnly.length).toBeGreaterThanOrEqual(10);
    await scanAll();
    const keys = new Set(configOnly.map((a) => `${a.region}/${a.name}`));
    const after = (await db.fleetApp.findMany()).filter((a) => keys.has(`${a.region}/${a.name}`));
    expect(new Set(after.map((a) => a.riskScore)).size).toBeGreaterThanOrEqual(4);
    // A binary-incompatible application's target build still breaks; an ordinary one's is clean and scores lower.
    const fraud = await db.fleetApp.findUniqueOrThrow({
      where: { account_region_name: { account: TEST_ACCOUNT, region, name: "payments-fraud-scorer" } },
    });
    expect(fraud).toMatchObject({ targetCodeStatus: "breaks", codeStatus: "breaks" });
    const cleanTarget = after.filter((a) => a.targetCodeStatus === "clean");
    expect(cleanTarget.length).toBeGreaterThan(0);
    // Clean code does not remove the configuration's own risks (production, snapshots off, end of support, Kryo
    // fallback…): half of them drop below 100, the rest stay there for those.
    expect(Math.min(...cleanTarget.map((a) => a.riskScore))).toBeLessThanOrEqual(fraud.riskScore - 20);
    expect(cleanTarget.filter((a) => a.riskScore < 100).length).toBeGreaterThanOrEqual(cleanTarget.length / 2);
    // Its current 1.x code still shows what must change; only the deciding status is the target build's.
    const one = cleanTarget[0]!;
    const { codeScansOf } = await import("./code-scan-store");
    const scans = await codeScansOf({ account: TEST_ACCOUNT, region: one.region, name: one.name });
    expect(scans.target?.status).toBe("clean");
    expect(one.codeStatus).toBe("clean");
  });

  it("an S3 refusal makes the application's code unreadable with the reason, and the lane goes on", async () => {
    const app = await db.fleetApp.findFirstOrThrow({ where: { region, codeLocation: { not: null } } });
    const bucket = /^s3:\/\/([^/]+)\//.exec(app.codeLocation!)![1]!;
    const deny = (on: boolean) =>
      fetch(`${env.emulator.url}/_emulator/s3/${bucket}/deny`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ deny: on }),
      });
    expect((await deny(true)).ok).toBe(true);
    try {
      await db.fleetApp.updateMany({ data: { codeCheckedAt: null } });
      await scanAll();
      const row = await db.fleetApp.findUniqueOrThrow({
        where: { account_region_name: { account: TEST_ACCOUNT, region, name: app.name } },
      });
      expect(row.codeStatus).toBe("unreadable");
      const { codeScansOf } = await import("./code-scan-store");
      const stored = await codeScansOf({ account: TEST_ACCOUNT, region, name: app.name });
      expect(stored.current?.error?.message).toMatch(/denied|AccessDenied/i);
    } finally {
      await deny(false);
    }
  });
});

describe("where the target build is", () => {
  it("beside the current code: the pattern with the application's name, in the same folder", () => {
    const at = (key: string) =>
      scan.targetCodeLocation({ account: TEST_ACCOUNT, bucket: "b", key, region }, "orders").key;
    expect(at("orders-1.20.jar")).toBe("orders-flink-2.2.jar");
    expect(at("builds/orders/orders-1.20.jar")).toBe("builds/orders/orders-flink-2.2.jar");
  });
});
