// A reader for the parts of a JVM class file (JVMS §4) the scanner needs: version, the whole constant pool, this /
// super / interfaces, and the declared members' names and descriptors. It never runs code, never throws anything but
// ClassFileError, and every loop is bounded by a u2 count with each step advancing or failing.

export type ClassFileErrorKind = "bad-magic" | "truncated" | "malformed";

export class ClassFileError extends Error {
  constructor(
    readonly kind: ClassFileErrorKind,
    message: string,
  ) {
    super(message);
    this.name = "ClassFileError";
  }
}

export interface MemberRef {
  /** Internal name of the class or interface named by the ref, e.g. java/lang/String. */
  owner: string;
  name: string;
  descriptor: string;
}

export interface DeclaredMember {
  name: string;
  descriptor: string;
}

export interface ClassFileInfo {
  minorVersion: number;
  majorVersion: number;
  accessFlags: number;
  /** Internal name, e.g. org/example/Job. */
  thisClass: string;
  /** Null only for java/lang/Object and module-info. */
  superClass: string | null;
  interfaces: string[];
  /** Every CONSTANT_Class, array descriptors reduced to their element class (primitive arrays left out). */
  classRefs: string[];
  /** Methodref and InterfaceMethodref entries. */
  methodRefs: MemberRef[];
  fieldRefs: MemberRef[];
  /** Classes named inside descriptors and generic signatures (Utf8 entries holding `Lpkg/Name;`). */
  descriptorClasses: string[];
  /** The values of CONSTANT_String entries. */
  stringConstants: string[];
  declaredFields: DeclaredMember[];
  declaredMethods: DeclaredMember[];
  /** constant_pool_count as stored (one more than the usable slots). */
  constantPoolCount: number;
}

const MAGIC = 0xcafebabe;

const TAG = {
  Utf8: 1,
  Integer: 3,
  Float: 4,
  Long: 5,
  Double: 6,
  Class: 7,
  String: 8,
  Fieldref: 9,
  Methodref: 10,
  InterfaceMethodref: 11,
  NameAndType: 12,
  MethodHandle: 15,
  MethodType: 16,
  Dynamic: 17,
  InvokeDynamic: 18,
  Module: 19,
  Package: 20,
} as const;

type PoolEntry =
  | { tag: typeof TAG.Utf8; value: string }
  | {
      tag: typeof TAG.Class | typeof TAG.String | typeof TAG.MethodType | typeof TAG.Module | typeof TAG.Package;
      index: number;
    }
  | {
      tag: typeof TAG.Fieldref | typeof TAG.Methodref | typeof TAG.InterfaceMethodref;
      classIndex: number;
      natIndex: number;
    }
  | { tag: typeof TAG.NameAndType; nameIndex: number; descriptorIndex: number }
  | { tag: typeof TAG.Dynamic | typeof TAG.InvokeDynamic; bootstrapIndex: number; natIndex: number }
  | { tag: typeof TAG.MethodHandle; kind: number; referenceIndex: number }
  | { tag: typeof TAG.Integer | typeof TAG.Float | typeof TAG.Long | typeof TAG.Double };

class ByteReader {
  offset = 0;
  constructor(private readonly bytes: Uint8Array) {}

  private need(count: number, what: string): void {
    if (this.offset + count > this.bytes.length) {
      throw new ClassFileError(
        "truncated",
        `truncated class file: ${what} at byte ${this.offset} needs ${count} bytes`,
      );
    }
  }

  u1(what: string): number {
    this.need(1, what);
    return this.bytes[this.offset++] as number;
  }

  u2(what: string): number {
    this.need(2, what);
    const value = ((this.bytes[this.offset] as number) << 8) | (this.bytes[this.offset + 1] as number);
    this.offset += 2;
    return value;
  }

  u4(what: string): number {
    this.need(4, what);
    const b = this.bytes;
    const o = this.offset;
    this.offset += 4;
    return (
      (((b[o] as number) << 24) | ((b[o + 1] as number) << 16) | ((b[o + 2] as number) << 8) | (b[o + 3] as number)) >>>
      0
    );
  }

  skip(count: number, what: string): void {
    this.need(count, what);
    this.offset += count;
  }

  slice(count: number, what: string): Uint8Array {
    this.need(count, what);
    const view = this.bytes.subarray(this.offset, this.offset + count);
    this.offset += count;
    return view;
  }
}

const latin1 = new TextDecoder("latin1");

