// The Flink 2.0 removal table in the forms a class file uses: internal names (org/apache/flink/api/java/DataSet),
// erased JVM descriptors for methods, and lookups the scanner asks per reference.
import { REMOVED_CLASSES, REMOVED_CONFIG_KEYS, REMOVED_MEMBERS, REMOVALS_SOURCE, REPLACEMENTS } from "./removals-2.0";

export { REMOVALS_SOURCE };

export type RemovalKind = "class" | "method" | "field" | "config";

export interface Removal {
  kind: RemovalKind;
  /**
   * class: internal JVM name (org/apache/flink/api/java/DataSet); method and field: owner's internal name, a dot and
   * the member (constructors are `<init>`); config: the key.
   */
  name: string;
  /** Methods and fields: the owner's internal name. */
  owner?: string;
  /** Methods and fields: the member's name. */
  member?: string;
  /** Methods: the erased JVM descriptor, e.g. (Ljava/lang/Class;)V. */
  descriptor?: string;
  /** Methods: the signature as the release notes print it. */
  signature?: string;
  /** Methods: a bare type variable was erased to Object, so the descriptor may be wrong; match on arity instead. */
  isDescriptorGuessed?: boolean;
  replacement?: string;
}

const PRIMITIVES: Record<string, string> = {
  void: "V",
  boolean: "Z",
  byte: "B",
  char: "C",
  short: "S",
  int: "I",
  long: "J",
  float: "F",
  double: "D",
};

export function toInternalName(dotted: string): string {
  return dotted.replaceAll(".", "/");
}

export function toDottedName(internal: string): string {
  return internal.replaceAll("/", ".");
}

function stripGenerics(type: string): string {
  let depth = 0;
  let out = "";
  for (const char of type) {
    if (char === "<") depth++;
    else if (char === ">") depth = Math.max(0, depth - 1);
    else if (depth === 0) out += char;
  }
  return out.trim();
}

/** Splits on commas outside angle brackets. */
function splitTopLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of list) {
    if (char === "<") depth++;
    if (char === ">") depth--;
    if (char === "," && depth === 0) {
      parts.push(current.trim());
      current = "";
    } else current += char;
  }
  if (current.trim() !== "") parts.push(current.trim());
  return parts;
}

/** A Java source type (generics allowed) → its erased field descriptor; `guessed` when a type variable was met. */
export function javaTypeToDescriptor(type: string): { descriptor: string; isGuessed: boolean } {
  let base = stripGenerics(type);
  let dimensions = "";
  while (base.endsWith("[]")) {
    dimensions += "[";
    base = base.slice(0, -2).trim();
  }
  const primitive = PRIMITIVES[base];
  if (primitive) return { descriptor: dimensions + primitive, isGuessed: false };
  if (!base.includes(".")) return { descriptor: `${dimensions}Ljava/lang/Object;`, isGuessed: true };
  return { descriptor: `${dimensions}L${toInternalName(base)};`, isGuessed: false };
}

export interface ParsedSignature {
  name: string;
  descriptor: string;
  parameterCount: number;
  isGuessed: boolean;
}

/**
 * "void registerKryoType(java.lang.Class<?>)" → registerKryoType (Ljava/lang/Class;)V. A constructor line
 * ("ListView(…)", no return type) becomes `<init>` returning V.
 */
export function javaSignatureToDescriptor(signature: string): ParsedSignature {
  let depth = 0;
  let open = -1;
  for (let i = 0; i < signature.length; i++) {
    const char = signature[i];
    if (char === "<") depth++;
    else if (char === ">") depth--;
    else if (char === "(" && depth === 0) {
      open = i;
      break;
    }
  }
  const close = signature.lastIndexOf(")");
  if (open < 0 || close < open) throw new Error(`not a method signature: ${signature}`);
  const head = signature.slice(0, open).trim();
  const nameMatch = /([\w$]+)$/.exec(head);
  if (!nameMatch?.[1]) throw new Error(`no method name in: ${signature}`);
  const returnType = head.slice(0, head.length - nameMatch[1].length).trim();
  const isConstructor = returnType === "";
  const parameters = splitTopLevel(signature.slice(open + 1, close)).map(javaTypeToDescriptor);
  const returned = isConstructor ? { descriptor: "V", isGuessed: false } : javaTypeToDescriptor(returnType);
  return {
    name: isConstructor ? "<init>" : nameMatch[1],
    descriptor: `(${parameters.map((p) => p.descriptor).join("")})${returned.descriptor}`,
    parameterCount: parameters.length,
    isGuessed: returned.isGuessed || parameters.some((p) => p.isGuessed),
  };
}

