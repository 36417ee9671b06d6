import type { Store } from "../core/store";
import type { RequestContext } from "../core/types";
import type { LogsInput } from "./input";

export interface LogsContext extends RequestContext {
  store: Store;
}

export type LogsHandler = (input: LogsInput, ctx: LogsContext) => unknown;
