import { invalidArgument } from "./validate";

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/** Key-based pages: the token names the first item of the next page, so inserts at the head don't shift it. */
export function paginate<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  limit: number,
  token: string | undefined,
  encode: (key: string) => string = (k) => Buffer.from(k).toString("base64url"),
  decode: (token: string) => string = (t) => Buffer.from(t, "base64url").toString(),
): Page<T> {
  let start = 0;
  if (token !== undefined) {
    const key = decode(token);
    start = items.findIndex((item) => keyOf(item) === key);
    if (start < 0) throw invalidArgument("The NextToken is not valid or has expired.");
  }
  const page = items.slice(start, start + limit);
  const next = items[start + limit];
  return next === undefined ? { items: page } : { items: page, nextToken: encode(keyOf(next)) };
}
