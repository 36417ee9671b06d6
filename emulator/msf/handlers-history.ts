import { EmuError } from "../core/types";
import { findOperation } from "./app-state";
import { requireApp, type MsfHandler } from "./context";
import { unsupportedFor } from "./handlers-snapshots";
import { findVersion } from "./model";
import { paginate } from "./pagination";
import { renderDetail, renderOperationDetails, renderOperationInfo } from "./render";
import { readAppName, readLimit, readNextToken } from "./validate";

const OPERATION_STATUSES = ["IN_PROGRESS", "CANCELLED", "SUCCESSFUL", "FAILED"] as const;

export const listApplicationOperations: MsfHandler = (input, ctx) => {
  const name = readAppName(input);
  const limit = readLimit(input);
  const token = readNextToken(input);
  const operation = input.str("Operation", { min: 1, max: 64 });
  const status = input.oneOf("OperationStatus", OPERATION_STATUSES);
  const app = requireApp(ctx, name);
  unsupportedFor(app, "ListApplicationOperations");
  // Reverse chronological; operations are stored oldest first, so reversing keeps ties in a stable order.
  const ops = [...app.operations]
    .reverse()
    .sort((a, b) => b.startTime - a.startTime)
    .filter(
      (op) => (operation === undefined || op.operation === operation) && (status === undefined || op.status === status),
    );
  const page = paginate(ops, (op) => op.id, limit, token);
  return {
    ApplicationOperationInfoList: page.items.map(renderOperationInfo),
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
  };
};

export const describeApplicationOperation: MsfHandler = (input, ctx) => {
  const name = readAppName(input);
  const operationId = input.str("OperationId", { required: true, min: 1, max: 64 });
  const app = requireApp(ctx, name);
  unsupportedFor(app, "DescribeApplicationOperation");
  const op = findOperation(app, operationId);
  if (!op)
    throw new EmuError(
      "ResourceNotFoundException",
      `Operation ${operationId} is not found for application ${app.name}.`,
    );
  return { ApplicationOperationInfoDetails: renderOperationDetails(op) };
};

export const listApplicationVersions: MsfHandler = (input, ctx) => {
  const name = readAppName(input);
  const limit = readLimit(input);
  const token = readNextToken(input);
  const app = requireApp(ctx, name);
  unsupportedFor(app, "ListApplicationVersions");
  const versions = [...app.versions].reverse();
  const page = paginate(versions, (v) => String(v.versionId), limit, token);
  return {
    ApplicationVersionSummaries: page.items.map((v) => ({
      ApplicationVersionId: v.versionId,
      ApplicationStatus: v.versionId === app.versionId ? app.status : v.status,
    })),
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
  };
};

export const describeApplicationVersion: MsfHandler = (input, ctx) => {
  const name = readAppName(input);
  const versionId = input.int("ApplicationVersionId", { required: true, min: 1, max: 999_999_999 });
  const app = requireApp(ctx, name);
  unsupportedFor(app, "DescribeApplicationVersion");
  const version = findVersion(app, versionId);
  if (!version)
    throw new EmuError("ResourceNotFoundException", `Version ${versionId} of application ${app.name} is not found.`);
  return { ApplicationVersionDetail: renderDetail(app, version) };
};
