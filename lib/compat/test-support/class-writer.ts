// Writes small but valid class files for tests: magic, version, a constant pool with the entries asked for, this /
// super / interfaces and declared methods (no code). The emulator's seed helper has its own writer on purpose: the
// emulator imports nothing from lib/.

export interface MemberRefSpec {
  owner: string;
  name: string;
  descriptor: string;
}

export interface ClassSpec {
  /** Internal name, e.g. com/example/Job. */
  name: string;
  superName?: string | null;
  interfaces?: string[];
  /** Default 61 (Java 17). */
  major?: number;
  minor?: number;
  classRefs?: string[];
  methodRefs?: MemberRefSpec[];
  interfaceMethodRefs?: MemberRefSpec[];
  fieldRefs?: MemberRefSpec[];
  strings?: string[];
  /** Extra Utf8 entries, e.g. a generic signature "Ljava/util/List<Lorg/example/Foo;>;". */
  utf8?: string[];
  declaredMethods?: { name: string; descriptor: string }[];
  /** Adds Integer, Float, Long, Double, MethodHandle, MethodType, Dynamic, InvokeDynamic, Module and Package entries. */
  withEveryTag?: boolean;
}

export class ConstantPoolBuilder {
  private readonly chunks: number[][] = [];
  private count = 1;
  private readonly utf8Index = new Map<string, number>();
  private readonly classIndex = new Map<string, number>();

  private push(bytes: number[], slots = 1): number {
    const index = this.count;
    this.chunks.push(bytes);
    this.count += slots;
    return index;
  }

  utf8(value: string): number {
    const existing = this.utf8Index.get(value);
    if (existing) return existing;
    const bytes = [...Buffer.from(value, "utf8")];
    const index = this.push([1, bytes.length >> 8, bytes.length & 0xff, ...bytes]);
    this.utf8Index.set(value, index);
    return index;
  }

  classRef(name: string): number {
    const existing = this.classIndex.get(name);
    if (existing) return existing;
    const index = this.push([7, ...u2(this.utf8(name))]);
    this.classIndex.set(name, index);
    return index;
  }

  string(value: string): number {
    return this.push([8, ...u2(this.utf8(value))]);
  }

  nameAndType(name: string, descriptor: string): number {
    return this.push([12, ...u2(this.utf8(name)), ...u2(this.utf8(descriptor))]);
  }

  memberRef(tag: 9 | 10 | 11, ref: MemberRefSpec): number {
    return this.push([tag, ...u2(this.classRef(ref.owner)), ...u2(this.nameAndType(ref.name, ref.descriptor))]);
  }

  integer(value: number): number {
    return this.push([3, ...u4(value)]);
  }

  float(): number {
    return this.push([4, 0x3f, 0x80, 0, 0]);
  }

  /** Takes two slots, as the JVM requires. */
  long(value: bigint): number {
    return this.push([5, ...u4(Number((value >> 32n) & 0xffffffffn)), ...u4(Number(value & 0xffffffffn))], 2);
  }

  /** Takes two slots, as the JVM requires. */
  double(): number {
    return this.push([6, 0x40, 0x09, 0x21, 0xfb, 0x54, 0x44, 0x2d, 0x18], 2);
  }

  methodHandle(kind: number, referenceIndex: number): number {
    return this.push([15, kind, ...u2(referenceIndex)]);
  }

  methodType(descriptor: string): number {
    return this.push([16, ...u2(this.utf8(descriptor))]);
  }

  dynamic(tag: 17 | 18, bootstrapIndex: number, name: string, descriptor: string): number {
    return this.push([tag, ...u2(bootstrapIndex), ...u2(this.nameAndType(name, descriptor))]);
  }

  module(name: string): number {
    return this.push([19, ...u2(this.utf8(name))]);
  }

  package(name: string): number {
    return this.push([20, ...u2(this.utf8(name))]);
  }

  /** constant_pool_count followed by the entries. */
  bytes(): number[] {
    return [...u2(this.count), ...this.chunks.flat()];
  }
}

function u2(value: number): number[] {
  return [(value >> 8) & 0xff, value & 0xff];
}

function u4(value: number): number[] {
  return [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
}

export function writeClassFile(spec: ClassSpec): Uint8Array {
  const pool = new ConstantPoolBuilder();
  const thisIndex = pool.classRef(spec.name);
  const superName = spec.superName === undefined ? "java/lang/Object" : spec.superName;
  const superIndex = superName === null ? 0 : pool.classRef(superName);
  const interfaceIndexes = (spec.interfaces ?? []).map((name) => pool.classRef(name));
  for (const name of spec.classRefs ?? []) pool.classRef(name);
  for (const ref of spec.methodRefs ?? []) pool.memberRef(10, ref);
  for (const ref of spec.interfaceMethodRefs ?? []) pool.memberRef(11, ref);
  for (const ref of spec.fieldRefs ?? []) pool.memberRef(9, ref);
  for (const value of spec.strings ?? []) pool.string(value);
  for (const value of spec.utf8 ?? []) pool.utf8(value);
  if (spec.withEveryTag) {
    pool.integer(42);
    pool.float();
    pool.long(1n << 40n);
    pool.double();
    const target = pool.memberRef(10, {
      owner: "java/lang/Object",
      name: "toString",
      descriptor: "()Ljava/lang/String;",
    });
    const handle = pool.methodHandle(5, target);
    pool.methodType("(Ljava/lang/Object;)V");
    pool.dynamic(17, 0, "constant", "Ljava/lang/Object;");
    pool.dynamic(18, 0, "apply", "()Ljava/util/function/Supplier;");
    pool.module("java.base");
    pool.package("com/example");
    pool.integer(handle);
  }
  const methods = (spec.declaredMethods ?? []).map((method) => [
    ...u2(0x0001),
    ...u2(pool.utf8(method.name)),
    ...u2(pool.utf8(method.descriptor)),
    ...u2(0),
  ]);
  return Uint8Array.from([
    0xca,
    0xfe,
    0xba,
    0xbe,
    ...u2(spec.minor ?? 0),
    ...u2(spec.major ?? 61),
    ...pool.bytes(),
    ...u2(0x0021),
    ...u2(thisIndex),
    ...u2(superIndex),
    ...u2(interfaceIndexes.length),
    ...interfaceIndexes.flatMap(u2),
    ...u2(0),
    ...u2(methods.length),
    ...methods.flat(),
    ...u2(0),
  ]);
}
