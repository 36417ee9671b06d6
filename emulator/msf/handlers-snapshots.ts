import { EmuError } from "../core/types";
import { instantOperation, startOperation } from "./app-state";
import { requireApp, resourceInUse, type MsfContext, type MsfHandler } from "./context";
import { isSqlApp, isStudioApp, type MsfApp, type SnapshotRecord } from "./model";
import { paginate } from "./pagination";
import { renderSnapshot } from "./render";
import { MAX_SNAPSHOTS, snapshotsNewestFirst } from "./snapshots";
import { invalidArgument, readAppName, readLimit, readNextToken, readSnapshotName } from "./validate";

export function unsupportedFor(app: MsfApp, operation: string, opts: { studio?: boolean } = {}): void {
  if (isSqlApp(app) || (opts.studio && isStudioApp(app))) {
    throw new EmuError(
      "UnsupportedOperationException",
      `${operation} is not supported for application ${app.name} (${app.runtime}).`,
    );
  }
}

function requireSnapshot(app: MsfApp, name: string): SnapshotRecord {
  const snapshot = app.snapshots.find((s) => s.name === name);
  if (!snapshot)
    throw new EmuError("ResourceNotFoundException", `Snapshot ${name} is not found for application ${app.name}.`);
  return snapshot;
}

export const createApplicationSnapshot: MsfHandler = (input, ctx: MsfContext) => {
  const name = readAppName(input);
  const snapshotName = readSnapshotName(input, true);
  const app = requireApp(ctx, name);
  unsupportedFor(app, "CreateApplicationSnapshot", { studio: true });
  if (app.status !== "RUNNING") throw resourceInUse(app, "CreateApplicationSnapshot");
  if (!app.versions.at(-1)?.config.snapshotsEnabled) {
    throw new EmuError("UnsupportedOperationException", `Snapshots are disabled for application ${app.name}.`);
  }
  if (app.snapshots.some((s) => s.name === snapshotName)) {
    throw invalidArgument(`Snapshot ${snapshotName} already exists for application ${app.name}.`);
  }
  if (app.snapshots.length >= MAX_SNAPSHOTS) {
    throw new EmuError("LimitExceededException", `Application ${app.name} already has ${MAX_SNAPSHOTS} snapshots.`);
  }
  const op = startOperation(app, "CreateApplicationSnapshot", ctx.now);
  app.snapshots.push({
    name: snapshotName,
    status: "CREATING",
    versionId: app.versionId,
    runtime: app.runtime,
    createdAt: ctx.now,
    readyAt: ctx.now + ctx.durations.snapshotMs,
    operationId: op.id,
  });
  return {};
};

export const describeApplicationSnapshot: MsfHandler = (input, ctx) => {
  const name = readAppName(input);
  const snapshotName = readSnapshotName(input, true);
  const app = requireApp(ctx, name);
  unsupportedFor(app, "DescribeApplicationSnapshot");
  return { SnapshotDetails: renderSnapshot(requireSnapshot(app, snapshotName)) };
};

export const listApplicationSnapshots: MsfHandler = (input, ctx) => {
  const name = readAppName(input);
  const limit = readLimit(input);
  const token = readNextToken(input);
  // The model lists no ResourceNotFoundException for this operation (EMU-REC: InvalidArgumentException).
  const app = requireApp(ctx, name, "InvalidArgumentException");
  unsupportedFor(app, "ListApplicationSnapshots");
  const page = paginate(snapshotsNewestFirst(app), (s) => s.name, limit, token);
  return {
    SnapshotSummaries: page.items.map(renderSnapshot),
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
  };
};

export const deleteApplicationSnapshot: MsfHandler = (input, ctx) => {
  const name = readAppName(input);
  const snapshotName = readSnapshotName(input, true);
  const createdAt = input.timestamp("SnapshotCreationTimestamp", true);
  const app = requireApp(ctx, name);
  unsupportedFor(app, "DeleteApplicationSnapshot");
  const snapshot = requireSnapshot(app, snapshotName);
  if (snapshot.status === "CREATING") {
    throw new EmuError("ResourceInUseException", `Snapshot ${snapshotName} is still being created.`);
  }
  // Second precision: botocore (aws CLI) serialises timestamps as whole epoch seconds.
  if (Math.floor((createdAt ?? 0) / 1000) !== Math.floor(snapshot.createdAt / 1000)) {
    throw invalidArgument(
      `SnapshotCreationTimestamp does not match the creation timestamp of snapshot ${snapshotName}.`,
    );
  }
  app.snapshots = app.snapshots.filter((s) => s !== snapshot);
  instantOperation(app, "DeleteApplicationSnapshot", ctx.now);
  return {};
};
