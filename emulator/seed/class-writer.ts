// A small Java class-file WRITER (JVM spec SE 17, chapter 4): enough to emit real, verifiable classes for the demo
// fleet's JARs. A class has no fields; each method is abstract (interfaces) or carries a straight-line Code
// attribute built from a tiny expression language (static/virtual/interface/special calls, `new`, string and class
// constants, static field reads, locals), so javap -c shows real call sites and no StackMapTable is needed (no
// branches). Every constant-pool entry a caller names is written: Utf8, Class, String, NameAndType, Fieldref,
// Methodref, InterfaceMethodref.

export const ACC_PUBLIC = 0x0001;
export const ACC_STATIC = 0x0008;
export const ACC_FINAL = 0x0010;
export const ACC_SUPER = 0x0020;
export const ACC_INTERFACE = 0x0200;
export const ACC_ABSTRACT = 0x0400;

/** Class-file major versions: Java 8, 11, 17. */
export type ClassMajor = 52 | 55 | 61;

/** A method or field the code refers to: owner in internal form (`java/lang/Object`), JVM descriptor. */
export interface MemberRef {
  owner: string;
  name: string;
  descriptor: string;
}

/**
 * An expression of a method body. `call` without `target` is static; `itf` marks an interface owner
 * (InterfaceMethodref). `special` is an invokespecial on `this` (super calls). Missing arguments are filled with
 * the type's zero value (`aconst_null`, `iconst_0`, …), which the verifier accepts for any parameter type.
 */
export type Expr =
  | { kind: "call"; ref: MemberRef; target?: Expr; args?: Expr[]; itf?: boolean; special?: boolean }
  | { kind: "new"; owner: string; descriptor: string; args?: Expr[] }
  | { kind: "string"; value: string }
  | { kind: "class"; name: string }
  | { kind: "getstatic"; ref: MemberRef }
  | { kind: "local"; index: number }
  | { kind: "null" };

/** A statement: evaluate (result discarded) or store into a local variable slot (reference results only). */
export type Stmt = { expr: Expr; store?: number };

export interface MethodSpec {
  access: number;
  name: string;
  descriptor: string;
  /** Omitted with ACC_ABSTRACT; otherwise the straight-line body (then a zero-value return). */
  body?: Stmt[];
}

export interface ClassSpec {
  major: ClassMajor;
  access: number;
  name: string;
  superName: string;
  interfaces?: string[];
  methods: MethodSpec[];
  sourceFile?: string;
}

const TAG = {
  Utf8: 1,
  Class: 7,
  String: 8,
  Fieldref: 9,
  Methodref: 10,
  InterfaceMethodref: 11,
  NameAndType: 12,
} as const;

const OP = {
  aconst_null: 0x01,
  iconst_0: 0x03,
  lconst_0: 0x09,
  fconst_0: 0x0b,
  dconst_0: 0x0e,
  ldc: 0x12,
  ldc_w: 0x13,
  aload: 0x19,
  aload_0: 0x2a,
  astore: 0x3a,
  pop: 0x57,
  pop2: 0x58,
  dup: 0x59,
  ireturn: 0xac,
  lreturn: 0xad,
  freturn: 0xae,
  dreturn: 0xaf,
  areturn: 0xb0,
  return: 0xb1,
  getstatic: 0xb2,
  invokevirtual: 0xb6,
  invokespecial: 0xb7,
  invokestatic: 0xb8,
  invokeinterface: 0xb9,
  new: 0xbb,
} as const;

/** Modified UTF-8 (JVMS §4.4.7): U+0000 and supplementary characters as surrogate pairs, 1–3 bytes each. */
function modifiedUtf8(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x01 && c <= 0x7f) out.push(c);
    else if (c <= 0x7ff) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return out;
}

