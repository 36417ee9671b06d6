// Java builds: the JAR of one CodeBuild — the application's classes (written with class-writer.ts) calling the
// Flink APIs its problems imply, stand-ins for the bundled connector classes, pom.properties, a MANIFEST.MF and,
// with `nested`, an inner JAR that carries the problem's code.
import { strToU8, zipSync, type Zippable } from "fflate";
import {
  ZIP_OPTIONS,
  appVersionOf,
  cached,
  connectorFor,
  is2x,
  libraryMajor,
  manifest,
  pomProperties,
  usesLegacyConnector,
  type CodeBuild,
  type CodeProblem,
  type Connector,
} from "./artifact-common";
import {
  ACC_ABSTRACT,
  ACC_FINAL,
  ACC_INTERFACE,
  ACC_PUBLIC,
  ACC_STATIC,
  ACC_SUPER,
  defaultConstructor,
  writeClass,
  type ClassMajor,
  type ClassSpec,
  type Expr,
  type MemberRef,
  type MethodSpec,
  type Stmt,
} from "./class-writer";

const SEE = "org/apache/flink/streaming/api/environment/StreamExecutionEnvironment";
const DATA_STREAM = "org/apache/flink/streaming/api/datastream/DataStream";
const DATA_STREAM_SOURCE = "org/apache/flink/streaming/api/datastream/DataStreamSource";
const DATA_STREAM_SINK = "org/apache/flink/streaming/api/datastream/DataStreamSink";
const KEYED_STREAM = "org/apache/flink/streaming/api/datastream/KeyedStream";
const SOSO = "org/apache/flink/streaming/api/datastream/SingleOutputStreamOperator";
const KPF = "org/apache/flink/streaming/api/functions/KeyedProcessFunction";
const SOURCE = "org/apache/flink/api/connector/source/Source";
const SINK2 = "org/apache/flink/api/connector/sink2/Sink";
const WATERMARKS = "org/apache/flink/api/common/eventtime/WatermarkStrategy";
const JOB_RESULT = "org/apache/flink/api/common/JobExecutionResult";
const EXECUTION_CONFIG = "org/apache/flink/api/common/ExecutionConfig";
const SERIALIZER_CONFIG = "org/apache/flink/api/common/serialization/SerializerConfig";
const DESER = "org/apache/flink/api/common/serialization/DeserializationSchema";
const SER = "org/apache/flink/api/common/serialization/SerializationSchema";
const SIMPLE_STRING = "org/apache/flink/api/common/serialization/SimpleStringSchema";
const SOURCE_FUNCTION = "org/apache/flink/streaming/api/functions/source/SourceFunction";
const SINK_FUNCTION = "org/apache/flink/streaming/api/functions/sink/SinkFunction";
const KINESIS_LEGACY = "org/apache/flink/streaming/connectors/kinesis";
const KAFKA_LEGACY = "org/apache/flink/streaming/connectors/kafka";
const KINESIS_SOURCE = "org/apache/flink/connector/kinesis/source/KinesisStreamsSource";
const KINESIS_SINK = "org/apache/flink/connector/kinesis/sink/KinesisStreamsSink";
const KAFKA_SOURCE = "org/apache/flink/connector/kafka/source/KafkaSource";
const KAFKA_SINK = "org/apache/flink/connector/kafka/sink/KafkaSink";
const STRING = "java/lang/String";
const OBJECT = "java/lang/Object";
const PROPERTIES = "java/util/Properties";

const L = (name: string) => `L${name};`;
const ref = (owner: string, name: string, descriptor: string): MemberRef => ({ owner, name, descriptor });
const str = (value: string): Expr => ({ kind: "string", value });
const local = (index: number): Expr => ({ kind: "local", index });
const call = (owner: string, name: string, descriptor: string, target?: Expr, args?: Expr[], itf = false): Expr => ({
  kind: "call",
  ref: ref(owner, name, descriptor),
  target,
  args,
  itf,
});
const newObject = (owner: string, descriptor: string, args?: Expr[]): Expr => ({
  kind: "new",
  owner,
  descriptor,
  args,
});
const internal = (dotted: string) => dotted.replace(/\./g, "/");

