import { describe, expect, it } from "vitest";
import { healthPolicyOf, RestoreInput, startUpgradeInputFor } from "./inputs";

const MINUTE = 60_000;

function wizardInput(overrides: Record<string, unknown> = {}) {
  return {
    account: "123456789012",
    region: "us-east-1",
    name: "orders-enricher",
    targetRuntime: "FLINK-2_2",
    codeKey: "orders-enricher-flink-2.2.jar",
    expectedVersionId: "12",
    enableRollback: true,
    enableSnapshots: true,
    takeSnapshot: true,
    confirmName: "",
    policy: {
      observationSeconds: "300",
      restartThreshold: "2",
      failedCheckpointThreshold: "2",
      checkpointDurationFactor: "2",
      autoRollback: true,
    },
    restore: { applicationRestoreType: "RESTORE_FROM_LATEST_SNAPSHOT", allowNonRestoredState: true },
    ...overrides,
  };
}

function messagesByPath(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
}

describe("startUpgradeInputFor", () => {
  it("accepts the wizard's defaults at the real cadence and keeps the restore choice", () => {
    const parsed = startUpgradeInputFor(MINUTE).parse(wizardInput());
    expect(parsed.restore).toEqual({
      applicationRestoreType: "RESTORE_FROM_LATEST_SNAPSHOT",
      allowNonRestoredState: true,
    });
    expect(parsed.policy.observationSeconds).toBe(300);
  });

  it("puts each cadence refusal on the wizard field it is about", () => {
    const policy = { ...wizardInput().policy, observationSeconds: "120" };
    const errors = messagesByPath(startUpgradeInputFor(MINUTE).safeParse(wizardInput({ policy })));
    expect(Object.keys(errors)).toEqual([
      "policy.observationSeconds",
      "policy.restartThreshold",
      "policy.failedCheckpointThreshold",
    ]);
    expect(errors["policy.observationSeconds"]).toMatch(/^Too short: MSF publishes metrics once a minute/);
  });

  it("judges the window against the cadence it is given: 60 s is plenty at the demo's 5 s", () => {
    const policy = { ...wizardInput().policy, observationSeconds: "60" };
    expect(startUpgradeInputFor(5_000).safeParse(wizardInput({ policy })).success).toBe(true);
    expect(startUpgradeInputFor(MINUTE).safeParse(wizardInput({ policy })).success).toBe(false);
  });

  it("refuses a restart threshold the restart window cannot reach", () => {
    const policy = { ...wizardInput().policy, restartThreshold: "5" };
    const errors = messagesByPath(startUpgradeInputFor(MINUTE).safeParse(wizardInput({ policy })));
    expect(Object.keys(errors)).toEqual(["policy.restartThreshold"]);
    expect(errors["policy.restartThreshold"]).toMatch(/^Unreachable: 5 restarts need 6 datapoints/);
  });

  it("says only the plain range message when a field is out of range", () => {
    const policy = { ...wizardInput().policy, observationSeconds: "0" };
    const result = startUpgradeInputFor(MINUTE).safeParse(wizardInput({ policy }));
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["policy.observationSeconds", "at least 1 second"],
    ]);
  });

  it("accepts an input without a restore choice (the verb keeps the current settings)", () => {
    const input = wizardInput();
    delete (input as { restore?: unknown }).restore;
    expect(startUpgradeInputFor(MINUTE).parse(input).restore).toBeUndefined();
  });
});

describe("RestoreInput", () => {
  it("needs a snapshot name for a custom restore", () => {
    const result = RestoreInput.safeParse({
      applicationRestoreType: "RESTORE_FROM_CUSTOM_SNAPSHOT",
      snapshotName: " ",
    });
    expect(messagesByPath(result)).toEqual({ snapshotName: "name the snapshot to restore" });
  });

  it("refuses a snapshot name AWS would refuse", () => {
    const result = RestoreInput.safeParse({
      applicationRestoreType: "RESTORE_FROM_CUSTOM_SNAPSHOT",
      snapshotName: "before migration",
    });
    expect(messagesByPath(result)).toEqual({ snapshotName: "letters, digits, _ . - only (at most 256)" });
  });

  it("keeps the name of a custom snapshot and drops it for the other types", () => {
    expect(
      RestoreInput.parse({
        applicationRestoreType: "RESTORE_FROM_CUSTOM_SNAPSHOT",
        snapshotName: "before-migration",
        allowNonRestoredState: "on",
      }),
    ).toEqual({
      applicationRestoreType: "RESTORE_FROM_CUSTOM_SNAPSHOT",
      snapshotName: "before-migration",
      allowNonRestoredState: true,
    });
    expect(RestoreInput.parse({ applicationRestoreType: "SKIP_RESTORE_FROM_SNAPSHOT", snapshotName: "x" })).toEqual({
      applicationRestoreType: "SKIP_RESTORE_FROM_SNAPSHOT",
      allowNonRestoredState: false,
    });
  });

  it("refuses an unknown restore type", () => {
    expect(messagesByPath(RestoreInput.safeParse({ applicationRestoreType: "RESTORE_FROM_YESTERDAY" }))).toEqual({
      applicationRestoreType: "choose how the upgraded job restores its state",
    });
  });
});

describe("healthPolicyOf", () => {
  it("takes the wizard's fields in ms and the defaults for the rest", () => {
    const policy = healthPolicyOf({
      observationSeconds: 240,
      restartThreshold: 3,
      failedCheckpointThreshold: 1,
      checkpointDurationFactor: 1.5,
    });
    expect(policy).toMatchObject({
      observationWindowMs: 240_000,
      restartThreshold: 3,
      failedCheckpointThreshold: 1,
      checkpointDurationFactor: 1.5,
      restartWindowMs: 300_000,
      minSamples: 3,
    });
  });
});
