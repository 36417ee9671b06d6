// The Logs Insights subset: `fields a, b` | `filter <condition>` | `sort <field> [asc|desc]` | `limit <n>`,
// separated by `|`. Conditions: `field like /regex/`, `field like "substring"`, `field not like …`,
// `field = "x"`, `field != "x"`, combined with and / or / not and parentheses. Anything else is a
// MalformedQueryException naming the part this emulator does not support.
import { malformedQuery } from "../errors";
import { tokenize, unexpected, type Token } from "./query-lexer";

export type Condition =
  | { op: "and" | "or"; left: Condition; right: Condition }
  | { op: "not"; inner: Condition }
  | { op: "equals"; field: string; value: string; negate: boolean }
  | { op: "like"; field: string; pattern: RegExp | string; negate: boolean };

export type Command =
  | { kind: "fields"; fields: string[] }
  | { kind: "filter"; condition: Condition }
  | { kind: "sort"; field: string; descending: boolean }
  | { kind: "limit"; count: number };

export interface QueryPlan {
  commands: Command[];
  /** Every field the `fields` commands name, in order; undefined without a `fields` command. */
  fields?: string[];
  /** The `limit` command's count, which overrides StartQuery's `limit` parameter. */
  limit?: number;
}

const MAX_LIMIT = 10_000;
const OTHER_COMMANDS = new Set([
  "stats",
  "parse",
  "display",
  "dedup",
  "unmask",
  "pattern",
  "diff",
  "anomaly",
  "filterindex",
  "source",
  "unnest",
  "lookup",
  "fieldindex",
]);
const KEYWORDS = new Set(["and", "or", "not", "like", "in", "asc", "desc", "as", "by"]);

const describe = (token: Token | undefined) => {
  if (!token) return "end of query";
  switch (token.kind) {
    case "word":
    case "number":
    case "symbol":
    case "other":
      return `'${token.text}'`;
    case "string":
      return `"${token.text}"`;
    case "regex":
      return `/${token.source}/`;
  }
};

export function parseQuery(query: string): QueryPlan {
  const tokens = tokenize(query);
  const segments: Token[][] = [[]];
  for (const token of tokens) {
    if (token.kind === "symbol" && token.text === "|") segments.push([]);
    else segments[segments.length - 1]!.push(token);
  }
  const plan: QueryPlan = { commands: [] };
  for (const segment of segments) {
    const command = parseCommand(segment, query);
    plan.commands.push(command);
    if (command.kind === "fields") plan.fields = [...(plan.fields ?? []), ...command.fields];
    if (command.kind === "limit") plan.limit = command.count;
  }
  return plan;
}

function parseCommand(tokens: Token[], query: string): Command {
  const [head, ...rest] = tokens;
  if (!head) throw malformedQuery(`empty command in query at position ${query.length + 1}`);
  const name = head.kind === "word" && !head.quoted ? head.text.toLowerCase() : "";
  const reader = new Reader(rest);
  let command: Command;
  switch (name) {
    case "fields":
      command = { kind: "fields", fields: reader.fieldList() };
      break;
    case "filter":
      command = { kind: "filter", condition: reader.condition() };
      break;
    case "sort": {
      const field = reader.field();
      const direction = reader.peekWord();
      if (direction === "asc" || direction === "desc") reader.next();
      if (reader.peekSymbol(",")) throw malformedQuery("sort by more than one field is not supported by this emulator");
      command = { kind: "sort", field, descending: direction === "desc" };
      break;
    }
    case "limit": {
      const token = reader.next();
      const count = token?.kind === "number" ? Number(token.text) : NaN;
      if (!Number.isInteger(count) || count < 1 || count > MAX_LIMIT)
        throw malformedQuery(`limit must be an integer between 1 and ${MAX_LIMIT}, got ${describe(token)}`);
      command = { kind: "limit", count };
      break;
    }
    default:
      if (OTHER_COMMANDS.has(name))
        throw malformedQuery(
          `the '${name}' command is not supported by this emulator (supported: fields, filter, sort, limit)`,
        );
      throw unexpected(head.at, describe(head));
  }
  reader.end();
  return command;
}