// ---------------------------------------------------------------------------------------------------------------
// Java builds.

export interface Fragment {
  /** Statements run in main (env in local `envSlot`). */
  stmts: (env: Expr) => Stmt[];
  classes: ClassSpec[];
  poms: Connector[];
}

/** Stand-in for a bundled library class: right name, super type and a public constructor. */
function libraryClass(major: ClassMajor, name: string, superName: string, interfaces: string[] = []): ClassSpec {
  return {
    major,
    access: ACC_PUBLIC | ACC_SUPER,
    name,
    superName,
    interfaces,
    methods: [defaultConstructor(superName)],
    sourceFile: `${name.slice(name.lastIndexOf("/") + 1).replace(/\$.*$/, "")}.java`,
  };
}

function libraryInterface(major: ClassMajor, name: string, methods: MethodSpec[] = []): ClassSpec {
  return {
    major,
    access: ACC_PUBLIC | ACC_INTERFACE | ACC_ABSTRACT,
    name,
    superName: OBJECT,
    methods,
    sourceFile: `${name.slice(name.lastIndexOf("/") + 1).replace(/\$.*$/, "")}.java`,
  };
}

export function sourceFragment(build: CodeBuild, legacy: boolean): Fragment {
  const connector = connectorFor(build, legacy);
  const lib = libraryMajor(connector);
  const source = build.source;
  if (source.kind === "kinesis") {
    if (legacy) {
      const consumer = `${KINESIS_LEGACY}/FlinkKinesisConsumer`;
      const producer = `${KINESIS_LEGACY}/FlinkKinesisProducer`;
      return {
        poms: [connector],
        classes: [
          libraryClass(lib, consumer, "org/apache/flink/streaming/api/functions/source/RichParallelSourceFunction"),
          libraryClass(lib, producer, "org/apache/flink/streaming/api/functions/sink/RichSinkFunction"),
        ],
        stmts: (env) => [
          { expr: newObject(PROPERTIES, "()V"), store: 4 },
          {
            expr: newObject(consumer, `(${L(STRING)}${L(DESER)}${L(PROPERTIES)})V`, [
              str(source.streamName),
              newObject(SIMPLE_STRING, "()V"),
              local(4),
            ]),
            store: 5,
          },
          {
            expr: call(SEE, "addSource", `(${L(SOURCE_FUNCTION)})${L(DATA_STREAM_SOURCE)}`, env, [local(5)]),
            store: 2,
          },
          {
            expr: newObject(producer, `(${L(SER)}${L(PROPERTIES)})V`, [newObject(SIMPLE_STRING, "()V"), local(4)]),
            store: 6,
          },
          { expr: call(producer, "setDefaultStream", `(${L(STRING)})V`, local(6), [str(`${build.app}-output`)]) },
          { expr: call(DATA_STREAM, "addSink", `(${L(SINK_FUNCTION)})${L(DATA_STREAM_SINK)}`, local(2), [local(6)]) },
        ],
      };
    }
    const builder = `${KINESIS_SOURCE}Builder`;
    const sinkBuilder = `${KINESIS_SINK}Builder`;
    return {
      poms: [connector],
      classes: [
        libraryClass(lib, KINESIS_SOURCE, OBJECT, [SOURCE]),
        libraryClass(lib, builder, OBJECT),
        libraryClass(lib, KINESIS_SINK, "org/apache/flink/connector/base/sink/AsyncSinkBase"),
      ],
      stmts: (env) => [
        {
          expr: call(
            builder,
            "build",
            `()${L(KINESIS_SOURCE)}`,
            call(
              builder,
              "setStreamArn",
              `(${L(STRING)})${L(builder)}`,
              call(KINESIS_SOURCE, "builder", `()${L(builder)}`),
              [str(`arn:aws:kinesis:us-east-1:123456789012:stream/${source.streamName}`)],
            ),
          ),
          store: 5,
        },
        {
          expr: call(SEE, "fromSource", `(${L(SOURCE)}${L(WATERMARKS)}${L(STRING)})${L(DATA_STREAM_SOURCE)}`, env, [
            local(5),
            call(WATERMARKS, "noWatermarks", `()${L(WATERMARKS)}`, undefined, [], true),
            str("Kinesis source"),
          ]),
          store: 2,
        },
        {
          expr: call(
            sinkBuilder,
            "build",
            `()${L(KINESIS_SINK)}`,
            call(KINESIS_SINK, "builder", `()${L(sinkBuilder)}`),
          ),
          store: 6,
        },
        { expr: call(DATA_STREAM, "sinkTo", `(${L(SINK2)})${L(DATA_STREAM_SINK)}`, local(2), [local(6)]) },
      ],
    };
  }
  const topic = source.topic;
  if (legacy) {
    const consumer = `${KAFKA_LEGACY}/FlinkKafkaConsumer`;
    const producer = `${KAFKA_LEGACY}/FlinkKafkaProducer`;
    return {
      poms: [connector],
      classes: [
        libraryClass(lib, consumer, `${KAFKA_LEGACY}/FlinkKafkaConsumerBase`),
        libraryClass(lib, producer, "org/apache/flink/streaming/api/functions/sink/TwoPhaseCommitSinkFunction"),
      ],
      stmts: (env) => [
        { expr: newObject(PROPERTIES, "()V"), store: 4 },
        {
          expr: newObject(consumer, `(${L(STRING)}${L(DESER)}${L(PROPERTIES)})V`, [
            str(topic),
            newObject(SIMPLE_STRING, "()V"),
            local(4),
          ]),
          store: 5,
        },
        {
          expr: call(SEE, "addSource", `(${L(SOURCE_FUNCTION)})${L(DATA_STREAM_SOURCE)}`, env, [local(5)]),
          store: 2,
        },
        {
          expr: newObject(producer, `(${L(STRING)}${L(SER)}${L(PROPERTIES)})V`, [
            str(`${topic}.out`),
            newObject(SIMPLE_STRING, "()V"),
            local(4),
          ]),
          store: 6,
        },
        { expr: call(DATA_STREAM, "addSink", `(${L(SINK_FUNCTION)})${L(DATA_STREAM_SINK)}`, local(2), [local(6)]) },
      ],
    };
  }
  const builder = `${KAFKA_SOURCE}Builder`;
  const sinkBuilder = `${KAFKA_SINK}Builder`;
  return {
    poms: [connector],
    classes: [
      libraryClass(lib, KAFKA_SOURCE, OBJECT, [SOURCE]),
      libraryClass(lib, builder, OBJECT),
      libraryClass(lib, KAFKA_SINK, OBJECT, [SINK2]),
    ],
    stmts: (env) => [
      { expr: call(KAFKA_SOURCE, "builder", `()${L(builder)}`), store: 5 },
      {
        expr: call(builder, "setBootstrapServers", `(${L(STRING)})${L(builder)}`, local(5), [
          str("b-1.msk.kafka.us-east-1.amazonaws.com:9098"),
        ]),
      },
      { expr: call(builder, "setTopics", `([${L(STRING)})${L(builder)}`, local(5)) },
      { expr: call(builder, "build", `()${L(KAFKA_SOURCE)}`, local(5)), store: 5 },
      {
        expr: call(SEE, "fromSource", `(${L(SOURCE)}${L(WATERMARKS)}${L(STRING)})${L(DATA_STREAM_SOURCE)}`, env, [
          local(5),
          call(WATERMARKS, "noWatermarks", `()${L(WATERMARKS)}`, undefined, [], true),
          str(`Kafka source ${topic}`),
        ]),
        store: 2,
      },
      {
        expr: call(sinkBuilder, "build", `()${L(KAFKA_SINK)}`, call(KAFKA_SINK, "builder", `()${L(sinkBuilder)}`)),
        store: 6,
      },
      { expr: call(DATA_STREAM, "sinkTo", `(${L(SINK2)})${L(DATA_STREAM_SINK)}`, local(2), [local(6)]) },
    ],
  };
}

