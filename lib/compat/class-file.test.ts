import { existsSync, readFileSync } from "node:fs";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { ClassFileError, decodeModifiedUtf8, parseClassFile, readClassFile } from "./class-file";
import { writeClassFile } from "./test-support/class-writer";

// A real compiler-made JAR from Debian (.ci/run installs it): `apt-get install -y libcommons-lang3-java`.
const DEBIAN_JAR = "/usr/share/java/commons-lang3.jar";

function debianClasses(): Map<string, Uint8Array> {
  if (!existsSync(DEBIAN_JAR)) {
    throw new Error(
      `${DEBIAN_JAR} is missing: install it with "apt-get install -y libcommons-lang3-java" (see .ci/run)`,
    );
  }
  const entries = unzipSync(readFileSync(DEBIAN_JAR), { filter: (file) => file.name.endsWith(".class") });
  return new Map(Object.entries(entries));
}

function expectClassFileError(bytes: Uint8Array, kind: ClassFileError["kind"]): ClassFileError {
  try {
    parseClassFile(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(ClassFileError);
    expect((error as ClassFileError).kind).toBe(kind);
    return error as ClassFileError;
  }
  throw new Error("expected a ClassFileError");
}

describe("parseClassFile on javac output (Debian's commons-lang3)", () => {
  const classes = debianClasses();

  it("parses every class file in the JAR", () => {
    expect(classes.size).toBeGreaterThan(300);
    let parsed = 0;
    for (const [name, bytes] of classes) {
      const info = parseClassFile(bytes);
      expect(`${info.thisClass}.class`).toBe(name);
      parsed++;
    }
    expect(parsed).toBe(classes.size);
  });

  it("reads Pair's header and references as javap shows them", () => {
    const info = parseClassFile(classes.get("org/apache/commons/lang3/tuple/Pair.class")!);
    expect(info).toMatchObject({
      majorVersion: 52,
      minorVersion: 0,
      thisClass: "org/apache/commons/lang3/tuple/Pair",
      superClass: "java/lang/Object",
      interfaces: ["java/util/Map$Entry", "java/lang/Comparable", "java/io/Serializable"],
    });
    expect(info.classRefs).toEqual(
      expect.arrayContaining(["org/apache/commons/lang3/builder/CompareToBuilder", "java/util/Objects"]),
    );
    expect(info.methodRefs).toContainEqual({
      owner: "java/util/Objects",
      name: "equals",
      descriptor: "(Ljava/lang/Object;Ljava/lang/Object;)Z",
    });
    // An InterfaceMethodref: javap #45 java/util/Map$Entry.getKey.
    expect(info.methodRefs).toContainEqual({
      owner: "java/util/Map$Entry",
      name: "getKey",
      descriptor: "()Ljava/lang/Object;",
    });
    expect(info.fieldRefs).toContainEqual({
      owner: "org/apache/commons/lang3/tuple/Pair",
      name: "EMPTY_ARRAY",
      descriptor: "[Lorg/apache/commons/lang3/tuple/Pair;",
    });
    expect(info.declaredMethods).toContainEqual({ name: "getLeft", descriptor: "()Ljava/lang/Object;" });
  });

  it("fails every truncation of a real class file with a ClassFileError, never anything else", () => {
    const bytes = classes.get("org/apache/commons/lang3/tuple/Pair.class")!;
    for (let length = 0; length < bytes.length; length += 7) {
      const result = readClassFile(bytes.subarray(0, length));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toBeInstanceOf(ClassFileError);
    }
  });

  it("survives corrupted bytes: parses or says why, with a ClassFileError", () => {
    const original = classes.get("org/apache/commons/lang3/StringUtils.class")!;
    let seed = 1;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 300; round++) {
      const bytes = Uint8Array.from(original);
      for (let flips = 0; flips < 4; flips++) bytes[8 + Math.floor(random() * (bytes.length - 8))] = random() * 256;
      const result = readClassFile(bytes);
      if (!result.ok) expect(result.error).toBeInstanceOf(ClassFileError);
    }
  });
});

