// What the runtime properties (EnvironmentPropertyDescriptions.PropertyGroupDescriptions) tell us
// about an application. MSF does not expose the language or the connectors, so these are
// heuristics over the conventions of the AWS samples; each returns a human-readable hint
// ("consumer.config.0: input.stream.name=orders") or null.

export interface PropertyGroupFact {
  id: string;
  properties: Record<string, string>;
}

/** PyFlink apps name their entry point in this group (aws-samples, Terraform examples; msf-api.md §10.1). */
export const PYTHON_RUN_OPTIONS_GROUP = "kinesis.analytics.flink.run.options";

// Sinks also have stream names ("output.stream.name", group "OutputStream0", "producer.config.0").
const SINK_LIKE = /output|sink|producer|destination/i;
// Kafka/MSK sources sometimes use "stream" words too; a topic or bootstrap server says Kafka.
const KAFKA_LIKE = /topic|kafka|bootstrap/i;
const KINESIS_STREAM_ARN = /^arn:aws[\w-]*:kinesis:[^:]*:\d*:stream\//;
// FlinkKinesisConsumer: flink.stream.recordpublisher; KinesisStreamsSource 5.x/6.x:
// source.reader.type; some samples: RecordPublisherType. The value EFO selects Enhanced Fan-Out.
const RECORD_PUBLISHER_KEY = /(^|\.)(recordpublisher(type)?|reader\.type)$/i;

function hint(group: PropertyGroupFact, key: string, value: string): string {
  return `${group.id}: ${key}=${value}`;
}

function sourceGroups(groups: PropertyGroupFact[]): PropertyGroupFact[] {
  return groups.filter((group) => !SINK_LIKE.test(group.id) && group.id !== PYTHON_RUN_OPTIONS_GROUP);
}

/** PyFlink: the run-options group carries a `python` key (the main .py file). */
export function detectPython(groups: PropertyGroupFact[]): string | null {
  const group = groups.find((candidate) => candidate.id === PYTHON_RUN_OPTIONS_GROUP);
  const script = group?.properties["python"];
  return group && script !== undefined ? hint(group, "python", script) : null;
}

/**
 * A Kinesis source is assumed when a non-sink group has
 * - a FlinkKinesisConsumer key (`flink.stream.*`, e.g. flink.stream.initpos), or
 * - a stream-ish key (`input.stream.name`, `stream.name`, `stream.arn`, `InputStreamName`) that is not
 *   an output or Kafka key, or
 * - a Kinesis stream ARN as a value.
 * `aws.region` alone proves nothing (Kafka apps set it too), so it is not a signal by itself.
 */
export function detectKinesisSource(groups: PropertyGroupFact[]): string | null {
  for (const group of sourceGroups(groups)) {
    for (const [key, value] of Object.entries(group.properties)) {
      if (SINK_LIKE.test(key) || KAFKA_LIKE.test(key)) continue;
      const isConsumerKey = key.toLowerCase().startsWith("flink.stream.");
      const isStreamKey = /stream/i.test(key);
      if (isConsumerKey || isStreamKey || KINESIS_STREAM_ARN.test(value)) return hint(group, key, value);
    }
  }
  return null;
}

/** Enhanced Fan-Out: a record-publisher / reader-type key set to `EFO` in a non-sink group. */
export function detectEfo(groups: PropertyGroupFact[]): string | null {
  for (const group of sourceGroups(groups)) {
    for (const [key, value] of Object.entries(group.properties)) {
      if (RECORD_PUBLISHER_KEY.test(key) && value.trim().toUpperCase() === "EFO") {
        return hint(group, key, value);
      }
    }
  }
  return null;
}
