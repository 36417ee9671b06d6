// Findings as the scan collects them: one per rule and subject (a removed class, an artifact, a package), however
// many classes show it, with the first place it was seen and a count.
import { RULES, type FindingId, type Severity } from "./rules";

export interface CompatFinding {
  id: FindingId;
  severity: Severity;
  title: string;
  /** Where it was first seen: the archive entry, nested archives as outer.jar!/inner/Entry.class. */
  entry: string;
  /** The class (dotted) it was first seen in, when it came from a class file. */
  className?: string;
  /** What was seen. */
  evidence: string;
  /** What was seen, item by item (removed classes and methods, artifacts, entries), at most MAX_SYMBOLS. */
  symbols: string[];
  /** How many classes (or entries) showed it. */
  occurrences: number;
  why: string;
  remediation: string;
  docUrl: string;
}

export const MAX_SYMBOLS = 20;

export interface Observation {
  id: FindingId;
  /** Findings with the same id and group are one finding; "" groups all of an id together. */
  group: string;
  /** The item seen (a dotted class or member, an artifact, an entry). */
  symbol: string;
  entry: string;
  className?: string;
  /** Overrides the generated evidence (kept from the first observation). */
  evidence?: string;
  severity?: Severity;
  remediation?: string;
  /** "class" (default) or "entry": what `occurrences` counts, for the evidence sentence. */
  unit?: "class" | "entry";
}

interface Pending {
  first: Observation;
  lastEntry: string;
  symbols: Set<string>;
  symbolCount: number;
  occurrences: number;
}

const ORDER = Object.keys(RULES) as FindingId[];

function plural(count: number, unit: "class" | "entry"): string {
  if (count === 1) return `1 ${unit}`;
  return `${count} ${unit === "class" ? "classes" : "entries"}`;
}

export function listSymbols(symbols: readonly string[], total: number, shown = 5): string {
  const head = symbols.slice(0, shown).join(", ");
  return total > shown ? `${head} (+${total - shown} more)` : head;
}

export class FindingCollector {
  private readonly pending = new Map<string, Pending>();

  add(observation: Observation): void {
    const key = `${observation.id}\u0000${observation.group}`;
    const found = this.pending.get(key);
    if (!found) {
      this.pending.set(key, {
        first: observation,
        symbols: new Set([observation.symbol]),
        symbolCount: 1,
        occurrences: 1,
        lastEntry: observation.entry,
      });
      return;
    }
    // Entries are scanned one after another, so a new entry means a new occurrence.
    if (found.lastEntry !== observation.entry) found.occurrences++;
    found.lastEntry = observation.entry;
    if (!found.symbols.has(observation.symbol)) {
      found.symbolCount++;
      if (found.symbols.size < MAX_SYMBOLS) found.symbols.add(observation.symbol);
    }
  }

  has(id: FindingId): boolean {
    for (const pending of this.pending.values()) if (pending.first.id === id) return true;
    return false;
  }

  /** Breaks first, then in rule-table order, then the most widespread. */
  list(): CompatFinding[] {
    const findings = [...this.pending.values()].map(({ first, symbols, symbolCount, occurrences }) => {
      const rule = RULES[first.id];
      const listed = [...symbols];
      return {
        id: first.id,
        severity: first.severity ?? rule.severity,
        title: rule.title,
        entry: first.entry,
        ...(first.className ? { className: first.className } : {}),
        evidence: first.evidence
          ? `${first.evidence}${occurrences > 1 ? ` (and ${plural(occurrences - 1, first.unit ?? "class")} more)` : ""}`
          : `${listSymbols(listed, symbolCount)} in ${plural(occurrences, first.unit ?? "class")}`,
        symbols: listed,
        occurrences,
        why: rule.why,
        remediation: first.remediation ?? rule.remediation,
        docUrl: rule.docUrl,
      } satisfies CompatFinding;
    });
    return findings.sort(
      (a, b) =>
        Number(b.severity === "breaks") - Number(a.severity === "breaks") ||
        ORDER.indexOf(a.id) - ORDER.indexOf(b.id) ||
        b.occurrences - a.occurrences,
    );
  }
}
