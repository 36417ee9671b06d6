import type { MsfContext, MsfHandler } from "./context";
import { requireApp } from "./context";
import { renderDetail, renderSummary } from "./render";
import { NAME_PATTERN, readAppName, type Reader } from "./validate";

/** Sorted by name; NextToken is the name of the first application of the next page (an ApplicationName). */
export const listApplications: MsfHandler = (input: Reader, ctx: MsfContext) => {
  // ListApplications models only InvalidRequestException, so value errors use it too.
  const strict = input.withValueErrorCode("InvalidRequestException");
  const limit = strict.int("Limit", { min: 1, max: 50 }) ?? 50;
  const token = strict.str("NextToken", { min: 1, max: 128, pattern: NAME_PATTERN });
  const apps = ctx.store.apps(ctx.accountId, ctx.region, ctx.now);
  const start = token === undefined ? 0 : apps.findIndex((a) => a.name >= token);
  const page = start < 0 ? [] : apps.slice(start, start + limit);
  const next = start < 0 ? undefined : apps[start + limit];
  return { ApplicationSummaries: page.map(renderSummary), ...(next ? { NextToken: next.name } : {}) };
};

export const describeApplication: MsfHandler = (input, ctx) => {
  const name = readAppName(input);
  const includeAdditional = input.bool("IncludeAdditionalDetails") ?? false;
  const app = requireApp(ctx, name);
  return { ApplicationDetail: renderDetail(app, undefined, includeAdditional) };
};
