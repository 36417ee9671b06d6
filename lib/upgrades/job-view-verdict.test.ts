import { describe, expect, it } from "vitest";
import { defaultHealthPolicy } from "./health";
import type { JobView } from "./job-view";
import { jobViewEvidence } from "./job-view-verdict";

const runningAt = new Date(Date.UTC(2026, 10, 28, 12, 0, 0));
const at = (s: number) => new Date(runningAt.getTime() + s * 1000);
const failure = (s: number) => ({
  at: at(s),
  exceptionClass: "com.esotericsoftware.kryo.KryoException",
  message: "x",
  stack: null,
});
const view = (state: string, failureTimes: number[], checkpointFailureTimes: number[] = []): JobView => ({
  jobId: "j1",
  state,
  startedAt: runningAt,
  failures: failureTimes.map(failure),
  failedCheckpoints: checkpointFailureTimes.length,
  checkpointFailures: checkpointFailureTimes.map(at),
  flinkVersion: "2.2.0",
});
const judge = (
  v: JobView,
  nowS: number,
  previousState?: string,
  pauses = [] as { status: string; from: Date; to: Date }[],
) =>
  jobViewEvidence({
    view: v,
    source: "job view",
    previousState,
    runningAt,
    now: at(nowS),
    policy: defaultHealthPolicy,
    pauses,
    marginMs: 5_000,
  });

describe("the job view's verdict", () => {
  it("calls a loop UNHEALTHY within seconds: restarts in the window at the threshold", () => {
    const result = judge(view("RESTARTING", [6, 16]), 20);
    expect(result.unhealthy).toBe(true);
    expect(result.evidence.observation).toBe(
      "job view: 2 restarts in the last 20 s (threshold 2); the job is RESTARTING",
    );
  });

  it("does not count failures of the old job, nor one restart", () => {
    expect(judge(view("RUNNING", [-30, -20, 6]), 20).unhealthy).toBe(false);
    expect(judge(view("RUNNING", [-30, -20, 6]), 20).evidence.severity).toBe("degraded");
  });

  it("calls a job RESTARTING or FAILING on two polls in a row UNHEALTHY", () => {
    expect(judge(view("RESTARTING", []), 20, "RUNNING").unhealthy).toBe(false);
    expect(judge(view("FAILING", []), 30, "RESTARTING").unhealthy).toBe(true);
  });

  it("leaves out restarts MSF caused during MAINTENANCE", () => {
    const pauses = [{ status: "MAINTENANCE", from: at(50), to: at(70) }];
    expect(judge(view("RUNNING", [10, 60]), 80).unhealthy).toBe(true);
    expect(judge(view("RUNNING", [10, 60]), 80, "RUNNING", pauses).unhealthy).toBe(false);
  });

  it("calls checkpoints failing while the job keeps running UNHEALTHY, as the metric rule would", () => {
    const result = judge(view("RUNNING", [], [130, 190]), 200);
    expect(result.unhealthy).toBe(true);
    expect(result.evidence.observation).toBe(
      "job view: 2 failed checkpoints in the last 3 min 20 s (threshold 2) while the job is RUNNING",
    );
    expect(judge(view("RUNNING", [], [190]), 200).evidence).toMatchObject({ severity: "degraded" });
  });

  it("does not count the checkpoint a restart aborts as checkpoint trouble", () => {
    const result = judge(view("RUNNING", [100], [100, 103]), 200);
    expect(result.unhealthy).toBe(false);
    expect(result.evidence.observation).toBe("job view: RUNNING, 1 restart in the last 3 min 20 s");
  });

  it("says when the evidence comes from the job's log", () => {
    const fromLogs = jobViewEvidence({
      view: view("RESTARTING", [6, 16]),
      source: "logs",
      previousState: undefined,
      runningAt,
      now: at(20),
      policy: defaultHealthPolicy,
      pauses: [],
      marginMs: 5_000,
    });
    expect(fromLogs.evidence).toMatchObject({ signal: "logs", metric: "CloudWatch Logs" });
    expect(fromLogs.evidence.observation).toMatch(/^job log: 2 restarts/);
  });
});
