import { describe, expect, it } from "vitest";
import { pickDimensions } from "./dimensions";

const application = { Name: "Application", Value: "orders" };
const documented = [application];

describe("pickDimensions", () => {
  it("falls back to the documented set when ListMetrics lists nothing for the metric", () => {
    expect(pickDimensions(undefined, "runningTime", documented)).toEqual(documented);
    expect(pickDimensions(new Map([["uptime", [documented]]]), "runningTime", documented)).toEqual(documented);
  });

  it("takes the listed set with the extra Flow dimension when that is how the metric is published", () => {
    const flow = [application, { Name: "Flow", Value: "Job" }];
    expect(pickDimensions(new Map([["runningTime", [flow]]]), "runningTime", documented)).toEqual(flow);
  });

  it("prefers exactly the documented set when it is listed among others", () => {
    const task = [application, { Name: "Task", Value: "Source" }];
    const sets = new Map([["cpuUtilization", [task, [application]]]]);
    expect(pickDimensions(sets, "cpuUtilization", documented)).toEqual(documented);
  });

  it("takes the smallest listed set that contains the documented one, ignoring other applications' streams", () => {
    const kinesis = [{ Name: "Id", Value: "in" }, application, { Name: "Flow", Value: "Input" }];
    const otherStream = [{ Name: "Id", Value: "other" }, application, { Name: "Flow", Value: "Input" }];
    const perShard = [...kinesis, { Name: "ShardId", Value: "0001" }];
    const sets = new Map([["millisBehindLatest", [perShard, otherStream, kinesis]]]);
    expect(pickDimensions(sets, "millisBehindLatest", kinesis)).toEqual(kinesis);
    expect(pickDimensions(new Map([["millisBehindLatest", [perShard]]]), "millisBehindLatest", kinesis)).toEqual(
      perShard,
    );
  });
});
