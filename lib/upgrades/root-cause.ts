// The first fault of a failing job, named and classified, with what to do about it. Pure: the exception comes
// from the Flink REST exception history (attempt #0) or, when that is unavailable, from the application's logs.
const DOCS = "https://docs.aws.amazon.com/managed-flink/latest/java";

export type FaultClass =
  "state-incompatibility" | "binary-incompatibility" | "connector" | "permissions" | "out-of-memory" | "unknown";

export interface RootCause {
  faultClass: FaultClass;
  exceptionClass: string;
  /** The exception's first line, for history and the CSV. */
  firstLine: string;
  stack: string | null;
  at: string;
  source: "job view" | "logs";
  remediation: string;
  docUrl: string;
}

interface Rule {
  faultClass: Exclude<FaultClass, "unknown">;
  pattern: RegExp;
  remediation: string;
  docUrl: string;
}

// Order matters: the first matching rule names the class (a Kryo error inside a connector is still state).
const rules: Rule[] = [
  {
    faultClass: "out-of-memory",
    pattern: /OutOfMemoryError|Java heap space|Metaspace|GC overhead limit/i,
    remediation:
      "The new job ran out of memory: Flink 2.2 uses more memory for the same state. Raise parallelism or KPUs (ParallelismPerKPU 1), then upgrade again.",
    docUrl: `${DOCS}/best-practices-recommendations.html`,
  },
  {
    faultClass: "state-incompatibility",
    pattern:
      /StateMigrationException|KryoException|Kryo|cannot be used as a POJO|GenericType|TypeSerializer|serializer .*incompatible|Could not restore|restore.*state|StateMigration/i,
    remediation:
      "The snapshot's state cannot be read by Flink 2.2 (Kryo 2.24 → 5.6, POJO/serializer changes). Give the state types explicit serializers (POJO or Avro) on 1.x, take a new snapshot, and upgrade from it; or upgrade without restoring state if it can be rebuilt.",
    docUrl: `${DOCS}/state-compatibility.html`,
  },
  {
    faultClass: "binary-incompatibility",
    pattern:
      /ClassNotFoundException|NoClassDefFoundError|NoSuchMethodError|NoSuchFieldError|AbstractMethodError|IncompatibleClassChangeError|UnsupportedClassVersionError|LinkageError/,
    remediation:
      "The application JAR was not built for Flink 2.2: a class or method it calls is gone. Rebuild against the Flink 2.2 API, Java 17 and the 2.x connectors, then upload the new JAR under a new name.",
    docUrl: `${DOCS}/flink-2-2-upgrade-guide.html`,
  },
  {
    faultClass: "permissions",
    pattern: /AccessDenied|not authorized|UnauthorizedOperation|Forbidden|\b403\b/i,
    remediation:
      "The job was refused by an AWS service: the application's IAM role lacks a permission the new code or connector needs. Add it to the service execution role.",
    docUrl: `${DOCS}/precautions.html`,
  },
  {
    faultClass: "connector",
    pattern:
      /org\.apache\.flink\.connector|kinesis|kafka|FlinkKinesis|KinesisStreamsSource|software\.amazon\.kinesis|msk/i,
    remediation:
      "A source or sink connector failed: Flink 2.2 needs the 2.x connectors (e.g. KinesisStreamsSource 6.0, Kafka connector 4.0). Update the connector versions and their configuration.",
    docUrl: `${DOCS}/flink-2-2.html`,
  },
];

const unknown = {
  faultClass: "unknown" as const,
  remediation:
    "The first failure does not match a known upgrade problem: read the stack trace, fix the cause, and upgrade again from the snapshot taken before the upgrade.",
  docUrl: `${DOCS}/upgrading-application-new-version.html`,
};

export function classifyFault(input: { exceptionClass: string; message: string; stack?: string | null }) {
  const text = `${input.exceptionClass}\n${input.message}\n${input.stack ?? ""}`;
  const rule = rules.find((r) => r.pattern.test(text));
  return rule ? { faultClass: rule.faultClass, remediation: rule.remediation, docUrl: rule.docUrl } : unknown;
}

/** A root cause from an exception as Flink or the logs report it ("java.lang.X: message\n\tat …"). */
export function rootCauseOf(input: {
  exceptionClass?: string | null;
  message?: string | null;
  stack?: string | null;
  at: Date;
  source: RootCause["source"];
}): RootCause {
  const stack = input.stack ?? null;
  const headline =
    (stack ?? input.message ?? "")
      .split("\n")
      .find((l) => l.trim().length > 0)
      ?.trim() ?? "";
  const exceptionClass = input.exceptionClass || headline.split(":")[0]?.trim() || "unknown exception";
  const firstLine = (input.message?.split("\n")[0]?.trim() || headline).slice(0, 300);
  return {
    ...classifyFault({ exceptionClass, message: firstLine, stack }),
    exceptionClass,
    firstLine,
    stack: stack ? stack.slice(0, 8_000) : null,
    at: input.at.toISOString(),
    source: input.source,
  };
}
