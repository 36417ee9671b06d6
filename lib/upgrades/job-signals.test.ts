import { describe, expect, it } from "vitest";
import { driveRun, isDone } from "@/tests/support/upgrade-driver";
import { upgradeSuite } from "@/tests/support/upgrade-suite";

// The fast signals against their faults, through the real SDK and the emulator: when the Flink dashboard cannot be
// had the job's log decides, when neither can be had CloudWatch does, and every gap is said once in the run.
const region = "eu-west-1";
const app = "shipment-eta-predictor";
const suite = upgradeSuite(region, { JOB_VIEW: "on", AWS_REQUEST_TIMEOUT_MS: "1000" });

async function endedLoop(runId: string) {
  const run = await driveRun(runId, isDone);
  const events = (await suite.db.upgradeEvent.findMany({ where: { runId }, orderBy: { id: "asc" } })).map(
    (e) => e.message,
  );
  const detail = JSON.parse(run.verdictDetail ?? "{}") as { decidedBy?: string };
  const cause = run.rootCause ? (JSON.parse(run.rootCause) as { source: string; faultClass: string }) : null;
  return { run, events, decidedBy: detail.decidedBy, cause };
}

describe("the job view's faults fall back to the job's log", () => {
  it("a dashboard that answers an HTML sign-in page: the log decides the loop and names the root cause", async () => {
    await suite.env.emulator.control.setFaults({ service: "flink", html: true });
    const runId = await suite.start(app, "state-incompatible");
    const { run, events, decidedBy, cause } = await endedLoop(runId);
    expect(run.outcome).toBe("ROLLED_BACK");
    expect(decidedBy).toBe("logs");
    expect(cause).toMatchObject({ source: "logs", faultClass: "state-incompatibility" });
    const unavailable = events.filter((m) =>
      /^job view unavailable: .*text\/html.*reading the job's log instead/.test(m),
    );
    expect(unavailable).toHaveLength(1);
  });

  it("a dashboard slower than the request timeout: said once, the log decides", async () => {
    await suite.env.emulator.control.setFaults({ service: "flink", latencyMs: 3_000 });
    const runId = await suite.start(app, "state-incompatible");
    const { run, events, decidedBy } = await endedLoop(runId);
    expect(run.outcome).toBe("ROLLED_BACK");
    expect(decidedBy).toBe("logs");
    expect(
      events.filter((m) => /^job view unavailable: the Flink dashboard did not answer in time/.test(m)),
    ).toHaveLength(1);
  });

  it("no permission for CreateApplicationPresignedUrl: said once, the log decides", async () => {
    await suite.env.emulator.control.setFaults({
      service: "kinesisanalytics",
      operation: "CreateApplicationPresignedUrl",
      deny: true,
    });
    const runId = await suite.start(app, "state-incompatible");
    const { decidedBy, events } = await endedLoop(runId);
    expect(decidedBy).toBe("logs");
    expect(
      events.filter((m) =>
        /^job view unavailable: no permission for kinesisanalytics:CreateApplicationPresignedUrl/.test(m),
      ),
    ).toHaveLength(1);
  });

  it("neither the dashboard nor the logs: CloudWatch alone decides, and the run says both, once", async () => {
    await suite.env.emulator.control.setFaults({ service: "flink", html: true });
    await suite.env.emulator.control.setFaults({ service: "logs", deny: true });
    const runId = await suite.start(app, "state-incompatible");
    const { run, events, decidedBy, cause } = await endedLoop(runId);
    expect(run.outcome).toBe("ROLLED_BACK");
    expect(decidedBy).toBe("CloudWatch");
    expect(cause).toBeNull();
    expect(
      events.filter((m) => /^logs unavailable: no permission for logs:FilterLogEvents; CloudWatch alone/.test(m)),
    ).toHaveLength(1);
    expect(events.some((m) => /^no root cause from the logs: no permission for logs:FilterLogEvents/.test(m))).toBe(
      true,
    );
  });
});

describe("the root cause from the logs", () => {
  it("a binary-incompatible update that MSF rolled back itself is named from the crashing job's log", async () => {
    const runId = await suite.start("billing-events-py", "binary-incompatible");
    const { run, cause } = await endedLoop(runId);
    expect(run.outcome).toBe("AUTO_ROLLED_BACK");
    expect(cause).toMatchObject({ source: "logs", faultClass: "binary-incompatibility" });
    expect(run.faultClass).toBe("binary-incompatibility");
  });

  it("checkpoints that fail while the job runs: decided by the job view, named by the first failed checkpoint", async () => {
    const runId = await suite.start(app, "late-failure");
    const { run, decidedBy, cause } = await endedLoop(runId);
    expect(run.outcome).toBe("ROLLED_BACK");
    expect(decidedBy).toBe("job view");
    expect(cause).toMatchObject({ source: "logs" });
    expect(JSON.parse(run.rootCause!).firstLine).toMatch(/Checkpoint expired before completing/);
  });
});