function sourceFunctionFragment(build: CodeBuild, pkg: string): Fragment {
  const name = `${pkg}/PollingSource`;
  const context = `${SOURCE_FUNCTION}$SourceContext`;
  return {
    poms: [],
    classes: [
      {
        major: build.java,
        access: ACC_PUBLIC | ACC_SUPER,
        name,
        superName: OBJECT,
        interfaces: [SOURCE_FUNCTION],
        sourceFile: "PollingSource.java",
        methods: [
          defaultConstructor(OBJECT),
          {
            access: ACC_PUBLIC,
            name: "run",
            descriptor: `(${L(context)})V`,
            body: [{ expr: call(context, "collect", `(${L(OBJECT)})V`, local(1), [str("tick")], true) }],
          },
          { access: ACC_PUBLIC, name: "cancel", descriptor: "()V", body: [] },
        ],
      },
    ],
    stmts: (env) => [
      {
        expr: call(SEE, "addSource", `(${L(SOURCE_FUNCTION)})${L(DATA_STREAM_SOURCE)}`, env, [newObject(name, "()V")]),
      },
    ],
  };
}

function datasetFragment(build: CodeBuild, pkg: string): Fragment {
  const ee = "org/apache/flink/api/java/ExecutionEnvironment";
  const dataSet = "org/apache/flink/api/java/DataSet";
  const dataSource = "org/apache/flink/api/java/operators/DataSource";
  const name = `${pkg}/BackfillJob`;
  return {
    poms: [],
    classes: [
      {
        major: build.java,
        access: ACC_PUBLIC | ACC_SUPER,
        name,
        superName: OBJECT,
        sourceFile: "BackfillJob.java",
        methods: [
          defaultConstructor(OBJECT),
          {
            access: ACC_PUBLIC | ACC_STATIC,
            name: "run",
            descriptor: "()V",
            body: [
              { expr: call(ee, "getExecutionEnvironment", `()${L(ee)}`), store: 0 },
              {
                expr: call(ee, "readTextFile", `(${L(STRING)})${L(dataSource)}`, local(0), [
                  str(`s3://${build.app}-backfill/input/`),
                ]),
                store: 1,
              },
              {
                expr: call(dataSet, "distinct", "()Lorg/apache/flink/api/java/operators/DistinctOperator;", local(1)),
              },
              { expr: call(dataSet, "count", "()J", local(1)) },
              { expr: call(ee, "execute", `(${L(STRING)})${L(JOB_RESULT)}`, local(0), [str(`${build.app} backfill`)]) },
            ],
          },
        ],
      },
    ],
    stmts: () => [{ expr: call(name, "run", "()V") }],
  };
}