class Reader {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  next(): Token | undefined {
    return this.tokens[this.i++];
  }

  peek(): Token | undefined {
    return this.tokens[this.i];
  }

  peekWord(): string | undefined {
    const token = this.peek();
    return token?.kind === "word" && !token.quoted ? token.text.toLowerCase() : undefined;
  }

  peekSymbol(text: string): boolean {
    const token = this.peek();
    return token?.kind === "symbol" && token.text === text;
  }

  end(): void {
    const token = this.peek();
    if (token) throw unexpected(token.at, describe(token));
  }

  field(): string {
    const token = this.next();
    if (token?.kind !== "word" || (!token.quoted && KEYWORDS.has(token.text.toLowerCase())))
      throw token
        ? unexpected(token.at, describe(token))
        : malformedQuery("a field name is missing at the end of the query");
    if (this.peekSymbol("(")) throw malformedQuery(`functions are not supported here: '${token.text}(…)'`);
    return token.text;
  }

  fieldList(): string[] {
    const fields = [this.field()];
    while (this.peekSymbol(",")) {
      this.next();
      fields.push(this.field());
    }
    if (this.peekWord() === "as") throw malformedQuery("'as' (extracted fields) is not supported by this emulator");
    return fields;
  }

  condition(): Condition {
    let left = this.conjunction();
    while (this.peekWord() === "or") {
      this.next();
      left = { op: "or", left, right: this.conjunction() };
    }
    return left;
  }

  private conjunction(): Condition {
    let left = this.negation();
    while (this.peekWord() === "and") {
      this.next();
      left = { op: "and", left, right: this.negation() };
    }
    return left;
  }

  private negation(): Condition {
    if (this.peekWord() === "not") {
      this.next();
      return { op: "not", inner: this.negation() };
    }
    if (this.peekSymbol("(")) {
      this.next();
      const inner = this.condition();
      if (!this.peekSymbol(")")) {
        const token = this.peek();
        throw token ? unexpected(token.at, describe(token)) : malformedQuery("missing ')' at the end of the query");
      }
      this.next();
      return inner;
    }
    return this.comparison();
  }

  private comparison(): Condition {
    const field = this.field();
    let negate = false;
    if (this.peekWord() === "not") {
      this.next();
      negate = true;
      if (this.peekWord() !== "like") throw malformedQuery(`'not' must be followed by 'like' after ${field}`);
    }
    const operator = this.next();
    if (operator?.kind === "word" && operator.text.toLowerCase() === "like") {
      const value = this.next();
      if (value?.kind === "regex") return { op: "like", field, pattern: compileRegex(value.source), negate };
      if (value?.kind === "string") return { op: "like", field, pattern: value.text, negate };
      throw value ? unexpected(value.at, describe(value)) : malformedQuery("a value is missing after 'like'");
    }
    if (operator?.kind === "symbol" && (operator.text === "=" || operator.text === "!=")) {
      const value = this.next();
      if (value?.kind === "string" || value?.kind === "number")
        return { op: "equals", field, value: value.text, negate: operator.text === "!=" };
      throw value
        ? unexpected(value.at, describe(value))
        : malformedQuery(`a value is missing after '${operator.text}'`);
    }
    if (operator?.kind === "word" && !operator.quoted && KEYWORDS.has(operator.text.toLowerCase()))
      throw malformedQuery(`the operator '${operator.text}' is not supported by this emulator (use like, =, !=)`);
    throw operator
      ? unexpected(operator.at, describe(operator))
      : malformedQuery(`an operator is missing after ${field}`);
  }
}

/** Insights regexes use (?i) for case-insensitivity; JavaScript wants a flag. */
function compileRegex(source: string): RegExp {
  const insensitive = source.startsWith("(?i)");
  try {
    return new RegExp(insensitive ? source.slice(4) : source, insensitive ? "i" : "");
  } catch (err) {
    throw malformedQuery(`invalid regular expression /${source}/: ${(err as Error).message}`);
  }
}
