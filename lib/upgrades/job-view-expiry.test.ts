import { describe, expect, it } from "vitest";
import { driveRun, isDone } from "@/tests/support/upgrade-driver";
import { upgradeSuite } from "@/tests/support/upgrade-suite";

// Presigned URLs that are already expired when first used (the 3-minute first-use window shrunk to nothing): the
// dashboard refuses every one with 403, the run says so once, asks for fresh URLs, and the job's log decides.
const region = "eu-west-1";
const suite = upgradeSuite(region, { JOB_VIEW: "on" }, { presignedUrlFirstUseMs: 0 });

describe("an expired presigned URL", () => {
  it("is replaced, said once when refused again, and the log decides; no URL or token lands in the events", async () => {
    const runId = await suite.start("shipment-eta-predictor", "state-incompatible");
    const run = await driveRun(runId, isDone);
    expect(run.outcome).toBe("ROLLED_BACK");
    expect(JSON.parse(run.verdictDetail!).decidedBy).toBe("logs");
    const events = (await suite.db.upgradeEvent.findMany({ where: { runId } })).map((e) => e.message);
    expect(
      events.filter((m) => m.startsWith("job view unavailable: the Flink dashboard refused the presigned URL")),
    ).toHaveLength(1);
    const urls = (await suite.env.emulator.control.calls()).filter(
      (c) => c.operation === "CreateApplicationPresignedUrl",
    );
    // A refused URL is replaced once per poll: at least two per poll that tried.
    expect(urls.reduce((n, c) => n + c.count, 0)).toBeGreaterThanOrEqual(2);
    const stored =
      JSON.stringify(await suite.db.upgradeRun.findUniqueOrThrow({ where: { id: runId } })) + events.join("\n");
    expect(stored).not.toMatch(/authToken|flinkdashboard/i);
  });
});