function kryoFragment(build: CodeBuild): Fragment {
  const twoX = is2x(build.runtime);
  const kryo = twoX ? "com/esotericsoftware/kryo/kryo5" : "com/esotericsoftware/kryo";
  const classes: ClassSpec[] = [];
  const types = build.kryoTypes.map(internal);
  for (const type of types) {
    classes.push({
      major: build.java,
      access: ACC_PUBLIC | ACC_SUPER,
      name: type,
      superName: OBJECT,
      interfaces: ["java/io/Serializable"],
      sourceFile: `${type.slice(type.lastIndexOf("/") + 1)}.java`,
      methods: [defaultConstructor(OBJECT)],
    });
  }
  const first = types[0];
  if (first) {
    classes.push({
      major: build.java,
      access: ACC_PUBLIC | ACC_SUPER,
      name: `${first}KryoSerializer`,
      superName: `${kryo}/Serializer`,
      sourceFile: `${first.slice(first.lastIndexOf("/") + 1)}KryoSerializer.java`,
      methods: [
        defaultConstructor(`${kryo}/Serializer`),
        {
          access: ACC_PUBLIC,
          name: "write",
          descriptor: `(${L(`${kryo}/Kryo`)}${L(`${kryo}/io/Output`)}${L(OBJECT)})V`,
          body: [{ expr: call(`${kryo}/io/Output`, "writeString", `(${L(STRING)})V`, local(2), [str("v1")]) }],
        },
        {
          access: ACC_PUBLIC,
          name: "read",
          descriptor: `(${L(`${kryo}/Kryo`)}${L(`${kryo}/io/Input`)}${L("java/lang/Class")})${L(OBJECT)}`,
          body: [{ expr: call(`${kryo}/io/Input`, "readString", `()${L(STRING)}`, local(2)) }],
        },
      ],
    });
  }
  const cls = (name: string): Expr => ({ kind: "class", name });
  return {
    poms: [],
    classes,
    stmts: (env) => {
      const config = call(SEE, "getConfig", `()${L(EXECUTION_CONFIG)}`, env);
      if (twoX) {
        const serializerConfig = call(EXECUTION_CONFIG, "getSerializerConfig", `()${L(SERIALIZER_CONFIG)}`, config);
        return [
          { expr: serializerConfig, store: 7 },
          ...types.map((type, i) =>
            i === 0
              ? {
                  expr: call(
                    SERIALIZER_CONFIG,
                    "registerTypeWithKryoSerializer",
                    "(Ljava/lang/Class;Ljava/lang/Class;)V",
                    local(7),
                    [cls(type), cls(`${type}KryoSerializer`)],
                    true,
                  ),
                }
              : {
                  expr: call(
                    SERIALIZER_CONFIG,
                    "registerKryoType",
                    "(Ljava/lang/Class;)V",
                    local(7),
                    [cls(type)],
                    true,
                  ),
                },
          ),
        ];
      }
      return [
        { expr: config, store: 7 },
        ...types.map((type, i) =>
          i === 0
            ? {
                expr: call(
                  EXECUTION_CONFIG,
                  "registerTypeWithKryoSerializer",
                  "(Ljava/lang/Class;Ljava/lang/Class;)V",
                  local(7),
                  [cls(type), cls(`${type}KryoSerializer`)],
                ),
              }
            : { expr: call(EXECUTION_CONFIG, "registerKryoType", "(Ljava/lang/Class;)V", local(7), [cls(type)]) },
        ),
      ];
    },
  };
}