/** Modified UTF-8 (JVMS §4.4.7): like UTF-8 but NUL is C0 80 and supplementary characters are surrogate pairs. */
export function decodeModifiedUtf8(bytes: Uint8Array): string {
  let isAscii = true;
  for (const byte of bytes) {
    if (byte >= 0x80) {
      isAscii = false;
      break;
    }
  }
  if (isAscii) return latin1.decode(bytes);
  const units: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    const a = bytes[i] as number;
    if (a < 0x80) {
      units.push(a);
      i += 1;
    } else if ((a & 0xe0) === 0xc0 && i + 1 < bytes.length) {
      units.push(((a & 0x1f) << 6) | ((bytes[i + 1] as number) & 0x3f));
      i += 2;
    } else if ((a & 0xf0) === 0xe0 && i + 2 < bytes.length) {
      units.push(((a & 0x0f) << 12) | (((bytes[i + 1] as number) & 0x3f) << 6) | ((bytes[i + 2] as number) & 0x3f));
      i += 3;
    } else {
      units.push(0xfffd);
      i += 1;
    }
  }
  let out = "";
  for (let start = 0; start < units.length; start += 8192) {
    out += String.fromCharCode(...units.slice(start, start + 8192));
  }
  return out;
}

function readPool(reader: ByteReader, count: number): (PoolEntry | undefined)[] {
  const pool: (PoolEntry | undefined)[] = new Array(count);
  for (let index = 1; index < count; index++) {
    const tag = reader.u1(`constant pool entry #${index} tag`);
    const what = `constant pool entry #${index}`;
    switch (tag) {
      case TAG.Utf8: {
        const length = reader.u2(what);
        pool[index] = { tag, value: decodeModifiedUtf8(reader.slice(length, what)) };
        break;
      }
      case TAG.Integer:
      case TAG.Float:
        reader.skip(4, what);
        pool[index] = { tag };
        break;
      case TAG.Long:
      case TAG.Double:
        // Eight-byte constants take two slots; the second is unusable (JVMS §4.4.5).
        reader.skip(8, what);
        pool[index] = { tag };
        index++;
        break;
      case TAG.Class:
      case TAG.String:
      case TAG.MethodType:
      case TAG.Module:
      case TAG.Package:
        pool[index] = { tag, index: reader.u2(what) };
        break;
      case TAG.Fieldref:
      case TAG.Methodref:
      case TAG.InterfaceMethodref:
        pool[index] = { tag, classIndex: reader.u2(what), natIndex: reader.u2(what) };
        break;
      case TAG.NameAndType:
        pool[index] = { tag, nameIndex: reader.u2(what), descriptorIndex: reader.u2(what) };
        break;
      case TAG.Dynamic:
      case TAG.InvokeDynamic:
        pool[index] = { tag, bootstrapIndex: reader.u2(what), natIndex: reader.u2(what) };
        break;
      case TAG.MethodHandle:
        pool[index] = { tag, kind: reader.u1(what), referenceIndex: reader.u2(what) };
        break;
      default:
        throw new ClassFileError("malformed", `unknown constant pool tag ${tag} at entry #${index}`);
    }
  }
  return pool;
}

class Pool {
  constructor(private readonly entries: (PoolEntry | undefined)[]) {}

  utf8(index: number, what: string): string {
    const entry = this.entries[index];
    if (entry?.tag !== TAG.Utf8) throw new ClassFileError("malformed", `${what}: #${index} is not a Utf8 entry`);
    return entry.value;
  }

  className(index: number, what: string): string {
    const entry = this.entries[index];
    if (entry?.tag !== TAG.Class) throw new ClassFileError("malformed", `${what}: #${index} is not a Class entry`);
    return this.utf8(entry.index, what);
  }

  nameAndType(index: number, what: string): { name: string; descriptor: string } {
    const entry = this.entries[index];
    if (entry?.tag !== TAG.NameAndType) {
      throw new ClassFileError("malformed", `${what}: #${index} is not a NameAndType entry`);
    }
    return { name: this.utf8(entry.nameIndex, what), descriptor: this.utf8(entry.descriptorIndex, what) };
  }
}

