// StartQuery, GetQueryResults, StopQuery (Logs Insights, query language CWLI only).
import { randomUUID } from "node:crypto";
import { EmuError } from "../../core/types";
import type { LogsHandler } from "../context";
import { invalidParameter, resourceNotFound } from "../errors";
import { findLogGroup, groupOfIdentifier } from "../log-groups";
import { parseQuery } from "./query-parse";
import { runQuery } from "./query-eval";
import { MAX_CONCURRENT_QUERIES, activeQueries, remember, statusOf, type LogQuery } from "./query-store";

export const startQuery: LogsHandler = (input, ctx) => {
  const language = input.str("queryLanguage");
  if (language !== undefined && language !== "CWLI")
    throw invalidParameter(`Query language ${language} is not supported by this emulator (CWLI only).`);
  const name = input.str("logGroupName", { min: 1, max: 512 });
  const names = input.strList("logGroupNames", { min: 1, max: 50 });
  const identifiers = input.strList("logGroupIdentifiers", { min: 1, max: 50 });
  if ([name, names, identifiers].filter((v) => v !== undefined).length !== 1)
    throw invalidParameter("Specify exactly one of logGroupName, logGroupNames and logGroupIdentifiers.");
  const startTime = input.int("startTime", { required: true, min: 0 })!;
  const endTime = input.int("endTime", { required: true, min: 0 })!;
  if (endTime < startTime) throw invalidParameter("The end time must be greater than or equal to the start time.");
  const queryString = input.str("queryString", { required: true, min: 0, max: 10_000 })!;
  const limit = input.int("limit", { min: 1, max: 10_000 });
  const plan = parseQuery(queryString);
  const groups = names ?? identifiers?.map((id) => groupOfIdentifier(id, ctx)) ?? [name!];
  for (const group of groups) {
    if (!findLogGroup(ctx, group))
      throw resourceNotFound(`Log group '${group}' does not exist for account ID '${ctx.accountId}'.`);
  }
  const queries = ctx.store.logQueries(ctx.accountId, ctx.region);
  if (activeQueries(queries, ctx.now, ctx.durations) >= MAX_CONCURRENT_QUERIES)
    throw new EmuError(
      "LimitExceededException",
      `Account maximum query concurrency limit of [${MAX_CONCURRENT_QUERIES}] reached. ` +
        "Please try again after some queries have completed.",
    );
  const query: LogQuery = {
    id: randomUUID(),
    startedAt: ctx.now,
    groups,
    startMs: startTime * 1000,
    endMs: endTime * 1000,
    plan,
    limit,
  };
  remember(queries, query, ctx.now, ctx.durations);
  return { queryId: query.id };
};

function requireQuery(input: Parameters<LogsHandler>[0], ctx: Parameters<LogsHandler>[1]): LogQuery {
  const id = input.str("queryId", { required: true, min: 0, max: 256 })!;
  const query = ctx.store.logQueries(ctx.accountId, ctx.region).find((q) => q.id === id);
  if (!query) throw resourceNotFound(`Query ${id} does not exist.`);
  return query;
}

export const getQueryResults: LogsHandler = (input, ctx) => {
  const query = requireQuery(input, ctx);
  const status = statusOf(query, ctx.now, ctx.durations);
  // Partial results while Running are not emulated: a client has to wait for Complete.
  if (status === "Complete") query.outcome ??= runQuery(query, ctx);
  const outcome =
    status === "Complete" && query.outcome
      ? query.outcome
      : { results: [], statistics: { recordsMatched: 0, recordsScanned: 0, bytesScanned: 0 } };
  return { queryLanguage: "CWLI", results: outcome.results, statistics: outcome.statistics, status };
};

export const stopQuery: LogsHandler = (input, ctx) => {
  const query = requireQuery(input, ctx);
  const status = statusOf(query, ctx.now, ctx.durations);
  if (status !== "Scheduled" && status !== "Running") return { success: false };
  query.cancelledAt = ctx.now;
  return { success: true };
};