class ByteSink {
  private bytes: number[] = [];
  u1(v: number) {
    this.bytes.push(v & 0xff);
  }
  u2(v: number) {
    this.bytes.push((v >> 8) & 0xff, v & 0xff);
  }
  u4(v: number) {
    this.bytes.push((v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
  }
  raw(values: readonly number[]) {
    for (const v of values) this.bytes.push(v);
  }
  get length() {
    return this.bytes.length;
  }
  toArray(): number[] {
    return this.bytes;
  }
}

class ConstantPool {
  private entries: number[][] = [];
  private index = new Map<string, number>();

  private add(key: string, bytes: number[]): number {
    const known = this.index.get(key);
    if (known !== undefined) return known;
    this.entries.push(bytes);
    const i = this.entries.length; // 1-based; no Long/Double entries, so no double slots
    if (i > 0xfffe) throw new Error("constant pool overflow");
    this.index.set(key, i);
    return i;
  }
  utf8(text: string): number {
    const data = modifiedUtf8(text);
    if (data.length > 0xffff) throw new Error("Utf8 constant too long");
    return this.add(`U${text}`, [TAG.Utf8, data.length >> 8, data.length & 0xff, ...data]);
  }
  klass(name: string): number {
    const n = this.utf8(name);
    return this.add(`C${name}`, [TAG.Class, n >> 8, n & 0xff]);
  }
  string(value: string): number {
    const n = this.utf8(value);
    return this.add(`S${value}`, [TAG.String, n >> 8, n & 0xff]);
  }
  nameAndType(name: string, descriptor: string): number {
    const n = this.utf8(name);
    const d = this.utf8(descriptor);
    return this.add(`N${name}:${descriptor}`, [TAG.NameAndType, n >> 8, n & 0xff, d >> 8, d & 0xff]);
  }
  member(tag: number, ref: MemberRef): number {
    const c = this.klass(ref.owner);
    const nt = this.nameAndType(ref.name, ref.descriptor);
    return this.add(`${tag}:${ref.owner}.${ref.name}:${ref.descriptor}`, [tag, c >> 8, c & 0xff, nt >> 8, nt & 0xff]);
  }
  write(sink: ByteSink) {
    sink.u2(this.entries.length + 1);
    for (const entry of this.entries) sink.raw(entry);
  }
}

/** Slot sizes of a descriptor's parameters and return value (0 for V). */
export function parseMethodDescriptor(descriptor: string): { params: string[]; ret: string } {
  const match = /^\(([^)]*)\)(.+)$/.exec(descriptor);
  if (!match) throw new Error(`bad method descriptor ${descriptor}`);
  const params: string[] = [];
  const list = match[1] ?? "";
  let i = 0;
  while (i < list.length) {
    const start = i;
    while (list[i] === "[") i++;
    if (list[i] === "L") {
      const end = list.indexOf(";", i);
      if (end < 0) throw new Error(`bad method descriptor ${descriptor}`);
      i = end + 1;
    } else if ("BCDFIJSZ".includes(list[i] ?? "")) i++;
    else throw new Error(`bad method descriptor ${descriptor}`);
    params.push(list.slice(start, i));
  }
  const ret = match[2] ?? "V";
  if (!/^(V|\[*([BCDFIJSZ]|L[^;]+;))$/.test(ret)) throw new Error(`bad method descriptor ${descriptor}`);
  return { params, ret };
}

const slots = (type: string) => (type === "V" ? 0 : type === "J" || type === "D" ? 2 : 1);

/** Bytecode emitter for one method: tracks the operand stack depth to compute max_stack. */
class CodeEmitter {
  readonly code = new ByteSink();
  private depth = 0;
  maxStack = 0;
  maxLocals: number;

  constructor(
    private readonly pool: ConstantPool,
    paramSlots: number,
  ) {
    this.maxLocals = paramSlots;
  }

  private push(n: number) {
    this.depth += n;
    this.maxStack = Math.max(this.maxStack, this.depth);
  }
  private popN(n: number) {
    this.depth -= n;
    if (this.depth < 0) throw new Error("operand stack underflow");
  }

  zero(type: string) {
    if (type.startsWith("L") || type.startsWith("[")) this.code.u1(OP.aconst_null);
    else if (type === "J") this.code.u1(OP.lconst_0);
    else if (type === "F") this.code.u1(OP.fconst_0);
    else if (type === "D") this.code.u1(OP.dconst_0);
    else this.code.u1(OP.iconst_0);
    this.push(slots(type));
  }

  private constant(index: number) {
    if (index <= 0xff) {
      this.code.u1(OP.ldc);
      this.code.u1(index);
    } else {
      this.code.u1(OP.ldc_w);
      this.code.u2(index);
    }
    this.push(1);
  }

  private args(params: string[], args: Expr[] = []) {
    params.forEach((type, i) => {
      const arg = args[i];
      if (arg === undefined) this.zero(type);
      else this.expr(arg);
    });
  }

  /** Emits `e`, leaving its value on the stack; answers the value's slot count (0 for a void call). */
  expr(e: Expr): number {
    switch (e.kind) {
      case "null":
        this.code.u1(OP.aconst_null);
        this.push(1);
        return 1;
      case "string":
        this.constant(this.pool.string(e.value));
        return 1;
      case "class":
        this.constant(this.pool.klass(e.name));
        return 1;
      case "local":
        this.code.u1(e.index === 0 ? OP.aload_0 : OP.aload);
        if (e.index !== 0) this.code.u1(e.index);
        this.maxLocals = Math.max(this.maxLocals, e.index + 1);
        this.push(1);
        return 1;
      case "getstatic": {
        this.code.u1(OP.getstatic);
        this.code.u2(this.pool.member(TAG.Fieldref, e.ref));
        const size = slots(e.ref.descriptor);
        this.push(size);
        return size;
      }
      case "new": {
        const { params } = parseMethodDescriptor(e.descriptor);
        this.code.u1(OP.new);
        this.code.u2(this.pool.klass(e.owner));
        this.push(1);
        this.code.u1(OP.dup);
        this.push(1);
        this.args(params, e.args);
        this.code.u1(OP.invokespecial);
        this.code.u2(this.pool.member(TAG.Methodref, { owner: e.owner, name: "<init>", descriptor: e.descriptor }));
        this.popN(1 + params.reduce((s, t) => s + slots(t), 0));
        return 1;
      }
      case "call": {
        const { params, ret } = parseMethodDescriptor(e.ref.descriptor);
        const argSlots = params.reduce((s, t) => s + slots(t), 0);
        const isStatic = e.target === undefined && !e.special;
        if (e.special) {
          this.code.u1(OP.aload_0);
          this.push(1);
        } else if (e.target) this.expr(e.target);
        this.args(params, e.args);
        const tag = e.itf ? TAG.InterfaceMethodref : TAG.Methodref;
        const index = this.pool.member(tag, e.ref);
        if (isStatic) this.code.u1(OP.invokestatic);
        else if (e.special) this.code.u1(OP.invokespecial);
        else if (e.itf) this.code.u1(OP.invokeinterface);
        else this.code.u1(OP.invokevirtual);
        this.code.u2(index);
        if (!isStatic && !e.special && e.itf) {
          this.code.u1(argSlots + 1);
          this.code.u1(0);
        }
        this.popN(argSlots + (isStatic ? 0 : 1));
        this.push(slots(ret));
        return slots(ret);
      }
    }
  }

  stmt(s: Stmt) {
    const size = this.expr(s.expr);
    if (s.store !== undefined) {
      if (size !== 1) throw new Error("only single-slot values can be stored");
      this.code.u1(OP.astore);
      this.code.u1(s.store);
      this.popN(1);
      this.maxLocals = Math.max(this.maxLocals, s.store + 1);
    } else if (size === 1) {
      this.code.u1(OP.pop);
      this.popN(1);
    } else if (size === 2) {
      this.code.u1(OP.pop2);
      this.popN(2);
    }
  }

  ret(type: string) {
    if (type === "V") {
      this.code.u1(OP.return);
      return;
    }
    this.zero(type);
    if (type.startsWith("L") || type.startsWith("[")) this.code.u1(OP.areturn);
    else if (type === "J") this.code.u1(OP.lreturn);
    else if (type === "F") this.code.u1(OP.freturn);
    else if (type === "D") this.code.u1(OP.dreturn);
    else this.code.u1(OP.ireturn);
  }
}

/** The bytes of one class file. */
export function writeClass(spec: ClassSpec): Uint8Array {
  const pool = new ConstantPool();
  const thisIndex = pool.klass(spec.name);
  const superIndex = pool.klass(spec.superName);
  const interfaceIndexes = (spec.interfaces ?? []).map((i) => pool.klass(i));
  const codeName = pool.utf8("Code");

  const methods = spec.methods.map((m) => {
    const nameIndex = pool.utf8(m.name);
    const descIndex = pool.utf8(m.descriptor);
    const { params, ret } = parseMethodDescriptor(m.descriptor);
    const sink = new ByteSink();
    sink.u2(m.access);
    sink.u2(nameIndex);
    sink.u2(descIndex);
    if (m.access & ACC_ABSTRACT) {
      sink.u2(0);
      return sink;
    }
    const paramSlots = params.reduce((s, t) => s + slots(t), 0) + (m.access & ACC_STATIC ? 0 : 1);
    const emitter = new CodeEmitter(pool, paramSlots);
    for (const stmt of m.body ?? []) emitter.stmt(stmt);
    emitter.ret(ret);
    const code = emitter.code.toArray();
    sink.u2(1);
    sink.u2(codeName);
    sink.u4(2 + 2 + 4 + code.length + 2 + 2);
    sink.u2(emitter.maxStack);
    sink.u2(emitter.maxLocals);
    sink.u4(code.length);
    sink.raw(code);
    sink.u2(0); // exception table
    sink.u2(0); // attributes
    return sink;
  });
  const sourceFile = spec.sourceFile ? [pool.utf8("SourceFile"), pool.utf8(spec.sourceFile)] : undefined;

  const out = new ByteSink();
  out.u4(0xcafebabe);
  out.u2(0);
  out.u2(spec.major);
  pool.write(out);
  out.u2(spec.access);
  out.u2(thisIndex);
  out.u2(superIndex);
  out.u2(interfaceIndexes.length);
  for (const i of interfaceIndexes) out.u2(i);
  out.u2(0); // fields
  out.u2(methods.length);
  for (const m of methods) out.raw(m.toArray());
  if (sourceFile) {
    out.u2(1);
    out.u2(sourceFile[0]!);
    out.u4(2);
    out.u2(sourceFile[1]!);
  } else out.u2(0);
  return Uint8Array.from(out.toArray());
}

/** `<init>()V` calling the superclass constructor (what javac writes for a default constructor). */
export function defaultConstructor(superName: string): MethodSpec {
  return {
    access: ACC_PUBLIC,
    name: "<init>",
    descriptor: "()V",
    body: [{ expr: { kind: "call", special: true, ref: { owner: superName, name: "<init>", descriptor: "()V" } } }],
  };
}
