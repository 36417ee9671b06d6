// Tokens of a Logs Insights query: words (commands, keywords, field names such as @timestamp or
// throwableInformation.0, or `backquoted`), strings, /regexes/, numbers and the few symbols of the subset.
import { malformedQuery } from "../errors";

export type Token =
  | { kind: "word"; text: string; quoted: boolean; at: number }
  | { kind: "string"; text: string; at: number }
  | { kind: "regex"; source: string; at: number }
  | { kind: "number"; text: string; at: number }
  | { kind: "symbol"; text: "|" | "," | "(" | ")" | "=" | "!="; at: number }
  /** Outside the subset (e.g. `*`, `<`); the parser names it where it stands. */
  | { kind: "other"; text: string; at: number };

export function unexpected(at: number, what: string): Error {
  return malformedQuery(`unexpected symbol found ${what} at line 1 and position ${at + 1}`);
}

function readDelimited(query: string, start: number, close: string): { text: string; end: number } {
  let text = "";
  for (let i = start + 1; i < query.length; i++) {
    const c = query[i]!;
    if (c === "\\" && i + 1 < query.length) {
      // Regexes keep their escapes; strings unescape.
      text += close === "/" ? c + query[++i] : query[++i];
    } else if (c === close) return { text, end: i + 1 };
    else text += c;
  }
  throw malformedQuery(`unterminated ${close === "/" ? "regular expression" : "string"} at position ${start + 1}`);
}

export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "|" || c === "," || c === "(" || c === ")" || c === "=") {
      tokens.push({ kind: "symbol", text: c, at: i });
      i++;
    } else if (c === "!" && query[i + 1] === "=") {
      tokens.push({ kind: "symbol", text: "!=", at: i });
      i += 2;
    } else if (c === '"' || c === "'") {
      const { text, end } = readDelimited(query, i, c);
      tokens.push({ kind: "string", text, at: i });
      i = end;
    } else if (c === "/") {
      const { text, end } = readDelimited(query, i, "/");
      if (end < query.length && /[A-Za-z]/.test(query[end]!))
        throw malformedQuery(`regular expression flags are not supported at position ${end + 1}; use (?i)`);
      tokens.push({ kind: "regex", source: text, at: i });
      i = end;
    } else if (c === "`") {
      const { text, end } = readDelimited(query, i, "`");
      tokens.push({ kind: "word", text, quoted: true, at: i });
      i = end;
    } else if (/[0-9]/.test(c)) {
      const text = /^[0-9]+(?:\.[0-9]+)?/.exec(query.slice(i))![0];
      tokens.push({ kind: "number", text, at: i });
      i += text.length;
    } else if (/[A-Za-z_@$]/.test(c)) {
      const text = /^[A-Za-z_@$][A-Za-z0-9_@$.]*/.exec(query.slice(i))![0];
      tokens.push({ kind: "word", text, quoted: false, at: i });
      i += text.length;
    } else {
      tokens.push({ kind: "other", text: c, at: i });
      i++;
    }
  }
  return tokens;
}
