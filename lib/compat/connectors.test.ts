import { describe, expect, it } from "vitest";
import { assessArtifact, compareVersions, splitConnectorVersion } from "./connectors";

const flink = (artifactId: string, version: string) => ({ groupId: "org.apache.flink", artifactId, version });

describe("splitConnectorVersion", () => {
  it.each([
    ["5.0.0-1.20", { release: "5.0.0", flink: "1.20" }],
    ["4.0.0-2.0", { release: "4.0.0", flink: "2.0" }],
    ["3.2.0-1.19-SNAPSHOT", { release: "3.2.0", flink: "1.19" }],
    ["1.20.0", { release: "1.20.0", flink: null }],
  ])("%s", (version, expected) => {
    expect(splitConnectorVersion(version)).toEqual(expected);
  });
});

describe("compareVersions", () => {
  it("compares numerically, part by part", () => {
    expect(compareVersions("5.0.0", "6.0.0")).toBeLessThan(0);
    expect(compareVersions("6.0", "6.0.0")).toBe(0);
    expect(compareVersions("10.1.0", "9.9.9")).toBeGreaterThan(0);
  });
});

describe("assessArtifact for Flink 2.2", () => {
  it.each([
    ["flink-connector-kafka", "4.0.0-2.0"],
    ["flink-connector-aws-kinesis-streams", "6.0.0-2.0"],
    ["flink-connector-dynamodb", "6.0.0-2.0"],
    ["flink-connector-base", "1.20.0"],
  ])("%s %s runs", (artifactId, version) => {
    expect(assessArtifact(flink(artifactId, version))).toEqual({ kind: "ok" });
  });

  it.each([
    ["flink-connector-kafka", "3.4.0-1.20", /needs 4\.0\.0 or later/],
    ["flink-connector-aws-kinesis-streams", "5.1.0-1.20", /needs 6\.0\.0 or later/],
    ["flink-connector-sqs", "5.1.0-1.20", /needs 6\.0\.0 or later/],
    ["flink-connector-kinesis", "5.0.0-1.20", /no release of flink-connector-kinesis runs on Flink 2\.x/],
    ["flink-connector-jdbc", "3.3.0-1.20", /no release of flink-connector-jdbc runs on Flink 2\.x/],
    ["flink-connector-opensearch", "1.2.0-1.19", /no release/],
    ["flink-connector-prometheus", "1.0.0-1.20", /no release/],
    ["flink-connector-pulsar", "4.1.0-1.18", /built for Flink 1\.18/],
  ])("%s %s breaks", (artifactId, version, evidence) => {
    const verdict = assessArtifact(flink(artifactId, version));
    expect(verdict.kind).toBe("breaks");
    if (verdict.kind === "breaks") expect(verdict.evidence).toMatch(evidence);
  });

  it("names the replacement and the 1.x step for the legacy Kinesis connector", () => {
    const verdict = assessArtifact(flink("flink-connector-kinesis", "4.3.0-1.19"));
    expect(verdict).toMatchObject({
      kind: "breaks",
      remediation: expect.stringMatching(
        /^On 1\.x first move to KinesisStreamsSource .* Replace it with flink-connector-aws-kinesis-streams 6\.0\.0-2\.0\.$/,
      ),
    });
  });

  it("calls out Flink's own runtime bundled in the JAR", () => {
    expect(assessArtifact(flink("flink-streaming-java", "1.20.0"))).toEqual({
      kind: "bundled-runtime",
      evidence: "flink-streaming-java 1.20.0 bundled in the JAR",
    });
  });

  it("leaves other groups alone", () => {
    expect(
      assessArtifact({ groupId: "com.example", artifactId: "flink-connector-kafka", version: "1.0-1.15" }),
    ).toEqual({
      kind: "ok",
    });
  });
});
