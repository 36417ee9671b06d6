import type { Store } from "../core/store";
import { EmuError, type RequestContext } from "../core/types";
import { conditionalToken } from "../core/ids";
import type { MsfApp } from "./model";
import type { Reader } from "./validate";

export interface MsfContext extends RequestContext {
  store: Store;
}

export type MsfHandler = (input: Reader, ctx: MsfContext) => unknown;

export function requireApp(ctx: MsfContext, name: string, notFoundCode = "ResourceNotFoundException"): MsfApp {
  const app = ctx.store.app(ctx.accountId, ctx.region, name, ctx.now);
  if (!app) {
    throw new EmuError(
      notFoundCode,
      `Application ${name} is not found in account ${ctx.accountId} and region ${ctx.region}.`,
    );
  }
  return app;
}

export function assertVersion(app: MsfApp, versionId: number | undefined, token: string | undefined): void {
  if (versionId !== undefined && versionId !== app.versionId) {
    throw new EmuError(
      "ConcurrentModificationException",
      `Current application version id ${app.versionId} does not match the supplied CurrentApplicationVersionId ${versionId}.`,
    );
  }
  if (token !== undefined && token !== conditionalToken(app.arn, app.versionId, app.changeSeq)) {
    throw new EmuError(
      "ConcurrentModificationException",
      "The supplied ConditionalToken does not match the application's current token.",
    );
  }
}

export function resourceInUse(app: MsfApp, action: string): EmuError {
  return new EmuError(
    "ResourceInUseException",
    `Application ${app.name} is in ${app.status} status; ${action} is not allowed.`,
  );
}
