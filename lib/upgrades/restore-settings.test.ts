import type { ApplicationDetail, SnapshotDetails } from "@aws-sdk/client-kinesis-analytics-v2";
import { describe, expect, it } from "vitest";
import {
  currentRestoreSettings,
  runConfigurationUpdateOf,
  snapshotChoiceProblem,
  snapshotChoicesOf,
} from "./restore-settings";

function withRun(
  run: NonNullable<ApplicationDetail["ApplicationConfigurationDescription"]>["RunConfigurationDescription"],
): ApplicationDetail {
  return {
    ApplicationARN: "arn:aws:kinesisanalytics:us-east-1:123456789012:application/orders-enricher",
    ApplicationName: "orders-enricher",
    RuntimeEnvironment: "FLINK-1_20",
    ApplicationStatus: "RUNNING",
    ApplicationVersionId: 12,
    ApplicationConfigurationDescription: { RunConfigurationDescription: run },
  };
}

function snapshot(name: string, status: SnapshotDetails["SnapshotStatus"]): SnapshotDetails {
  return { SnapshotName: name, SnapshotStatus: status, ApplicationVersionId: 12 };
}

describe("runConfigurationUpdateOf", () => {
  it("keeps AllowNonRestoredState=true, which an update without it resets to false", () => {
    const update = runConfigurationUpdateOf({
      restore: { applicationRestoreType: "RESTORE_FROM_LATEST_SNAPSHOT", allowNonRestoredState: true },
    });
    expect(update).toEqual({
      ApplicationRestoreConfiguration: { ApplicationRestoreType: "RESTORE_FROM_LATEST_SNAPSHOT" },
      FlinkRunConfiguration: { AllowNonRestoredState: true },
    });
  });

  it("sends the snapshot name with a custom restore", () => {
    const update = runConfigurationUpdateOf({
      restore: {
        applicationRestoreType: "RESTORE_FROM_CUSTOM_SNAPSHOT",
        snapshotName: "before-migration",
        allowNonRestoredState: false,
      },
    });
    expect(update?.ApplicationRestoreConfiguration).toEqual({
      ApplicationRestoreType: "RESTORE_FROM_CUSTOM_SNAPSHOT",
      SnapshotName: "before-migration",
    });
    expect(update?.FlinkRunConfiguration).toEqual({ AllowNonRestoredState: false });
  });

  it("never sends a snapshot name MSF would not use", () => {
    const update = runConfigurationUpdateOf({
      restore: {
        applicationRestoreType: "SKIP_RESTORE_FROM_SNAPSHOT",
        snapshotName: "x",
        allowNonRestoredState: false,
      },
    });
    expect(update?.ApplicationRestoreConfiguration).toEqual({ ApplicationRestoreType: "SKIP_RESTORE_FROM_SNAPSHOT" });
  });

  it("is undefined for a run recorded before the wizard asked", () => {
    expect(runConfigurationUpdateOf({})).toBeUndefined();
  });
});

describe("currentRestoreSettings", () => {
  it("reads a custom restore and AllowNonRestoredState from DescribeApplication", () => {
    const detail = withRun({
      ApplicationRestoreConfigurationDescription: {
        ApplicationRestoreType: "RESTORE_FROM_CUSTOM_SNAPSHOT",
        SnapshotName: "before-migration",
      },
      FlinkRunConfigurationDescription: { AllowNonRestoredState: true },
    });
    expect(currentRestoreSettings(detail)).toEqual({
      applicationRestoreType: "RESTORE_FROM_CUSTOM_SNAPSHOT",
      snapshotName: "before-migration",
      allowNonRestoredState: true,
    });
  });

  it("uses MSF's defaults when the detail says nothing", () => {
    const defaults = { applicationRestoreType: "RESTORE_FROM_LATEST_SNAPSHOT", allowNonRestoredState: false };
    expect(currentRestoreSettings(withRun(undefined))).toEqual(defaults);
    expect(currentRestoreSettings(null)).toEqual(defaults);
  });
});

describe("snapshotChoiceProblem", () => {
  const snapshots = [snapshot("nightly-0501", "READY"), snapshot("broken", "FAILED")];

  it("accepts a READY snapshot of the application", () => {
    expect(snapshotChoiceProblem("nightly-0501", snapshots)).toBeNull();
  });

  it("refuses a name the sync did not see", () => {
    expect(snapshotChoiceProblem("nightly-0430", snapshots)).toBe(
      "nightly-0430 is not one of this application's 2 snapshots; pick one from the list or sync again.",
    );
  });

  it("refuses a snapshot that is not READY", () => {
    expect(snapshotChoiceProblem("broken", snapshots)).toBe("broken is FAILED; only a READY snapshot can be restored.");
  });

  it("leaves the judgement to AWS when the sync listed no snapshots", () => {
    expect(snapshotChoiceProblem("anything", [])).toBeNull();
  });
});

describe("snapshotChoicesOf", () => {
  it("keeps name, status and time as plain data, and skips snapshots without a name", () => {
    const taken = new Date("2026-05-01T12:00:00Z");
    expect(
      snapshotChoicesOf([
        { ...snapshot("nightly-0501", "READY"), SnapshotCreationTimestamp: taken },
        snapshot("creating", "CREATING"),
        { SnapshotName: undefined, SnapshotStatus: "READY", ApplicationVersionId: 1 },
      ]),
    ).toEqual([
      { name: "nightly-0501", status: "READY", createdAt: "2026-05-01T12:00:00.000Z" },
      { name: "creating", status: "CREATING", createdAt: null },
    ]);
  });
});