/** The keyed operator every job has; with "rich-open" it overrides open(Configuration) (gone in 2.0). */
function operatorClass(build: CodeBuild, pkg: string): ClassSpec {
  const context = `${KPF}$Context`;
  const methods: MethodSpec[] = [
    defaultConstructor(KPF),
    {
      access: ACC_PUBLIC,
      name: "processElement",
      descriptor: `(${L(OBJECT)}${L(context)}${L("org/apache/flink/util/Collector")})V`,
      body: [
        { expr: call("org/apache/flink/util/Collector", "collect", `(${L(OBJECT)})V`, local(3), [local(1)], true) },
      ],
    },
  ];
  if (build.problems.includes("rich-open")) {
    const configuration = "org/apache/flink/configuration/Configuration";
    methods.push({
      access: ACC_PUBLIC,
      name: "open",
      descriptor: `(${L(configuration)})V`,
      body: [
        { expr: { kind: "call", special: true, ref: ref(KPF, "open", `(${L(configuration)})V`), args: [local(1)] } },
      ],
    });
  }
  return {
    major: build.java,
    access: ACC_PUBLIC | ACC_SUPER,
    name: `${pkg}/EnrichFunction`,
    superName: KPF,
    sourceFile: "EnrichFunction.java",
    methods,
  };
}

