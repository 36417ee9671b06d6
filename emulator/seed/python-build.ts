// PyFlink builds: main.py (imports pyflink.datastream / pyflink.table), requirements.txt (apache-flink==x.y.0),
// .python-version and lib/connectors.jar (the SQL connector the job's DDL or DataStream source needs).
import { strToU8, zipSync, type Zippable } from "fflate";
import type { RuntimeEnvironment } from "../core/types";
import { runtimeLabel } from "./base-config";
import {
  ZIP_OPTIONS,
  appVersionOf,
  cached,
  connectorFor,
  flinkVersionText,
  is2x,
  manifest,
  minorOf,
  pomProperties,
  usesLegacyConnector,
  type CodeBuild,
  type CodeProblem,
  type Connector,
} from "./artifact-common";
import { classBytes, sourceFragment } from "./java-build";

/** Python version of the MSF runtime (AWS docs: 1.20 = 3.11, 2.2 = 3.12; 1.13/1.15 = 3.8, 1.18 = 3.10). */
export function pythonVersionOf(runtime: RuntimeEnvironment): string {
  if (is2x(runtime)) return "3.12";
  const minor = minorOf(runtime);
  return minor >= 19 ? "3.11" : minor >= 18 ? "3.10" : "3.8";
}

function sqlConnectorFor(build: CodeBuild, legacy: boolean): Connector {
  const c = connectorFor(build, legacy);
  return { ...c, artifactId: c.artifactId.replace("flink-connector-", "flink-sql-connector-") };
}

function connectorsJar(build: CodeBuild, legacy: boolean): Uint8Array {
  const connector = sqlConnectorFor(build, legacy);
  return cached(`connectors:${connector.artifactId}:${connector.version}:${build.source.kind}:${legacy}`, () => {
    const fragment = sourceFragment(build, legacy);
    const entries: Zippable = {
      "META-INF/MANIFEST.MF": manifest({
        "Created-By": "Maven JAR Plugin 3.2.0",
        "Implementation-Version": connector.version,
      }),
      [`META-INF/maven/${connector.groupId}/${connector.artifactId}/pom.properties`]: pomProperties(connector),
    };
    for (const spec of fragment.classes) entries[`${spec.name}.class`] = classBytes(spec);
    return zipSync(entries, ZIP_OPTIONS);
  });
}

function mainPy(build: CodeBuild, legacy: boolean): string {
  const problem = (p: CodeProblem) => build.problems.includes(p);
  const source = build.source;
  const lines = [
    `# ${build.app}: PyFlink job for Amazon Managed Service for Apache Flink ${runtimeLabel(build.runtime)} (build ${appVersionOf(build)})`,
    "import json",
    "import os",
    "",
    "from pyflink.common import Types",
    "from pyflink.datastream import StreamExecutionEnvironment",
    "from pyflink.table import EnvironmentSettings, StreamTableEnvironment",
  ];
  if (problem("legacy-connector")) {
    lines.push(
      source.kind === "kinesis"
        ? "from pyflink.datastream.connectors.kinesis import FlinkKinesisConsumer"
        : "from pyflink.datastream.connectors.kafka import FlinkKafkaConsumer",
      "from pyflink.common.serialization import SimpleStringSchema",
    );
  }
  lines.push(
    "",
    'APPLICATION_PROPERTIES_FILE_PATH = "/etc/flink/application_properties.json"',
    "",
    "",
    "def get_application_properties():",
    "    if os.path.isfile(APPLICATION_PROPERTIES_FILE_PATH):",
    '        with open(APPLICATION_PROPERTIES_FILE_PATH, "r") as file:',
    "            return json.loads(file.read())",
    "    return []",
    "",
    "",
    "def main():",
    "    env = StreamExecutionEnvironment.get_execution_environment()",
    "    t_env = StreamTableEnvironment.create(env, environment_settings=EnvironmentSettings.in_streaming_mode())",
  );
  if (problem("kryo")) {
    const [first, ...rest] = build.kryoTypes;
    if (is2x(build.runtime)) {
      const entries = build.kryoTypes
        .map((t) =>
          t === first ? `${t}: {type: kryo, kryo-type: registered, class: ${t}KryoSerializer}` : `${t}: {type: kryo}`,
        )
        .join(", ");
      lines.push(`    t_env.get_config().set("pipeline.serialization-config", "[${entries}]")`);
    } else if (first) {
      lines.push(`    env.register_type_with_kryo_serializer("${first}", "${first}KryoSerializer")`);
      for (const t of rest) lines.push(`    env.register_type("${t}")`);
    }
  }
  if (problem("legacy-connector")) {
    lines.push("    properties = {}");
    lines.push(
      source.kind === "kinesis"
        ? `    stream = env.add_source(FlinkKinesisConsumer("${source.streamName}", SimpleStringSchema(), properties))`
        : `    stream = env.add_source(FlinkKafkaConsumer("${source.topic}", SimpleStringSchema(), properties))`,
    );
    lines.push("    stream.map(lambda value: value.upper(), output_type=Types.STRING()).print()");
    lines.push(`    env.execute("${build.app}")`);
  } else {
    const withClause =
      source.kind === "kinesis"
        ? legacy
          ? `'connector' = 'kinesis', 'stream' = '${source.streamName}', 'aws.region' = 'us-east-1', 'scan.stream.initpos' = 'LATEST', 'format' = 'json'`
          : `'connector' = 'kinesis', 'stream.arn' = 'arn:aws:kinesis:us-east-1:123456789012:stream/${source.streamName}', 'aws.region' = 'us-east-1', 'source.init.position' = 'LATEST', 'format' = 'json'`
        : `'connector' = 'kafka', 'topic' = '${source.topic}', 'properties.bootstrap.servers' = 'b-1.msk.kafka.us-east-1.amazonaws.com:9098', 'scan.startup.mode' = 'latest-offset', 'format' = 'json'`;
    lines.push(
      '    t_env.execute_sql("""',
      "        CREATE TABLE input_events (event_id STRING, payload STRING, event_time TIMESTAMP(3))",
      `        WITH (${withClause})`,
      '    """)',
      '    t_env.execute_sql("""',
      "        CREATE TABLE output_events (event_id STRING, payload STRING) WITH ('connector' = 'print')",
      '    """)',
      '    t_env.execute_sql("INSERT INTO output_events SELECT event_id, UPPER(payload) FROM input_events")',
    );
  }
  lines.push("", "", 'if __name__ == "__main__":', "    main()", "");
  return lines.join("\n");
}

export function pythonEntries(build: CodeBuild): Zippable {
  const legacy = usesLegacyConnector(build);
  return {
    "main.py": strToU8(mainPy(build, legacy)),
    "requirements.txt": strToU8(`apache-flink==${flinkVersionText(build.runtime)}\nboto3==1.35.0\n`),
    ".python-version": strToU8(`${pythonVersionOf(build.runtime)}\n`),
    "lib/connectors.jar": [connectorsJar(build, legacy), { level: 0 }],
  };
}
