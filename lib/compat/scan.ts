// The code scan: reads an application archive (JAR, or a PyFlink zip) entry by entry from a ByteSource and reports
// what will break or deserves a look on Flink 2.2. Memory stays flat whatever the archive's size: the central
// directory is walked lazily, only class files and small text entries are read (each capped), nested JARs are
// extracted to a temp file and scanned the same way. Bad input ends in status "unreadable" with a message, never a
// throw; a damaged class file is a finding and the scan goes on.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Entry, ZipFile } from "yauzl";
import { ArchiveSourceError, openFileSource, type ByteSource } from "./byte-source";
import { javaVersionOfMajor, readClassFile, type ClassFileInfo } from "./class-file";
import {
  assessArtifact,
  findLegacyConnectorClass,
  LEGACY_PYFLINK_CONNECTORS,
  type ArtifactVersion,
} from "./connectors";
import { FindingCollector, type CompatFinding } from "./findings";
import {
  assessPython,
  pinnedPyflink,
  pyflinkImports,
  pythonFromFileName,
  pythonFromMarker,
  removedPyflinkModule,
  REMOVED_PYFLINK_MODULES,
  type PythonVersionEvidence,
} from "./python";
import {
  findRemovedClass,
  findRemovedConfigKey,
  findRemovedField,
  findRemovedMethod,
  REMOVALS_2_0,
  REMOVALS_SOURCE,
  toDottedName,
  type Removal,
} from "./removals";
import type { FindingId } from "./rules";
import { CachedZipReader, EntryReadError, extractEntryToFile, openZip, readEntryBytes } from "./zip-reader";

/** Bump when the rules change: cached results of older scanners are then scanned again. */
export const SCANNER_VERSION = `2-${REMOVALS_SOURCE.revision.slice(0, 12)}`;

export interface ScanLimits {
  /** Larger archives are refused before anything is read. */
  maxArchiveBytes: number;
  /** Entries across the archive and its nested archives. */
  maxEntries: number;
  /** Declared uncompressed bytes across all entries, nested included. */
  maxTotalUncompressedBytes: number;
  /** Class files and text entries are read whole up to this size; larger ones become a finding. */
  maxEntryBytes: number;
  /** Text entries (pom.properties, .py, requirements) are read up to this size. */
  maxTextBytes: number;
  /** Entries at least `ratioCheckFromBytes` large may not expand more than this. */
  maxCompressionRatio: number;
  ratioCheckFromBytes: number;
  /** 1: JARs inside the archive are scanned; 2: JARs inside those too. */
  maxNestedDepth: number;
  maxNestedArchiveBytes: number;
  /** The whole scan, reads included. */
  timeoutMs: number;
}

export const DEFAULT_LIMITS: ScanLimits = {
  maxArchiveBytes: 1024 ** 3,
  maxEntries: 100_000,
  maxTotalUncompressedBytes: 4 * 1024 ** 3,
  maxEntryBytes: 8 * 1024 ** 2,
  maxTextBytes: 1024 ** 2,
  maxCompressionRatio: 200,
  ratioCheckFromBytes: 1024 ** 2,
  maxNestedDepth: 2,
  maxNestedArchiveBytes: 512 * 1024 ** 2,
  timeoutMs: 120_000,
};

export type ScanStatus = "clean" | "warnings" | "breaks" | "unreadable";

export type ScanErrorCode =
  | "not-a-zip"
  | "truncated"
  | "corrupt"
  | "too-large"
  | "too-many-entries"
  | "zip-bomb"
  | "encrypted"
  | "timeout"
  | "aborted"
  | "access-denied"
  | "not-found"
  | "source"
  | "internal";

export interface ScanError {
  code: ScanErrorCode;
  message: string;
}

export interface PythonSummary {
  /** .py files read. */
  files: number;
  /** pyflink modules imported, sorted. */
  modules: string[];
  /** Python versions the archive shows, with where. */
  versions: string[];
}