describe("parseClassFile on hand-made class files", () => {
  it("walks every constant tag, Long and Double taking two slots", () => {
    const bytes = writeClassFile({
      name: "com/example/Everything",
      major: 65,
      withEveryTag: true,
      // Written after the eight-byte constants, so their indexes depend on the two-slot rule.
      fieldRefs: [{ owner: "com/example/Config", name: "KEY", descriptor: "Ljava/lang/String;" }],
    });
    const info = parseClassFile(bytes);
    expect(info.majorVersion).toBe(65);
    expect(info.methodRefs).toEqual([
      { owner: "java/lang/Object", name: "toString", descriptor: "()Ljava/lang/String;" },
    ]);
    expect(info.fieldRefs).toEqual([{ owner: "com/example/Config", name: "KEY", descriptor: "Ljava/lang/String;" }]);
  });

  it("collects class, member and string constants, and classes named in descriptors and signatures", () => {
    const info = parseClassFile(
      writeClassFile({
        name: "com/example/Job",
        superName: "org/apache/flink/api/common/functions/RichMapFunction",
        interfaces: ["java/io/Serializable"],
        classRefs: ["[Lorg/apache/flink/api/java/DataSet;", "[I"],
        methodRefs: [
          {
            owner: "org/apache/flink/api/common/ExecutionConfig",
            name: "registerKryoType",
            descriptor: "(Ljava/lang/Class;)V",
          },
        ],
        strings: ["pipeline.registered-kryo-types"],
        utf8: ["Ljava/util/List<Lorg/apache/flink/api/java/tuple/Tuple2<TK;TV;>;>;"],
        declaredMethods: [{ name: "open", descriptor: "(Lorg/apache/flink/configuration/Configuration;)V" }],
      }),
    );
    expect(info.superClass).toBe("org/apache/flink/api/common/functions/RichMapFunction");
    expect(info.interfaces).toEqual(["java/io/Serializable"]);
    expect(info.classRefs).toEqual([
      "com/example/Job",
      "org/apache/flink/api/common/functions/RichMapFunction",
      "java/io/Serializable",
      "org/apache/flink/api/java/DataSet",
      "org/apache/flink/api/common/ExecutionConfig",
    ]);
    expect(info.stringConstants).toEqual(["pipeline.registered-kryo-types"]);
    // Pool order: the array class's name, the method descriptor, the signature, the declared method's descriptor.
    expect(info.descriptorClasses).toEqual([
      "org/apache/flink/api/java/DataSet",
      "java/lang/Class",
      "java/util/List",
      "org/apache/flink/api/java/tuple/Tuple2",
      "org/apache/flink/configuration/Configuration",
    ]);
    expect(info.declaredMethods).toEqual([
      { name: "open", descriptor: "(Lorg/apache/flink/configuration/Configuration;)V" },
    ]);
  });

  it("rejects a bad magic number", () => {
    const bytes = writeClassFile({ name: "com/example/A" });
    bytes[0] = 0x50;
    expect(expectClassFileError(bytes, "bad-magic").message).toMatch(/magic is 0x50febabe/);
    expectClassFileError(new Uint8Array(0), "bad-magic");
  });

  it("rejects a constant pool cut short", () => {
    const bytes = writeClassFile({ name: "com/example/A", strings: ["a fairly long string constant"] });
    expect(expectClassFileError(bytes.subarray(0, 30), "truncated").message).toMatch(/constant pool entry #\d+/);
  });

  it("rejects an unknown constant tag", () => {
    const bytes = writeClassFile({ name: "com/example/A" });
    bytes[10] = 99; // the first entry's tag, right after magic, version and constant_pool_count
    expect(expectClassFileError(bytes, "malformed").message).toMatch(/unknown constant pool tag 99/);
  });

  it("rejects an index that points at the wrong kind of entry", () => {
    const bytes = writeClassFile({ name: "com/example/A" });
    // this_class sits after the pool and access_flags: point it at #1, the Utf8 of the name.
    const thisOffset = bytes.length - 12;
    bytes[thisOffset] = 0;
    bytes[thisOffset + 1] = 1;
    expect(expectClassFileError(bytes, "malformed").message).toMatch(/this_class: #1 is not a Class entry/);
  });
});

describe("decodeModifiedUtf8", () => {
  it("decodes NUL as C0 80 and supplementary characters as surrogate pairs", () => {
    expect(decodeModifiedUtf8(Uint8Array.from([0x61, 0xc0, 0x80, 0x62]))).toBe("a\u0000b");
    expect(decodeModifiedUtf8(Uint8Array.from([0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80]))).toBe("\u{1F600}");
    expect(decodeModifiedUtf8(Uint8Array.from([0xc3, 0xa9]))).toBe("é");
  });
});
