// KinesisAnalytics_20180523.<Operation> → handler.
import { EmuError } from "../core/types";
import type { MsfContext, MsfHandler } from "./context";
import {
  describeApplicationOperation,
  describeApplicationVersion,
  listApplicationOperations,
  listApplicationVersions,
} from "./handlers-history";
import { rollbackApplication, startApplication, stopApplication } from "./handlers-lifecycle";
import { describeApplication, listApplications } from "./handlers-read";
import {
  createApplicationSnapshot,
  deleteApplicationSnapshot,
  describeApplicationSnapshot,
  listApplicationSnapshots,
} from "./handlers-snapshots";
import { listTagsForResource, tagResource, untagResource } from "./handlers-tags";
import { createApplicationPresignedUrl } from "./handlers-presigned-url";
import { updateApplication } from "./handlers-update";
import { Reader } from "./validate";

const HANDLERS: Record<string, MsfHandler> = {
  ListApplications: listApplications,
  DescribeApplication: describeApplication,
  ListTagsForResource: listTagsForResource,
  TagResource: tagResource,
  UntagResource: untagResource,
  UpdateApplication: updateApplication,
  RollbackApplication: rollbackApplication,
  StartApplication: startApplication,
  StopApplication: stopApplication,
  CreateApplicationSnapshot: createApplicationSnapshot,
  DescribeApplicationSnapshot: describeApplicationSnapshot,
  ListApplicationSnapshots: listApplicationSnapshots,
  DeleteApplicationSnapshot: deleteApplicationSnapshot,
  ListApplicationOperations: listApplicationOperations,
  DescribeApplicationOperation: describeApplicationOperation,
  ListApplicationVersions: listApplicationVersions,
  DescribeApplicationVersion: describeApplicationVersion,
  CreateApplicationPresignedUrl: createApplicationPresignedUrl,
};

export const MSF_OPERATIONS = Object.keys(HANDLERS);

export function handleMsf(operation: string, body: unknown, ctx: MsfContext): unknown {
  const handler = Object.hasOwn(HANDLERS, operation) ? HANDLERS[operation] : undefined;
  if (!handler) {
    throw new EmuError("UnknownOperationException", `Operation ${operation} is not supported by this emulator.`);
  }
  return handler(Reader.of(body), ctx);
}