export interface ScanResult {
  status: ScanStatus;
  error?: ScanError;
  findings: CompatFinding[];
  /** Class files parsed, nested archives included. */
  classes: number;
  /** Zip entries seen, nested archives included. */
  entries: number;
  /** Size of the archive. */
  bytes: number;
  /** Class files per major version ("52": 120). */
  majorVersions: Record<string, number>;
  /** Artifacts bundled in the archive (META-INF/maven/…/pom.properties). */
  artifacts: (ArtifactVersion & { entry: string })[];
  python?: PythonSummary;
  durationMs: number;
  scannerVersion: string;
}

export interface ScanOptions {
  limits?: Partial<ScanLimits>;
  signal?: AbortSignal;
  /** Where nested archives are extracted (default: the OS temp dir). */
  tempDir?: string;
}

/** Why a scan stopped; turned into status "unreadable" by scanArchive. */
export class ScanAbort extends Error {
  constructor(
    readonly code: ScanErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ScanAbort";
  }
}

function isSourceError(error: unknown): error is ArchiveSourceError {
  return error instanceof ArchiveSourceError;
}

const JAVA_17_MAJOR = 61;
const MAX_PYTHON_EVIDENCE = 200;

const DATASET_PREFIXES = [
  "org/apache/flink/api/java/DataSet",
  "org/apache/flink/api/java/ExecutionEnvironment",
  "org/apache/flink/api/java/CollectionEnvironment",
  "org/apache/flink/api/java/LocalEnvironment",
  "org/apache/flink/api/java/RemoteEnvironment",
  "org/apache/flink/api/java/operators/",
  "org/apache/flink/api/java/aggregation/",
  "org/apache/flink/api/java/summarize/",
  "org/apache/flink/api/java/io/",
  "org/apache/flink/api/java/functions/",
  "org/apache/flink/api/java/utils/DataSetUtils",
];
const SOURCE_SINK_PREFIXES = [
  "org/apache/flink/streaming/api/functions/source/",
  "org/apache/flink/streaming/api/functions/sink/",
  "org/apache/flink/api/connector/sink/",
  "org/apache/flink/table/connector/sink/SinkFunctionProvider",
  "org/apache/flink/table/connector/source/SourceFunctionProvider",
];
const SCALA_API_PREFIXES = ["org/apache/flink/api/scala/", "org/apache/flink/streaming/api/scala/"];
const KRYO_METHODS = new Set(["registerKryoType", "registerTypeWithKryoSerializer", "addDefaultKryoSerializer"]);
const SOURCE_SINK_METHODS = new Set([
  "org/apache/flink/streaming/api/environment/StreamExecutionEnvironment.addSource",
  "org/apache/flink/streaming/api/datastream/DataStream.addSink",
  "org/apache/flink/streaming/api/datastream/DataStream.sinkTo",
]);
// In the notes' removed-options list because a deprecated duplicate ConfigOption went, but the key lives on in 2.x
// (StateBackendOptions.STATE_BACKEND): setting it is not a mistake.
const CONFIG_KEYS_STILL_ACCEPTED = new Set(["state.backend.type"]);

// Removed methods Flink calls on user classes (their parameters name Flink types): a class that still declares one
// holds code Flink 2.x never runs. Keyed by name + descriptor; the first in the table wins (RichFunction.open).
const REMOVED_CALLBACKS = new Map<string, Removal>(
  REMOVALS_2_0.filter(
    (removal) =>
      removal.kind === "method" &&
      removal.member !== "<init>" &&
      removal.descriptor?.slice(0, removal.descriptor.indexOf(")")).includes("Lorg/apache/flink/"),
  )
    .reverse()
    .map((removal) => [`${removal.member}${removal.descriptor}`, removal]),
);

function startsWithAny(name: string, prefixes: readonly string[]): boolean {
  return prefixes.some((prefix) => name.startsWith(prefix));
}

