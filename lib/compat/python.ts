// PyFlink applications: which Python they are built for and which pyflink modules they import. MSF's Flink 2.2
// runs Python 3.12 and has removed 3.8 (seed 000: "Python 3.8 support removed; Python 3.12 is now the default").
import { LEGACY_PYFLINK_CONNECTORS } from "./connectors";

export const TARGET_PYTHON = "3.12";
/** The oldest Python Flink 2.2 supports (seed 001: "Flink 2.2 requires Python 3.9+"). */
export const MINIMUM_PYTHON_MINOR = 9;

/** pyflink modules gone in 2.x (the DataSet API went with Flink 2.0). */
export const REMOVED_PYFLINK_MODULES: Readonly<Record<string, string>> = {
  "pyflink.dataset": "pyflink.datastream (bounded streams) or pyflink.table",
};

export interface PythonVersionEvidence {
  /** "3.8", or a constraint that excludes 3.12 such as "<3.11". */
  version: string;
  source: string;
  /** Compiled for this interpreter only (a .so / .pyc tag or a wheel tag): no other minor version can load it. */
  isBinary: boolean;
}

/** The minor version ("3.8") in a CPython tag such as cpython-38 or cp38, or null. */
export function pythonFromTag(tag: string): string | null {
  const match = /(?:cpython-|cp)3(\d{1,2})\b/.exec(tag);
  return match?.[1] ? `3.${Number(match[1])}` : null;
}

/** Version evidence carried by a file name alone (native extensions, bytecode caches). */
export function pythonFromFileName(path: string): PythonVersionEvidence | null {
  const base = path.slice(path.lastIndexOf("/") + 1);
  if (/\.cpython-3\d+[^/]*\.so$/.test(base) || (/\.cpython-3\d+\.pyc$/.test(base) && path.includes("__pycache__/"))) {
    const version = pythonFromTag(base);
    return version ? { version, source: path, isBinary: true } : null;
  }
  return null;
}

function minorOf(version: string): number | null {
  const match = /^3\.(\d+)/.exec(version);
  return match?.[1] ? Number(match[1]) : null;
}

/**
 * A version constraint (requires-python, python_requires) → the pinned minor ("==3.8.*", "~=3.8" → "3.8"), an upper
 * bound that shuts out the target ("<3.11"), or null when 3.12 satisfies it.
 */
export function pythonFromConstraint(constraint: string): string | null {
  for (const clause of constraint.split(",").map((part) => part.trim())) {
    const pinned = /^(?:==|~=|===)\s*(3\.\d+)/.exec(clause);
    if (pinned?.[1] && pinned[1] !== TARGET_PYTHON) return pinned[1];
    const upper = /^(<=?)\s*3\.(\d+)/.exec(clause);
    if (upper?.[1] && upper[2]) {
      const minor = Number(upper[2]);
      if (upper[1] === "<" ? minor <= 12 : minor < 12) return `${upper[1]}3.${minor}`;
    }
  }
  return null;
}

/** Version evidence from the text of a runtime marker, pyproject.toml, setup.py or setup.cfg. */
export function pythonFromMarker(path: string, text: string): PythonVersionEvidence | null {
  const base = path.slice(path.lastIndexOf("/") + 1);
  if (base === ".python-version") {
    const match = /^\s*(?:python-?)?(3\.\d+)/m.exec(text);
    return match?.[1] ? { version: match[1], source: path, isBinary: false } : null;
  }
  if (base === "runtime.txt") {
    const match = /python-?(3\.\d+)/i.exec(text);
    return match?.[1] ? { version: match[1], source: path, isBinary: false } : null;
  }
  const constraint =
    base === "pyproject.toml"
      ? /requires-python\s*=\s*["']([^"']+)["']/.exec(text)
      : base === "setup.py"
        ? /python_requires\s*=\s*["']([^"']+)["']/.exec(text)
        : base === "setup.cfg"
          ? /python_requires\s*=\s*([^\n]+)/.exec(text)
          : null;
  const version = constraint?.[1] ? pythonFromConstraint(constraint[1]) : null;
  return version ? { version, source: `${path} (${constraint?.[1]?.trim()})`, isBinary: false } : null;
}

export type PythonVerdict = { severity: "breaks" | "warning"; evidence: string } | null;

/** What the evidence means on Flink 2.2 (Python 3.12). */
export function assessPython(evidence: readonly PythonVersionEvidence[]): PythonVerdict {
  const off = evidence.filter((item) => item.version !== TARGET_PYTHON);
  if (off.length === 0) return null;
  const describe = (item: PythonVersionEvidence) => `Python ${item.version} (${item.source})`;
  const isTooOld = (item: PythonVersionEvidence) => {
    const minor = minorOf(item.version);
    return item.version.startsWith("<") || (minor !== null && minor < MINIMUM_PYTHON_MINOR);
  };
  const breaking = off.filter((item) => item.isBinary || isTooOld(item));
  const shown = (breaking.length > 0 ? breaking : off).slice(0, 3).map(describe).join("; ");
  const more = off.length > 3 ? ` (+${off.length - 3} more)` : "";
  return { severity: breaking.length > 0 ? "breaks" : "warning", evidence: `${shown}${more}` };
}

export interface PyflinkImports {
  /** Every pyflink module imported, e.g. pyflink.datastream.connectors.kinesis. */
  modules: string[];
  /** Legacy connector names imported from pyflink, e.g. FlinkKinesisConsumer. */
  legacyConnectors: string[];
}

const IMPORT_LINE =
  /^\s*(?:from\s+(pyflink(?:\.\w+)*)\s+import\s+(.+)|import\s+(pyflink(?:\.\w+)*(?:\s*,\s*pyflink(?:\.\w+)*)*))/;

/** The pyflink imports of one .py file (line-based: `import pyflink.x` and `from pyflink.x import A, B`). */
export function pyflinkImports(source: string): PyflinkImports {
  const modules = new Set<string>();
  const legacyConnectors = new Set<string>();
  const lines = source.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const match = IMPORT_LINE.exec(lines[i] ?? "");
    if (!match) continue;
    if (match[1]) {
      modules.add(match[1]);
      let names = match[2] ?? "";
      // from x import (A,\n B): take lines up to the closing parenthesis.
      if (names.includes("(") && !names.includes(")")) {
        while (i + 1 < lines.length && !names.includes(")")) names += ` ${lines[++i]}`;
      }
      for (const name of names.replace(/[()]/g, " ").split(",")) {
        const imported = name.trim().split(/\s+/)[0] ?? "";
        if (LEGACY_PYFLINK_CONNECTORS[imported]) legacyConnectors.add(imported);
      }
    } else if (match[3]) {
      for (const name of match[3].split(",")) modules.add(name.trim());
    }
  }
  return { modules: [...modules], legacyConnectors: [...legacyConnectors] };
}

/** The removed module (or its parent) a pyflink module falls under. */
export function removedPyflinkModule(name: string): string | null {
  for (const removed of Object.keys(REMOVED_PYFLINK_MODULES)) {
    if (name === removed || name.startsWith(`${removed}.`)) return removed;
  }
  return null;
}

/** An apache-flink pin in requirements.txt ("apache-flink==1.20.0"), or null. */
export function pinnedPyflink(requirements: string): { version: string; line: string } | null {
  for (const line of requirements.split(/\r?\n/)) {
    const match = /^\s*apache-flink\s*(?:\[[^\]]*\])?\s*(==|~=|===)\s*([\d.]+)/i.exec(line);
    if (match?.[2]) return { version: match[2], line: line.trim() };
  }
  return null;
}