function scalaClasses(build: CodeBuild, pkg: string): { classes: ClassSpec[]; main: string } {
  const scalaEnv = "org/apache/flink/streaming/api/scala/StreamExecutionEnvironment";
  const scalaStream = "org/apache/flink/streaming/api/scala/DataStream";
  const moduleClass = `${pkg}/StreamingJob$`;
  const mirror = `${pkg}/StreamingJob`;
  const getModule = (owner: string): Expr => ({ kind: "getstatic", ref: ref(owner, "MODULE$", L(owner)) });
  return {
    main: mirror,
    classes: [
      {
        major: build.java,
        access: ACC_PUBLIC | ACC_FINAL | ACC_SUPER,
        name: moduleClass,
        superName: OBJECT,
        sourceFile: "StreamingJob.scala",
        methods: [
          defaultConstructor(OBJECT),
          {
            access: ACC_PUBLIC,
            name: "main",
            descriptor: `([${L(STRING)})V`,
            body: [
              {
                expr: call(`${scalaEnv}$`, "getExecutionEnvironment", `()${L(scalaEnv)}`, getModule(`${scalaEnv}$`)),
                store: 2,
              },
              {
                expr: call(
                  scalaEnv,
                  "fromSource",
                  `(${L(SOURCE)}${L(WATERMARKS)}${L(STRING)}${L("org/apache/flink/api/common/typeinfo/TypeInformation")})${L(scalaStream)}`,
                  local(2),
                  [
                    { kind: "null" },
                    call(WATERMARKS, "noWatermarks", `()${L(WATERMARKS)}`, undefined, [], true),
                    str("source"),
                  ],
                ),
                store: 3,
              },
              {
                expr: call(
                  scalaStream,
                  "map",
                  `(${L("scala/Function1")}${L("org/apache/flink/api/common/typeinfo/TypeInformation")})${L(scalaStream)}`,
                  local(3),
                ),
              },
              {
                expr: call("scala/Predef$", "println", `(${L(OBJECT)})V`, getModule("scala/Predef$"), [str("started")]),
              },
              { expr: call(scalaEnv, "execute", `(${L(STRING)})${L(JOB_RESULT)}`, local(2), [str(build.app)]) },
            ],
          },
        ],
      },
      {
        major: build.java,
        access: ACC_PUBLIC | ACC_FINAL | ACC_SUPER,
        name: mirror,
        superName: OBJECT,
        sourceFile: "StreamingJob.scala",
        methods: [
          {
            access: ACC_PUBLIC | ACC_STATIC,
            name: "main",
            descriptor: `([${L(STRING)})V`,
            body: [{ expr: call(moduleClass, "main", `([${L(STRING)})V`, getModule(moduleClass), [local(0)]) }],
          },
        ],
      },
      libraryClass(52, "scala/Predef$", "scala/LowPriorityImplicits"),
      libraryInterface(52, "scala/Function1", [
        { access: ACC_PUBLIC | ACC_ABSTRACT, name: "apply", descriptor: `(${L(OBJECT)})${L(OBJECT)}` },
      ]),
    ],
  };
}

