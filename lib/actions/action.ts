import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { auditWriter, type AuditWrite } from "@/lib/audit/audit";
import type { Actor } from "@/lib/auth/actor";
import { can, type Permission } from "@/lib/auth/roles";
import type { SignedInUser } from "@/lib/auth/session";
import { outOfScope, type AppRef } from "@/lib/auth/scope";

// The one path of every write: identity → role → zod → one lib verb, which writes its audit row in the same
// transaction as its change → a typed result. Server actions and mutating route handlers only call `runAction`.

export interface ActionContext {
  user: SignedInUser;
  actor: Actor;
  requestId: string;
  audit: AuditWrite;
}

export interface ActionSpec<S extends z.ZodType, O> {
  /** The audit row's action, e.g. "upgrade.requested". */
  name: string;
  permission: Permission;
  /** A schema, or a function giving it when it depends on configuration read per request. */
  input: S | (() => S);
  run: (ctx: ActionContext, input: z.infer<S>) => Promise<O>;
  /** The application the action touches, for team scoping; absent for fleet-wide actions (sync, sign-out). */
  appOf?: (input: z.infer<S>) => Promise<AppRef | null> | AppRef | null;
  /** Paths whose server rendering the change makes stale. */
  revalidate?: (input: z.infer<S>, output: O) => string[];
}

export type FieldErrors = Record<string, string[] | undefined>;

export type ActionOutcome<O> =
  | { ok: true; data: O; revalidate: string[]; fieldErrors?: undefined }
  | { ok: false; error: string; status: 400 | 401 | 403 | 409 | 500; fieldErrors?: FieldErrors };

/** A verb's refusal a person can act on; its message goes to the browser as is. */
export class Refused extends Error {
  constructor(
    message: string,
    readonly fieldErrors?: FieldErrors,
    readonly status: 400 | 403 | 409 = 409,
  ) {
    super(message);
  }
}

const maxInputBytes = 64 * 1024;

export async function runAction<S extends z.ZodType, O>(
  spec: ActionSpec<S, O>,
  user: SignedInUser | null,
  raw: unknown,
): Promise<ActionOutcome<O>> {
  if (!user) return { ok: false, status: 401, error: "Sign in first: your session is missing or has expired." };
  if (!can(user.roles, spec.permission))
    return {
      ok: false,
      status: 403,
      error: `Your roles (${user.roles.join(", ") || "none"}) do not allow this (${spec.permission}).`,
    };
  if (sizeOf(raw) > maxInputBytes) return { ok: false, status: 400, error: "The request is too large." };
  const schema = typeof spec.input === "function" ? spec.input() : spec.input;
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    return { ok: false, status: 400, error: "Some fields need attention.", fieldErrors: fieldErrorsOf(parsed.error) };
  const scope = spec.appOf ? await outOfScope(user.teams, await spec.appOf(parsed.data)) : null;
  if (scope) return { ok: false, status: 403, error: scope };
  const requestId = randomUUID();
  const ctx: ActionContext = {
    user,
    actor: { id: user.email, source: "user" },
    requestId,
    audit: auditWriter({ actor: user.email, roles: user.roles, action: spec.name, requestId }),
  };
  try {
    const data = await spec.run(ctx, parsed.data);
    return { ok: true, data, revalidate: spec.revalidate?.(parsed.data, data) ?? [] };
  } catch (error) {
    if (error instanceof Refused)
      return { ok: false, status: error.status, error: error.message, fieldErrors: error.fieldErrors };
    // Raw AWS and database messages (role ARNs, SQL) stay in the server log, found by the correlation id.
    console.error(`action ${spec.name} failed [${requestId}]`, error);
    return {
      ok: false,
      status: 500,
      error: `Something went wrong; nothing was changed by it (reference ${requestId}).`,
    };
  }
}

function sizeOf(raw: unknown): number {
  try {
    return JSON.stringify(raw ?? null).length;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".");
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