/** "org/apache/flink/api/common/ExecutionConfig.registerKryoType" + its notes signature → a readable member. */
function describeMember(removal: Removal): string {
  const owner = toDottedName(removal.owner ?? "");
  const signature = removal.signature ?? "";
  const open = signature.indexOf("(");
  const parameters = open >= 0 ? signature.slice(open) : "()";
  if (removal.member === "<init>") return `new ${owner}${parameters}`;
  return `${owner}.${removal.member}${parameters}`;
}

function classFamily(removal: Removal): FindingId {
  if (startsWithAny(removal.name, DATASET_PREFIXES)) return "dataset-api";
  if (startsWithAny(removal.name, SOURCE_SINK_PREFIXES)) return "source-sink-function";
  return "removed-class";
}

function versionedRelease(entryName: string): number | null {
  const match = /^META-INF\/versions\/(\d+)\//.exec(entryName);
  return match?.[1] ? Number(match[1]) : null;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isPythonMarker(base: string): boolean {
  return ["pyproject.toml", "setup.py", "setup.cfg", ".python-version", "runtime.txt"].includes(base);
}

function parseProperties(text: string): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([\w.-]+)\s*[=:]\s*(.*?)\s*$/.exec(line);
    if (match?.[1] && !line.trimStart().startsWith("#")) properties[match[1]] = match[2] ?? "";
  }
  return properties;
}

class Scan {
  readonly findings = new FindingCollector();
  entries = 0;
  classes = 0;
  private uncompressed = 0;
  readonly majors = new Map<number, number>();
  private tooNew = new Map<number, { count: number; first: string }>();
  private oldest = new Map<number, string>();
  readonly artifacts: (ArtifactVersion & { entry: string })[] = [];
  private pythonFiles = 0;
  private readonly pyflinkModules = new Set<string>();
  private readonly pythonEvidence: PythonVersionEvidence[] = [];
  private tempDir: string | undefined;
  private tempCounter = 0;

  constructor(
    private readonly limits: ScanLimits,
    private readonly signal: AbortSignal,
    private readonly tempRoot: string,
  ) {}

  private checkAborted(): void {
    if (!this.signal.aborted) return;
    const reason: unknown = this.signal.reason;
    throw reason instanceof ScanAbort ? reason : new ScanAbort("aborted", "the scan was cancelled");
  }

  async archive(source: ByteSource, prefix: string, depth: number): Promise<void> {
    const reader = new CachedZipReader(source, this.signal);
    let zip: ZipFile;
    try {
      zip = await openZip(reader);
    } catch (error) {
      throw await this.openError(source, error);
    }
    try {
      if (this.entries + zip.entryCount > this.limits.maxEntries) {
        throw new ScanAbort(
          "too-many-entries",
          `${prefix || source.name} has ${zip.entryCount} entries; the scan reads at most ${this.limits.maxEntries} (zip bomb?)`,
        );
      }
      const iterator = zip.eachEntry();
      while (true) {
        this.checkAborted();
        let next: IteratorResult<Entry>;
        try {
          next = await iterator.next();
        } catch (error) {
          throw this.directoryError(error);
        }
        if (next.done) break;
        await this.entry(zip, reader, next.value, prefix, depth);
      }
    } finally {
      zip.close();
    }
  }

  private async openError(source: ByteSource, error: unknown): Promise<ScanAbort | ArchiveSourceError> {
    if (error instanceof ScanAbort) return error;
    if (isSourceError(error)) return error;
    const message = errorMessage(error);
    if (/end of central directory record signature not found/i.test(message)) {
      const head = source.size >= 4 ? await source.read(0, 4, this.signal).catch(() => Buffer.alloc(0)) : null;
      if (head && head.length === 4 && head.readUInt32LE(0) === 0x04034b50) {
        return new ScanAbort(
          "truncated",
          "the archive is truncated: it starts like a zip but its end (central directory) is missing",
        );
      }
      return new ScanAbort("not-a-zip", "not a zip or JAR archive (no zip directory found)");
    }
    if (/unexpected EOF|not enough bytes|past the end/i.test(message)) {
      return new ScanAbort("truncated", `the archive is truncated: ${message}`);
    }
    return new ScanAbort("corrupt", `the archive is damaged: ${message}`);
  }

