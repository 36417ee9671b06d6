// The FilterLogEvents filter-pattern subset: empty = every event; terms (all must occur in the raw message,
// case-sensitive; "quoted terms" may hold spaces and punctuation; ?terms are alternatives, at least one of which
// must occur); and the JSON form { $.a.b = "v" } / != with && and || (&& binds tighter), parentheses and `*`
// wildcards in values. Anything else is "Invalid filter pattern", as the service answers.
import { invalidParameter } from "./errors";

type JsonExpr =
  | { op: "and" | "or"; left: JsonExpr; right: JsonExpr }
  | { op: "compare"; path: (string | number)[]; negate: boolean; value: RegExp | string };

export type FilterPattern =
  { kind: "all" } | { kind: "terms"; required: string[]; alternatives: string[] } | { kind: "json"; expr: JsonExpr };

const invalid = () => invalidParameter("Invalid filter pattern");

export function parseFilterPattern(text: string): FilterPattern {
  const trimmed = text.trim();
  if (trimmed === "") return { kind: "all" };
  return trimmed.startsWith("{") ? { kind: "json", expr: parseJsonPattern(trimmed) } : parseTerms(trimmed);
}

function readQuoted(text: string, start: number): { value: string; end: number } {
  let value = "";
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\\" && i + 1 < text.length) value += text[++i];
    else if (c === '"') return { value, end: i + 1 };
    else value += c;
  }
  throw invalid();
}

function parseTerms(text: string): FilterPattern {
  const required: string[] = [];
  const alternatives: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i]!)) {
      i++;
      continue;
    }
    const alternative = text[i] === "?";
    if (alternative) i++;
    let term: string;
    if (text[i] === '"') {
      const quoted = readQuoted(text, i);
      term = quoted.value;
      i = quoted.end;
      if (i < text.length && !/\s/.test(text[i]!)) throw invalid();
    } else {
      const start = i;
      while (i < text.length && !/\s/.test(text[i]!)) i++;
      term = text.slice(start, i);
      // Unquoted terms are words; punctuation (and the -exclusion, [..] and %regex% forms) is not in the subset.
      if (!/^[A-Za-z0-9_]+$/.test(term)) throw invalid();
    }
    if (term === "") throw invalid();
    (alternative ? alternatives : required).push(term);
  }
  return { kind: "terms", required, alternatives };
}

function parseJsonPattern(text: string): JsonExpr {
  if (!text.endsWith("}")) throw invalid();
  const body = text.slice(1, -1);
  let i = 0;
  const skip = () => {
    while (i < body.length && /\s/.test(body[i]!)) i++;
  };
  const take = (token: string) => {
    skip();
    if (!body.startsWith(token, i)) return false;
    i += token.length;
    return true;
  };
  const or = (): JsonExpr => {
    let left = and();
    while (take("||")) left = { op: "or", left, right: and() };
    return left;
  };
  const and = (): JsonExpr => {
    let left = primary();
    while (take("&&")) left = { op: "and", left, right: primary() };
    return left;
  };
  const primary = (): JsonExpr => {
    if (take("(")) {
      const inner = or();
      if (!take(")")) throw invalid();
      return inner;
    }
    skip();
    const selector = /^\$((?:\.[A-Za-z_@][\w@-]*|\[\d+\])+)/.exec(body.slice(i));
    if (!selector) throw invalid();
    i += selector[0].length;
    const path = [...selector[1]!.matchAll(/\.([^.[]+)|\[(\d+)\]/g)].map(
      (m) => (m[1] ?? Number(m[2])) as string | number,
    );
    const negate = take("!=");
    if (!negate && !take("=")) throw invalid();
    skip();
    let raw: string;
    if (body[i] === '"') {
      const quoted = readQuoted(body, i);
      raw = quoted.value;
      i = quoted.end;
    } else {
      const bare = /^[^\s()&|]+/.exec(body.slice(i));
      if (!bare) throw invalid();
      raw = bare[0];
      i += raw.length;
    }
    return { op: "compare", path, negate, value: raw.includes("*") ? wildcard(raw) : raw };
  };
  const expr = or();
  skip();
  if (i !== body.length) throw invalid();
  return expr;
}

function wildcard(value: string): RegExp {
  const source = value
    .split("*")
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${source}$`, "s");
}

function lookup(value: unknown, path: readonly (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

function evaluate(expr: JsonExpr, message: unknown): boolean {
  if (expr.op !== "compare")
    return expr.op === "and"
      ? evaluate(expr.left, message) && evaluate(expr.right, message)
      : evaluate(expr.left, message) || evaluate(expr.right, message);
  const field = lookup(message, expr.path);
  // A missing (or non-scalar) field matches neither = nor !=.
  if (typeof field !== "string" && typeof field !== "number" && typeof field !== "boolean") return false;
  const text = String(field);
  const equal = typeof expr.value === "string" ? text === expr.value : expr.value.test(text);
  return expr.negate ? !equal : equal;
}

/** `raw` renders the message text, `object` its JSON value (both lazily: most patterns need only one). */
export function matchesPattern(pattern: FilterPattern, raw: () => string, object: () => unknown): boolean {
  switch (pattern.kind) {
    case "all":
      return true;
    case "terms": {
      const text = raw();
      if (!pattern.required.every((term) => text.includes(term))) return false;
      return pattern.alternatives.length === 0 || pattern.alternatives.some((term) => text.includes(term));
    }
    case "json":
      return evaluate(pattern.expr, object());
  }
}
