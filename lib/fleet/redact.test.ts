import type { ApplicationDetail } from "@aws-sdk/client-kinesis-analytics-v2";
import { describe, expect, it } from "vitest";
import { factsFromApplicationDetail } from "@/lib/risk";
import { redactedValue, redactProperties } from "./redact";

const detail = (groups: Record<string, Record<string, string>>): ApplicationDetail =>
  ({
    ApplicationName: "a",
    RuntimeEnvironment: "FLINK-1_20",
    ApplicationConfigurationDescription: {
      EnvironmentPropertyDescriptions: {
        PropertyGroupDescriptions: Object.entries(groups).map(([id, map]) => ({
          PropertyGroupId: id,
          PropertyMap: map,
        })),
      },
    },
  }) as ApplicationDetail;

const mapsOf = (d: ApplicationDetail) =>
  d.ApplicationConfigurationDescription!.EnvironmentPropertyDescriptions!.PropertyGroupDescriptions!.map(
    (g) => g.PropertyMap,
  );

describe("property redaction", () => {
  it("keeps every key, and only the values the dashboard reads", () => {
    const redacted = redactProperties(
      detail({
        ConsumerConfigProperties: {
          "input.stream.name": "orders",
          "flink.stream.recordpublisher": "EFO",
          "aws.region": "us-east-1",
          "db.password": "hunter2",
          "api.token": "t0k3n",
          "sasl.jaas.config": 'org.apache.kafka...password="x"',
          "enrichment.url": "https://user:pw@internal.example/api",
        },
        KafkaSource: { "bootstrap.servers": "b-1.msk:9098", topic: "clicks", "ssl.key.password": "x" },
      }),
    );
    expect(mapsOf(redacted)).toEqual([
      {
        "input.stream.name": "orders",
        "flink.stream.recordpublisher": "EFO",
        "aws.region": "us-east-1",
        "db.password": redactedValue,
        "api.token": redactedValue,
        "sasl.jaas.config": redactedValue,
        "enrichment.url": redactedValue,
      },
      { "bootstrap.servers": "b-1.msk:9098", topic: "clicks", "ssl.key.password": redactedValue },
    ]);
  });

  it("leaves the risk model's facts as they were (its heuristics read only shown values)", () => {
    const original = detail({
      ConsumerConfigProperties: { "input.stream.name": "orders", "flink.stream.recordpublisher": "EFO", secret: "s" },
      "kinesis.analytics.flink.run.options": { python: "main.py", jarfile: "lib/connectors.jar" },
    });
    const extras = { region: "us-east-1", tags: {}, snapshots: [] };
    expect(factsFromApplicationDetail(redactProperties(original), extras)).toEqual(
      factsFromApplicationDetail(original, extras),
    );
  });
});