// A class type inside a descriptor or signature: L, then at least one package segment, ended by ; or < (generics).
const DESCRIPTOR_CLASS = /L([A-Za-z_$][\w$]*(?:\/[\w$]+)+)[;<]/g;
const DESCRIPTOR_START = /^[(<L[T]/;

function elementClass(name: string): string | null {
  if (!name.startsWith("[")) return name;
  const match = /^\[+L(.+);$/.exec(name);
  return match?.[1] ?? null;
}

function readMembers(reader: ByteReader, pool: Pool, kind: "field" | "method"): DeclaredMember[] {
  const count = reader.u2(`${kind}s_count`);
  const members: DeclaredMember[] = [];
  for (let i = 0; i < count; i++) {
    const what = `${kind} #${i}`;
    reader.skip(2, what);
    const name = pool.utf8(reader.u2(what), what);
    const descriptor = pool.utf8(reader.u2(what), what);
    const attributes = reader.u2(what);
    for (let a = 0; a < attributes; a++) {
      reader.skip(2, `${what} attribute`);
      reader.skip(reader.u4(`${what} attribute length`), `${what} attribute`);
    }
    members.push({ name, descriptor });
  }
  return members;
}

function parse(bytes: Uint8Array): ClassFileInfo {
  const reader = new ByteReader(bytes);
  if (bytes.length < 4 || reader.u4("magic") !== MAGIC) {
    const seen = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, "0")).join("");
    throw new ClassFileError("bad-magic", `not a class file: magic is 0x${seen || "(empty)"}, expected 0xcafebabe`);
  }
  const minorVersion = reader.u2("minor_version");
  const majorVersion = reader.u2("major_version");
  const constantPoolCount = reader.u2("constant_pool_count");
  if (constantPoolCount === 0) throw new ClassFileError("malformed", "constant_pool_count is 0");
  const entries = readPool(reader, constantPoolCount);
  const pool = new Pool(entries);

  const accessFlags = reader.u2("access_flags");
  const thisClass = pool.className(reader.u2("this_class"), "this_class");
  const superIndex = reader.u2("super_class");
  const superClass = superIndex === 0 ? null : pool.className(superIndex, "super_class");
  const interfaceCount = reader.u2("interfaces_count");
  const interfaces: string[] = [];
  for (let i = 0; i < interfaceCount; i++) interfaces.push(pool.className(reader.u2("interface"), "interface"));
  const declaredFields = readMembers(reader, pool, "field");
  const declaredMethods = readMembers(reader, pool, "method");
  const attributes = reader.u2("attributes_count");
  for (let a = 0; a < attributes; a++) {
    reader.skip(2, "class attribute");
    reader.skip(reader.u4("class attribute length"), "class attribute");
  }

  const classRefs = new Set<string>();
  const descriptorClasses = new Set<string>();
  const methodRefs: MemberRef[] = [];
  const fieldRefs: MemberRef[] = [];
  const stringConstants: string[] = [];
  for (const entry of entries) {
    if (!entry) continue;
    switch (entry.tag) {
      case TAG.Class: {
        const name = elementClass(pool.utf8(entry.index, "Class entry"));
        if (name) classRefs.add(name);
        break;
      }
      case TAG.String:
        stringConstants.push(pool.utf8(entry.index, "String entry"));
        break;
      case TAG.Fieldref:
      case TAG.Methodref:
      case TAG.InterfaceMethodref: {
        const ref = {
          owner: pool.className(entry.classIndex, "member ref"),
          ...pool.nameAndType(entry.natIndex, "member ref"),
        };
        (entry.tag === TAG.Fieldref ? fieldRefs : methodRefs).push(ref);
        break;
      }
      case TAG.Utf8:
        if (DESCRIPTOR_START.test(entry.value) && entry.value.includes("/")) {
          for (const match of entry.value.matchAll(DESCRIPTOR_CLASS)) descriptorClasses.add(match[1] as string);
        }
        break;
    }
  }
  return {
    minorVersion,
    majorVersion,
    accessFlags,
    thisClass,
    superClass,
    interfaces,
    classRefs: [...classRefs],
    methodRefs,
    fieldRefs,
    descriptorClasses: [...descriptorClasses],
    stringConstants,
    declaredFields,
    declaredMethods,
    constantPoolCount,
  };
}

/** Parses a class file. Throws only ClassFileError (bad magic, truncated, malformed). */
export function parseClassFile(bytes: Uint8Array): ClassFileInfo {
  try {
    return parse(bytes);
  } catch (error) {
    if (error instanceof ClassFileError) throw error;
    throw new ClassFileError(
      "malformed",
      `malformed class file: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

export type ClassFileResult = { ok: true; info: ClassFileInfo } | { ok: false; error: ClassFileError };

/** parseClassFile without the throw. */
export function readClassFile(bytes: Uint8Array): ClassFileResult {
  try {
    return { ok: true, info: parseClassFile(bytes) };
  } catch (error) {
    return { ok: false, error: error as ClassFileError };
  }
}

/** The Java release a class-file major version belongs to (45 → 1, 52 → 8, 61 → 17). */
export function javaVersionOfMajor(major: number): number {
  return major >= 49 ? major - 44 : 1;
}