export function javaEntries(build: CodeBuild, pkg: string): Zippable {
  const problem = (p: CodeProblem) => build.problems.includes(p);
  const legacy = usesLegacyConnector(build);
  const source = sourceFragment(build, legacy);
  const fragments: Fragment[] = [];
  const nestedFragments: Fragment[] = [];
  // With a nested JAR, the problem's code lives in the inner library; the outer JAR only calls it.
  const problemTarget = build.nested ? nestedFragments : fragments;
  (problem("legacy-connector") ? problemTarget : fragments).push(source);
  if (problem("source-function"))
    problemTarget.push(sourceFunctionFragment(build, build.nested ? commonsPkg(pkg) : pkg));
  if (problem("dataset")) problemTarget.push(datasetFragment(build, build.nested ? commonsPkg(pkg) : pkg));
  if (problem("kryo")) fragments.push(kryoFragment(build));

  const mainName = `${pkg}/StreamingJob`;
  const classes: ClassSpec[] = [operatorClass(build, pkg)];
  let mainClass = mainName;
  if (problem("scala-api")) {
    const scala = scalaClasses(build, pkg);
    classes.push(...scala.classes);
    mainClass = scala.main;
  } else {
    const envSlot = 1;
    const env = local(envSlot);
    const body: Stmt[] = [
      { expr: call(SEE, "getExecutionEnvironment", `()${L(SEE)}`), store: envSlot },
      { expr: call(SEE, "enableCheckpointing", `(J)${L(SEE)}`, env) },
      ...fragments.flatMap((f) => f.stmts(env)),
    ];
    if (nestedFragments.length) {
      body.push({ expr: call(`${commonsPkg(pkg)}/Sources`, "attach", `(${L(SEE)})V`, undefined, [env]) });
    }
    if (!problem("legacy-connector") || !build.nested) {
      // local 2 holds the source stream whenever the source fragment ran in main
      body.push({
        expr: call(
          KEYED_STREAM,
          "process",
          `(${L(KPF)})${L(SOSO)}`,
          call(
            DATA_STREAM,
            "keyBy",
            `(${L("org/apache/flink/api/java/functions/KeySelector")})${L(KEYED_STREAM)}`,
            local(2),
          ),
          [newObject(`${pkg}/EnrichFunction`, "()V")],
        ),
      });
    }
    body.push({ expr: call(SEE, "execute", `(${L(STRING)})${L(JOB_RESULT)}`, env, [str(build.app)]) });
    classes.push({
      major: build.java,
      access: ACC_PUBLIC | ACC_SUPER,
      name: mainName,
      superName: OBJECT,
      sourceFile: "StreamingJob.java",
      methods: [
        defaultConstructor(OBJECT),
        { access: ACC_PUBLIC | ACC_STATIC, name: "main", descriptor: `([${L(STRING)})V`, body },
      ],
    });
  }
  for (const f of fragments) classes.push(...f.classes);

  const version = appVersionOf(build);
  const entries: Zippable = {
    "META-INF/MANIFEST.MF": manifest({
      "Created-By": "Maven JAR Plugin 3.4.1",
      "Build-Jdk-Spec": build.java === 61 ? "17" : build.java === 55 ? "11" : "1.8",
      "Implementation-Title": build.app,
      "Implementation-Version": version,
      "Main-Class": mainClass.replace(/\//g, "."),
    }),
    [`META-INF/maven/com.example/${build.app}/pom.properties`]: pomProperties({
      groupId: "com.example",
      artifactId: build.app,
      version,
    }),
  };
  for (const f of fragments) {
    for (const pom of f.poms)
      entries[`META-INF/maven/${pom.groupId}/${pom.artifactId}/pom.properties`] = pomProperties(pom);
  }
  if (problem("scala-api")) {
    entries["library.properties"] = strToU8("version.number=2.12.7\nmaven.version.number=2.12.7\n");
    entries["META-INF/maven/org.scala-lang/scala-library/pom.properties"] = pomProperties({
      groupId: "org.scala-lang",
      artifactId: "scala-library",
      version: "2.12.7",
    });
  }
  for (const spec of classes) entries[`${spec.name}.class`] = classBytes(spec);
  if (build.nested && nestedFragments.length) {
    entries[build.nested] = [nestedJar(build, pkg, nestedFragments), { level: 0 }];
  }
  return entries;
}

const commonsPkg = (pkg: string) => `${pkg}/commons`;

/** A shaded in-house library carrying the problem: `Sources.attach(env)` runs the fragments. */
function nestedJar(build: CodeBuild, pkg: string, fragments: Fragment[]): Uint8Array {
  const sources = `${commonsPkg(pkg)}/Sources`;
  const env = local(0);
  const classes: ClassSpec[] = [
    {
      major: build.java,
      access: ACC_PUBLIC | ACC_FINAL | ACC_SUPER,
      name: sources,
      superName: OBJECT,
      sourceFile: "Sources.java",
      methods: [
        {
          access: ACC_PUBLIC | ACC_STATIC,
          name: "attach",
          descriptor: `(${L(SEE)})V`,
          body: fragments.flatMap((f) => f.stmts(env)),
        },
      ],
    },
    ...fragments.flatMap((f) => f.classes),
  ];
  const artifactId = `${build.app}-commons`;
  const entries: Zippable = {
    "META-INF/MANIFEST.MF": manifest({ "Created-By": "Maven JAR Plugin 3.2.0", "Implementation-Title": artifactId }),
    [`META-INF/maven/com.example/${artifactId}/pom.properties`]: pomProperties({
      groupId: "com.example",
      artifactId,
      version: "2.3.1",
    }),
  };
  for (const f of fragments) {
    for (const pom of f.poms)
      entries[`META-INF/maven/${pom.groupId}/${pom.artifactId}/pom.properties`] = pomProperties(pom);
  }
  for (const spec of classes) entries[`${spec.name}.class`] = classBytes(spec);
  return zipSync(entries, ZIP_OPTIONS);
}

/** Library stand-ins are the same in every JAR: write them once. */
export function classBytes(spec: ClassSpec): Uint8Array {
  if (spec.name.startsWith("com/example/")) return writeClass(spec);
  return cached(`class:${spec.major}:${spec.name}:${spec.superName}`, () => writeClass(spec));
}