  private directoryError(error: unknown): ScanAbort | ArchiveSourceError {
    if (error instanceof ScanAbort) return error;
    if (isSourceError(error)) return error;
    const message = errorMessage(error);
    if (/unexpected EOF/i.test(message)) return new ScanAbort("truncated", `the archive is truncated: ${message}`);
    if (/encryption/i.test(message))
      return new ScanAbort("encrypted", `the archive uses ${message.replace(/ is not supported$/, "")}`);
    return new ScanAbort("corrupt", `the archive's directory is damaged: ${message}`);
  }

  private async entry(zip: ZipFile, reader: CachedZipReader, entry: Entry, prefix: string, depth: number) {
    this.entries++;
    const name = entry.fileName;
    if (name.endsWith("/")) return;
    const where = prefix + name;
    if (entry.isEncrypted()) {
      throw new ScanAbort(
        "encrypted",
        `${where} is encrypted; a JAR with encrypted entries cannot run and cannot be scanned`,
      );
    }
    this.uncompressed += entry.uncompressedSize;
    if (this.uncompressed > this.limits.maxTotalUncompressedBytes) {
      throw new ScanAbort(
        "zip-bomb",
        `the entries expand to more than ${this.limits.maxTotalUncompressedBytes} bytes (zip bomb?); stopped at ${where}`,
      );
    }
    if (
      entry.uncompressedSize >= this.limits.ratioCheckFromBytes &&
      entry.uncompressedSize > this.limits.maxCompressionRatio * Math.max(1, entry.compressedSize)
    ) {
      const ratio = Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize));
      throw new ScanAbort(
        "zip-bomb",
        `${where} expands ${ratio}:1 (${entry.compressedSize} → ${entry.uncompressedSize} bytes), over the ${this.limits.maxCompressionRatio}:1 limit (zip bomb?)`,
      );
    }

    const base = name.slice(name.lastIndexOf("/") + 1);
    const fromName = pythonFromFileName(name);
    // A bundled site-packages holds thousands of tagged files; a few hundred tell the story.
    if (fromName && this.pythonEvidence.length < MAX_PYTHON_EVIDENCE) {
      this.pythonEvidence.push({ ...fromName, source: prefix + fromName.source });
    }

    if (name.endsWith(".class")) {
      const bytes = await this.read(zip, reader, entry, where, this.limits.maxEntryBytes);
      if (bytes) this.classFile(bytes, name, where);
    } else if (name.startsWith("META-INF/maven/") && base === "pom.properties") {
      const bytes = await this.read(zip, reader, entry, where, this.limits.maxTextBytes);
      if (bytes) this.pomProperties(bytes.toString("utf8"), where);
    } else if (name.endsWith(".py")) {
      const bytes = await this.read(zip, reader, entry, where, this.limits.maxTextBytes);
      if (bytes) this.pythonSource(bytes.toString("utf8"), where);
    } else if (/^requirements[\w.-]*\.txt$/.test(base)) {
      const bytes = await this.read(zip, reader, entry, where, this.limits.maxTextBytes);
      if (bytes) this.requirements(bytes.toString("utf8"), where);
    } else if (isPythonMarker(base)) {
      const bytes = await this.read(zip, reader, entry, where, this.limits.maxTextBytes);
      const evidence = bytes ? pythonFromMarker(where, bytes.toString("utf8")) : null;
      if (evidence) this.pythonEvidence.push(evidence);
    } else if (name.endsWith(".jar")) {
      await this.nested(zip, entry, where, depth);
    }
  }

  /** The entry's bytes, or null after recording why they could not be read. */
  private async read(zip: ZipFile, reader: CachedZipReader, entry: Entry, where: string, cap: number) {
    if (entry.uncompressedSize > cap) {
      this.findings.add({
        id: "entry-too-large",
        group: "",
        symbol: where,
        entry: where,
        unit: "entry",
        evidence: `${where} is ${entry.uncompressedSize} bytes; entries are read up to ${cap} bytes`,
      });
      return null;
    }
    try {
      return await readEntryBytes(zip, reader, entry);
    } catch (error) {
      this.checkAborted();
      if (isSourceError(error)) throw error;
      if (
        !(error instanceof EntryReadError) &&
        !/local file header|unexpected EOF|overflows file bounds/i.test(errorMessage(error))
      )
        throw error;
      this.findings.add({
        id: "unreadable-entry",
        group: "",
        symbol: where,
        entry: where,
        unit: "entry",
        evidence: `${where}: ${errorMessage(error)}`,
      });
      return null;
    }
  }

  private classFile(bytes: Buffer, name: string, where: string): void {
    const result = readClassFile(bytes);
    if (!result.ok) {
      this.findings.add({
        id: "bad-class-file",
        group: "",
        symbol: where,
        entry: where,
        unit: "entry",
        evidence: `${where}: ${result.error.message}`,
      });
      return;
    }
    const info = result.info;
    this.classes++;
    const major = info.majorVersion;
    this.majors.set(major, (this.majors.get(major) ?? 0) + 1);
    if (!this.oldest.has(major)) this.oldest.set(major, where);
    const release = versionedRelease(name);
    if (major > JAVA_17_MAJOR && (release === null || release <= 17)) {
      const seen = this.tooNew.get(major);
      this.tooNew.set(major, { count: (seen?.count ?? 0) + 1, first: seen?.first ?? where });
    }
    if (info.thisClass !== "module-info") this.references(info, where);
  }

  private references(info: ClassFileInfo, where: string): void {
    const self = info.thisClass;
    // A bundled copy of removed Flink code references its own kind; the artifact check reports the bundle.
    if (findRemovedClass(self) || startsWithAny(self, SCALA_API_PREFIXES) || findLegacyConnectorClass(self)) return;
    const className = toDottedName(self);
    const seen = new Set<string>();
    const note = (id: FindingId, group: string, symbol: string, remediation?: string) => {
      const key = `${id}\u0000${group}\u0000${symbol}`;
      if (seen.has(key)) return;
      seen.add(key);
      this.findings.add({ id, group, symbol, entry: where, className, ...(remediation ? { remediation } : {}) });
    };

    const names = new Set([...info.classRefs, ...info.descriptorClasses]);
    names.delete(self);
    for (const name of names) {
      const dotted = toDottedName(name);
      if (startsWithAny(name, SCALA_API_PREFIXES)) {
        note("scala-api", "", dotted);
        continue;
      }
      const legacy = findLegacyConnectorClass(name);
      if (legacy) {
        note("legacy-connector", dotted, dotted, `Replace ${dotted} with ${legacy.replacement}.`);
        continue;
      }
      const removal = findRemovedClass(name);
      if (removal) {
        const family = classFamily(removal);
        const remediation = removal.replacement ? `Use ${removal.replacement} instead of ${dotted}.` : undefined;
        note(family, family === "removed-class" ? dotted : "", dotted, remediation);
        continue;
      }
      if (name.startsWith("org/apache/flink/") && name.includes("/legacy/")) {
        note("legacy-package", toDottedName(name.slice(0, name.lastIndexOf("/"))), dotted);
      }
    }

    for (const ref of info.methodRefs) {
      if (findRemovedClass(ref.owner)) continue;
      const removal = findRemovedMethod(ref.owner, ref.name, ref.descriptor);
      if (!removal) continue;
      const symbol = describeMember(removal);
      const remediation = removal.replacement ? `Use ${removal.replacement} instead.` : undefined;
      if (KRYO_METHODS.has(ref.name)) note("kryo-registration", "", symbol);
      else if (SOURCE_SINK_METHODS.has(removal.name)) note("source-sink-function", "", symbol);
      else note("removed-method", symbol, symbol, remediation);
    }
    for (const ref of info.fieldRefs) {
      if (findRemovedClass(ref.owner)) continue;
      const removal = findRemovedField(ref.owner, ref.name);
      if (removal) note("removed-field", removal.name, `${toDottedName(ref.owner)}.${ref.name}`);
    }
    for (const method of info.declaredMethods) {
      const removal = REMOVED_CALLBACKS.get(`${method.name}${method.descriptor}`);
      if (removal) {
        const symbol = describeMember(removal);
        note(
          "removed-override",
          symbol,
          symbol,
          removal.replacement ? `Override ${removal.replacement} instead.` : undefined,
        );
      }
    }
    for (const value of info.stringConstants) {
      if (!findRemovedConfigKey(value) || CONFIG_KEYS_STILL_ACCEPTED.has(value)) continue;
      note("removed-config-key", value, `"${value}"`);
    }
  }

  private pomProperties(text: string, where: string): void {
    const properties = parseProperties(text);
    const { groupId, artifactId, version } = properties;
    if (!groupId || !artifactId || !version) return;
    const artifact = { groupId, artifactId, version };
    this.artifacts.push({ ...artifact, entry: where });
    const verdict = assessArtifact(artifact);
    const symbol = `${groupId}:${artifactId}:${version}`;
    if (verdict.kind === "breaks") {
      this.findings.add({
        id: "connector-version",
        group: symbol,
        symbol,
        entry: where,
        unit: "entry",
        evidence: verdict.evidence,
        remediation: verdict.remediation,
      });
    } else if (verdict.kind === "bundled-runtime") {
      this.findings.add({
        id: "bundled-flink-runtime",
        group: symbol,
        symbol,
        entry: where,
        unit: "entry",
        evidence: verdict.evidence,
      });
    }
  }

  private pythonSource(text: string, where: string): void {
    this.pythonFiles++;
    const imports = pyflinkImports(text);
    for (const imported of imports.modules) {
      this.pyflinkModules.add(imported);
      const removed = removedPyflinkModule(imported);
      if (removed) {
        this.findings.add({
          id: "pyflink-removed-api",
          group: removed,
          symbol: imported,
          entry: where,
          unit: "entry",
          remediation: `Move to ${REMOVED_PYFLINK_MODULES[removed]}.`,
        });
      }
    }
    for (const name of imports.legacyConnectors) {
      this.findings.add({
        id: "legacy-connector",
        group: `pyflink:${name}`,
        symbol: name,
        entry: where,
        unit: "entry",
        evidence: `${where} imports ${name}`,
        remediation: `Replace ${name} with ${LEGACY_PYFLINK_CONNECTORS[name]} from a 2.x connector.`,
      });
    }
  }

  private requirements(text: string, where: string): void {
    const pin = pinnedPyflink(text);
    if (!pin) return;
    const major = Number.parseInt(pin.version, 10);
    if (pin.version.startsWith("2.2")) return;
    this.findings.add({
      id: "pyflink-version",
      group: "",
      symbol: pin.line,
      entry: where,
      unit: "entry",
      evidence: `${where} pins ${pin.line}`,
      severity: major < 2 ? "breaks" : "warning",
    });
  }

  private async nested(zip: ZipFile, entry: Entry, where: string, depth: number): Promise<void> {
    const skip = (evidence: string) =>
      this.findings.add({ id: "nested-archive", group: "", symbol: where, entry: where, unit: "entry", evidence });
    if (depth + 1 > this.limits.maxNestedDepth) {
      return skip(`${where} is nested ${depth + 1} levels deep; the scan opens ${this.limits.maxNestedDepth}`);
    }
    if (entry.uncompressedSize > this.limits.maxNestedArchiveBytes) {
      return skip(
        `${where} is ${entry.uncompressedSize} bytes; nested archives are read up to ${this.limits.maxNestedArchiveBytes}`,
      );
    }
    this.tempDir ??= await mkdtemp(path.join(this.tempRoot, "compat-scan-"));
    const file = path.join(this.tempDir, `nested-${++this.tempCounter}.jar`);
    try {
      try {
        await extractEntryToFile(zip, entry, file, this.limits.maxNestedArchiveBytes);
      } catch (error) {
        this.checkAborted();
        if (isSourceError(error)) throw error;
        return skip(`${where} could not be extracted: ${errorMessage(error)}`);
      }
      const source = await openFileSource(file);
      try {
        await this.archive(source, `${where}!/`, depth + 1);
      } catch (error) {
        // Limits and cancellation stop the whole scan; a nested archive that is merely unreadable does not.
        if (error instanceof ScanAbort && ["not-a-zip", "truncated", "corrupt"].includes(error.code)) {
          return skip(`${where}: ${error.message}`);
        }
        throw error;
      } finally {
        await source.close();
      }
    } finally {
      await rm(file, { force: true });
    }
  }

  async cleanup(): Promise<void> {
    if (this.tempDir) await rm(this.tempDir, { recursive: true, force: true });
  }

  /** Findings that need the whole archive: Java targets, Python version. */
  finish(): void {
    const old = [...this.majors.entries()].filter(([major]) => major < JAVA_17_MAJOR).sort(([a], [b]) => a - b);
    // javac targets one release for the whole build: any class for 17 or later means the job was built for it, and
    // the older classes are bundled libraries (most still target Java 8), which load and run on 17.
    // A PyFlink zip's Java classes are all bundled libraries (connectors): there is no Java build of the job to judge.
    const builtFor17 = [...this.majors.keys()].some((major) => major >= JAVA_17_MAJOR) || this.pythonFiles > 0;
    if (old.length > 0 && !builtFor17) {
      const count = old.reduce((sum, [, n]) => sum + n, 0);
      const parts = old.map(([major, n]) => `Java ${javaVersionOfMajor(major)} (major ${major}): ${n}`);
      this.findings.add({
        id: "class-file-target",
        group: "",
        symbol: parts.join("; "),
        entry: this.oldest.get(old[0]![0]) ?? "",
        evidence: `${count} of ${this.classes} classes target Java below 17 — ${parts.join("; ")}`,
      });
    }
    if (this.tooNew.size > 0) {
      const parts = [...this.tooNew.entries()].map(
        ([major, { count }]) => `Java ${javaVersionOfMajor(major)} (major ${major}): ${count}`,
      );
      const first = [...this.tooNew.values()][0]?.first ?? "";
      this.findings.add({
        id: "class-file-too-new",
        group: "",
        symbol: parts.join("; "),
        entry: first,
        evidence: `classes compiled for a newer Java than 17 — ${parts.join("; ")}`,
      });
    }
    const verdict = assessPython(this.pythonEvidence);
    if (verdict) {
      this.findings.add({
        id: "python-version",
        group: "",
        symbol: verdict.evidence,
        entry: this.pythonEvidence.find((item) => item.version !== "3.12")?.source.split(" ")[0] ?? "",
        unit: "entry",
        evidence: verdict.evidence,
        severity: verdict.severity,
      });
    }
  }

  python(): PythonSummary | undefined {
    if (this.pythonFiles === 0 && this.pythonEvidence.length === 0) return undefined;
    const versions = [...new Set(this.pythonEvidence.map((item) => `${item.version} (${item.source})`))];
    return {
      files: this.pythonFiles,
      modules: [...this.pyflinkModules].sort(),
      versions: versions.slice(0, 10),
    };
  }
}

