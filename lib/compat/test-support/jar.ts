// Builds zips and JARs in tests with fflate, plus the byte surgery the malformed-input tests need.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { zipSync, type Zippable } from "fflate";
import { writeClassFile, type ClassSpec } from "./class-writer";

export type JarEntries = Record<string, Uint8Array | string>;

/** A zip of the given entries (text is UTF-8), deflated unless `level` says otherwise. */
export function buildZip(entries: JarEntries, level: 0 | 6 | 9 = 6): Uint8Array {
  const files: Zippable = {};
  for (const [name, content] of Object.entries(entries)) {
    files[name] = [typeof content === "string" ? Buffer.from(content, "utf8") : content, { level }];
  }
  return zipSync(files);
}

/** A JAR: a manifest, one class file per spec, and any other entries. */
export function buildJar(classes: ClassSpec[], other: JarEntries = {}): Uint8Array {
  const entries: JarEntries = { "META-INF/MANIFEST.MF": "Manifest-Version: 1.0\r\n\r\n" };
  for (const spec of classes) entries[`${spec.name}.class`] = writeClassFile(spec);
  return buildZip({ ...entries, ...other });
}

export function pomProperties(groupId: string, artifactId: string, version: string): JarEntries {
  return {
    [`META-INF/maven/${groupId}/${artifactId}/pom.properties`]: `groupId=${groupId}\nartifactId=${artifactId}\nversion=${version}\n`,
  };
}

let dir: string | undefined;

/** Writes bytes to a fresh file under one temp directory per test process. */
export function writeTemp(name: string, bytes: Uint8Array): string {
  dir ??= mkdtempSync(path.join(tmpdir(), "compat-test-"));
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

/** Removes what writeTemp wrote (call from afterAll). */
export function removeTemp(): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
}

/** Sets the "encrypted" bit (general purpose flag bit 0) on every local and central header of `entryName`. */
export function setEncryptedFlag(zip: Uint8Array, entryName: string): Uint8Array {
  const bytes = Buffer.from(zip);
  const name = Buffer.from(entryName, "utf8");
  for (let i = 0; i + 4 <= bytes.length; i++) {
    const signature = bytes.readUInt32LE(i);
    const isLocal = signature === 0x04034b50;
    const isCentral = signature === 0x02014b50;
    if (!isLocal && !isCentral) continue;
    const nameLength = bytes.readUInt16LE(i + (isLocal ? 26 : 28));
    const nameStart = i + (isLocal ? 30 : 46);
    if (nameLength !== name.length || !bytes.subarray(nameStart, nameStart + nameLength).equals(name)) continue;
    const flagOffset = i + (isLocal ? 6 : 8);
    bytes.writeUInt16LE(bytes.readUInt16LE(flagOffset) | 1, flagOffset);
  }
  return bytes;
}
