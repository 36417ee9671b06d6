import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { callsBesidesCodeReads, TEST_ACCOUNT } from "@/tests/support/app-test-env";
import { upgradeInput } from "@/tests/support/upgrade-driver";
import { upgradeSuite } from "@/tests/support/upgrade-suite";
import { signedIn } from "@/tests/support/session";
import type { ScanResult } from "@/lib/compat/scan";

// The wizard's scan gate against the emulator's real JARs, through the one write path: code that will break is
// refused unless a person writes why (audited with the findings); a missing object is refused whatever is written;
// warnings travel with the run. The MSF side sees nothing of a refused start.
const region = "us-east-1";
// No approvals here: the gate is what is under test, on the direct start.
const suite = upgradeSuite(region, { APPROVAL_TAG: "", APPROVAL_RISK: "off" });
const eli = signedIn("eli@example.com", ["engineer"]);
let action: typeof import("@/lib/actions/action");
let specs: typeof import("@/lib/actions/specs");
let gate: typeof import("./code-check");

beforeAll(async () => {
  action = await import("@/lib/actions/action");
  specs = await import("@/lib/actions/specs");
  gate = await import("./code-check");
});

beforeEach(async () => {
  await suite.db.auditEvent.deleteMany();
  await suite.env.emulator.control.resetCalls();
});

async function start(name: string, overrides: Parameters<typeof upgradeInput>[2] = {}) {
  const app = await suite.db.fleetApp.findUniqueOrThrow({
    where: { account_region_name: { account: TEST_ACCOUNT, region, name } },
  });
  return action.runAction(
    specs.startUpgradeSpec,
    eli,
    upgradeInput(region, name, { expectedVersionId: app.versionId, scanOverride: undefined, ...overrides }),
  );
}

describe("the scan gate on a start", () => {
  it("refuses a build that references removed APIs, says what, and asks for a reason", async () => {
    const refused = await start("inventory-sync");
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error).toMatch(/will break on the target runtime: .*SourceFunction/);
    expect(refused.fieldErrors?.scanOverride?.[0]).toMatch(/say why/i);
    expect(refused.fieldErrors?.codeKey?.[0]).toMatch(/SourceFunction/);
    expect(await suite.db.upgradeRun.count({ where: { kind: { not: "OUTSIDE" } } })).toBe(0);
    expect(await suite.db.auditEvent.count()).toBe(0);
    expect(await callsBesidesCodeReads(suite.env)).toEqual([]);
  });

  it("a reason shorter than 10 characters is not a reason", async () => {
    const refused = await start("inventory-sync", { scanOverride: "because" as never });
    expect(refused.ok).toBe(false);
    expect(await suite.db.upgradeRun.count({ where: { kind: { not: "OUTSIDE" } } })).toBe(0);
  });

  it("a written override starts the run and the audit row keeps the reason and the findings", async () => {
    const reason = "connector replaced in the job graph; old class only in dead test code";
    const started = await start("inventory-sync", { scanOverride: reason });
    expect(started).toMatchObject({ ok: true });
    const audit = await suite.db.auditEvent.findFirstOrThrow({ where: { action: "upgrade.requested" } });
    const after = JSON.parse(audit.after ?? "{}") as { code?: { override: string; breaks: string[] } };
    expect(after.code?.override).toBe(reason);
    expect(after.code?.breaks.join(" ")).toMatch(/SourceFunction/);
    const event = await suite.db.upgradeEvent.findFirstOrThrow({ where: { kind: "state" }, orderBy: { id: "asc" } });
    expect(event.message).toContain(`overridden by ${eli.email}: ${reason}`);
  });

  it("a missing object is refused whatever is written: MSF could not run it either", async () => {
    const refused = await start("inventory-sync", {
      codeKey: "inventory-sync-does-not-exist.jar",
      scanOverride: "I know what I am doing, really",
    });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error).toMatch(/does not exist.*Upload the new build first/);
    expect(await suite.db.upgradeRun.count({ where: { kind: { not: "OUTSIDE" } } })).toBe(0);
    expect(await callsBesidesCodeReads(suite.env)).toEqual([]);
  });

  it("a clean build needs no reason, and an override typed anyway is not recorded as one", async () => {
    const clean = await suite.db.fleetApp.findMany({ where: { region, runtime: { startsWith: "FLINK-1_" } } });
    let name: string | null = null;
    for (const app of clean) {
      const preview = await gate.previewNewCode(
        { account: TEST_ACCOUNT, region, name: app.name },
        `${app.name}-flink-2.2.jar`,
      );
      if (preview?.scan?.status === "clean" && app.riskLevel !== "blocked" && app.status === "RUNNING") {
        name = app.name;
        break;
      }
    }
    expect(name).not.toBeNull();
    const started = await start(name!, { scanOverride: "not needed but typed anyway" });
    expect(started).toMatchObject({ ok: true });
    const audit = await suite.db.auditEvent.findFirstOrThrow({ where: { action: "upgrade.requested" } });
    expect(JSON.parse(audit.after ?? "{}")).toMatchObject({ code: { status: "clean", override: null, breaks: [] } });
  });
});

describe("what a scan means for the upgrade", () => {
  const scan = (over: Partial<ScanResult>): { location: string; scan: ScanResult } => ({
    location: "s3://b/k.jar",
    scan: {
      status: "clean",
      findings: [],
      classes: 1,
      entries: 1,
      bytes: 1,
      majorVersions: {},
      artifacts: [],
      durationMs: 1,
      scannerVersion: "t",
      ...over,
    },
  });
  const finding = (severity: "breaks" | "warning", title: string) => ({
    id: "kryo-registration" as const,
    severity,
    title,
    entry: "A.class",
    evidence: "x",
    symbols: [],
    occurrences: 1,
    why: "",
    remediation: "",
    docUrl: "",
  });

  it("no scan (a 1.x target, or no S3 code) stops nothing", () => {
    expect(gate.codeGateOf(null)).toEqual({ refused: null, blocker: null, warnings: [], breaks: [] });
  });

  it("unreadable code blocks unless overridden; a missing object is refused", () => {
    const unreadable = gate.codeGateOf(
      scan({ status: "unreadable", error: { code: "not-a-zip", message: "not a zip archive" } }),
    );
    expect(unreadable.blocker).toMatch(/could not be scanned: not a zip archive/);
    expect(unreadable.refused).toBeNull();
    const missing = gate.codeGateOf(
      scan({ status: "unreadable", error: { code: "not-found", message: "s3://b/k.jar does not exist" } }),
    );
    expect(missing.refused).toMatch(/does not exist/);
  });

  it("warnings never block; breaks do", () => {
    const warned = gate.codeGateOf(scan({ status: "warnings", findings: [finding("warning", "Kryo registrations")] }));
    expect(warned).toMatchObject({ blocker: null, warnings: ["Kryo registrations"], breaks: [] });
    const broken = gate.codeGateOf(
      scan({
        status: "breaks",
        findings: [
          finding("breaks", "SourceFunction"),
          finding("breaks", "SourceFunction"),
          finding("warning", "Kryo"),
        ],
      }),
    );
    expect(broken.blocker).toMatch(/SourceFunction \(x\)/);
    // The same rule seen twice is one break for the audit trail.
    expect(broken).toEqual(expect.objectContaining({ breaks: ["SourceFunction"], warnings: ["Kryo"] }));
  });

  it("only Flink 2.x targets are judged by the 2.0 removals", () => {
    expect(gate.isScannedTarget("FLINK-2_2")).toBe(true);
    expect(gate.isScannedTarget("FLINK-1_20")).toBe(false);
  });
});