/** A source failure as the scan reports it: AccessDenied and NoSuchKey keep their own codes. */
export function sourceScanError(error: ArchiveSourceError): ScanError {
  const code = error.code === "access-denied" || error.code === "not-found" ? error.code : "source";
  return { code, message: error.message };
}

function statusOf(findings: readonly CompatFinding[]): ScanStatus {
  if (findings.some((finding) => finding.severity === "breaks")) return "breaks";
  return findings.length > 0 ? "warnings" : "clean";
}

/**
 * Scans an archive for what breaks on Flink 2.2. Never throws for bad input: a damaged, oversized or hostile
 * archive, a timeout or a source error gives status "unreadable" with the reason. The caller closes the source.
 */
export async function scanArchive(source: ByteSource, options: ScanOptions = {}): Promise<ScanResult> {
  const started = performance.now();
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const controller = new AbortController();
  const onAbort = () => controller.abort(new ScanAbort("aborted", "the scan was cancelled"));
  options.signal?.addEventListener("abort", onAbort, { once: true });
  if (options.signal?.aborted) onAbort();
  const timer = setTimeout(
    () =>
      controller.abort(
        new ScanAbort("timeout", `the scan took longer than ${Math.round(limits.timeoutMs / 1000)} s and was stopped`),
      ),
    limits.timeoutMs,
  );
  const scan = new Scan(limits, controller.signal, options.tempDir ?? tmpdir());

  const result = (error?: ScanError): ScanResult => {
    const findings = scan.findings.list();
    const python = scan.python();
    return {
      status: error ? "unreadable" : statusOf(findings),
      ...(error ? { error } : {}),
      findings,
      classes: scan.classes,
      entries: scan.entries,
      bytes: source.size,
      majorVersions: Object.fromEntries(
        [...scan.majors.entries()].sort(([a], [b]) => a - b).map(([k, v]) => [String(k), v]),
      ),
      artifacts: scan.artifacts,
      ...(python ? { python } : {}),
      durationMs: Math.round(performance.now() - started),
      scannerVersion: SCANNER_VERSION,
    };
  };

  try {
    if (source.size > limits.maxArchiveBytes) {
      return result({
        code: "too-large",
        message: `the archive is ${source.size} bytes; the scan reads archives up to ${limits.maxArchiveBytes} bytes`,
      });
    }
    // A read that never returns cannot hold the scan: the abort settles it whatever the source does.
    const aborted = new Promise<never>((_, reject) => {
      const fail = () => reject(controller.signal.reason);
      if (controller.signal.aborted) fail();
      else controller.signal.addEventListener("abort", fail, { once: true });
    });
    aborted.catch(() => {});
    const work = scan.archive(source, "", 0).finally(() => scan.cleanup().catch(() => {}));
    work.catch(() => {});
    await Promise.race([work, aborted]);
    scan.finish();
    return result();
  } catch (error) {
    if (error instanceof ScanAbort) return result({ code: error.code, message: error.message });
    if (isSourceError(error)) return result(sourceScanError(error));
    return result({ code: "internal", message: `the scan failed unexpectedly: ${errorMessage(error)}` });
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
    controller.abort(new ScanAbort("aborted", "the scan ended"));
  }
}

/** scanArchive over a local file (tests, the bench); a missing or unreadable file is status "unreadable". */
export async function scanFile(file: string, options: ScanOptions = {}): Promise<ScanResult> {
  let source: ByteSource;
  try {
    source = await openFileSource(file);
  } catch (error) {
    return {
      status: "unreadable",
      error: { code: "source", message: `cannot open ${file}: ${errorMessage(error)}` },
      findings: [],
      classes: 0,
      entries: 0,
      bytes: 0,
      majorVersions: {},
      artifacts: [],
      durationMs: 0,
      scannerVersion: SCANNER_VERSION,
    };
  }
  try {
    return await scanArchive(source, options);
  } finally {
    await source.close();
  }
}
