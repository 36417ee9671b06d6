// ListAccounts: the demo organisation's accounts, for the management account's long-term credentials only.
import { EmuError } from "../core/types";
import type { Identity } from "../identity/identity";
import { ORG_ACCOUNTS, ORGANIZATION_ID } from "../seed/accounts";
import { DEFAULT_ACCOUNT_ID } from "../seed/spec";
import { InvalidInput, memberAccessDenied, notInUse } from "./errors";

const MAX_RESULTS = 20;

export function listAccounts(input: Record<string, unknown>, caller: Identity): unknown {
  authorize(caller);
  const { MaxResults, NextToken } = input;
  if (MaxResults !== undefined && (typeof MaxResults !== "number" || !Number.isInteger(MaxResults))) {
    throw new EmuError("SerializationException", "MaxResults must be an integer.");
  }
  if (NextToken !== undefined && typeof NextToken !== "string") {
    throw new EmuError("SerializationException", "NextToken must be a string.");
  }
  const limit = MaxResults ?? MAX_RESULTS;
  if (limit < 1)
    throw new InvalidInput("MIN_VALUE_EXCEEDED", "You provided a value that is less than the minimum allowed value.");
  if (limit > MAX_RESULTS)
    throw new InvalidInput("MAX_VALUE_EXCEEDED", "You provided a value that exceeds the maximum allowed value.");
  const start = NextToken === undefined ? 0 : startOf(NextToken);
  const page = ORG_ACCOUNTS.slice(start, start + limit);
  const next = start + page.length;
  return {
    Accounts: page.map((a) => ({
      Id: a.id,
      Arn: `arn:aws:organizations::${DEFAULT_ACCOUNT_ID}:account/${ORGANIZATION_ID}/${a.id}`,
      Email: a.email,
      Name: a.name,
      Status: a.status,
      State: a.status,
      JoinedMethod: a.joinedMethod,
      JoinedTimestamp: Date.parse(a.joinedAt) / 1000,
    })),
    ...(next < ORG_ACCOUNTS.length ? { NextToken: tokenOf(next) } : {}),
  };
}

/** Member accounts are refused by Organizations; the management account's role has no Organizations permission. */
function authorize(caller: Identity): void {
  if (!ORG_ACCOUNTS.some((a) => a.id === caller.accountId)) throw notInUse();
  if (caller.accountId !== DEFAULT_ACCOUNT_ID) throw memberAccessDenied();
  if (caller.session) {
    const action = "organizations:ListAccounts";
    throw new EmuError(
      "AccessDeniedException",
      `User: ${caller.arn} is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`,
      403,
    );
  }
}

const tokenOf = (index: number) => Buffer.from(`${ORGANIZATION_ID}#${index}`).toString("base64url");

function startOf(token: string): number {
  const match = /^o-demo12345#(\d+)$/.exec(Buffer.from(token, "base64url").toString("utf8"));
  const index = match ? Number(match[1]) : NaN;
  if (!(index > 0 && index < ORG_ACCOUNTS.length) || tokenOf(index) !== token) {
    throw new InvalidInput("INVALID_NEXT_TOKEN", "You specified an invalid value for the nextToken parameter.");
  }
  return index;
}