/** How many parameters a JVM method descriptor takes, or -1 if it is not one. */
export function descriptorParameterCount(descriptor: string): number {
  if (!descriptor.startsWith("(")) return -1;
  let count = 0;
  let i = 1;
  while (i < descriptor.length && descriptor[i] !== ")") {
    while (descriptor[i] === "[") i++;
    if (descriptor[i] === "L") {
      const end = descriptor.indexOf(";", i);
      if (end < 0) return -1;
      i = end + 1;
    } else i++;
    count++;
  }
  return i < descriptor.length ? count : -1;
}

function buildRemovals(): Removal[] {
  const removals: Removal[] = REMOVED_CLASSES.map((dotted) => ({
    kind: "class",
    name: toInternalName(dotted),
    ...(REPLACEMENTS[dotted] ? { replacement: REPLACEMENTS[dotted] } : {}),
  }));
  for (const [dottedOwner, members] of Object.entries(REMOVED_MEMBERS)) {
    const owner = toInternalName(dottedOwner);
    for (const signature of [...(members.constructors ?? []), ...(members.methods ?? [])]) {
      const parsed = javaSignatureToDescriptor(signature);
      const replacement = REPLACEMENTS[`${dottedOwner}#${parsed.name}`];
      removals.push({
        kind: "method",
        name: `${owner}.${parsed.name}`,
        owner,
        member: parsed.name,
        descriptor: parsed.descriptor,
        signature,
        ...(parsed.isGuessed ? { isDescriptorGuessed: true } : {}),
        ...(replacement ? { replacement } : {}),
      });
    }
    for (const field of members.fields ?? []) {
      removals.push({ kind: "field", name: `${owner}.${field}`, owner, member: field });
    }
  }
  for (const key of REMOVED_CONFIG_KEYS) removals.push({ kind: "config", name: key });
  return removals;
}

export const REMOVALS_2_0: readonly Removal[] = buildRemovals();

const classIndex = new Map<string, Removal>();
const methodIndex = new Map<string, Removal[]>();
const fieldIndex = new Map<string, Removal>();
const configIndex = new Map<string, Removal>();
for (const removal of REMOVALS_2_0) {
  if (removal.kind === "class") classIndex.set(removal.name, removal);
  else if (removal.kind === "field") fieldIndex.set(removal.name, removal);
  else if (removal.kind === "config") configIndex.set(removal.name, removal);
  else methodIndex.set(removal.name, [...(methodIndex.get(removal.name) ?? []), removal]);
}

export function findRemovedClass(internalName: string): Removal | undefined {
  return classIndex.get(internalName);
}

/** The removed method an invocation of owner.name with this descriptor resolves to, if any. */
export function findRemovedMethod(owner: string, name: string, descriptor: string): Removal | undefined {
  const candidates = methodIndex.get(`${owner}.${name}`);
  if (!candidates) return undefined;
  const exact = candidates.find((removal) => removal.descriptor === descriptor);
  if (exact) return exact;
  const arity = descriptorParameterCount(descriptor);
  return candidates.find(
    (removal) => removal.isDescriptorGuessed && descriptorParameterCount(removal.descriptor ?? "") === arity,
  );
}

export function findRemovedField(owner: string, name: string): Removal | undefined {
  return fieldIndex.get(`${owner}.${name}`);
}

export function findRemovedConfigKey(key: string): Removal | undefined {
  return configIndex.get(key);
}
