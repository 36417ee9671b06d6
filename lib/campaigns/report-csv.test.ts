import { describe, expect, it } from "vitest";
import type { CampaignView, StageView, TargetView } from "./queries";
import { campaignCsvFileName, campaignCsvHeaders, campaignReportCsv } from "./report-csv";

function target(over: Partial<TargetView>): TargetView {
  return {
    account: "123456789012",
    region: "us-east-1",
    appName: "orders-enricher",
    stage: 0,
    position: 0,
    riskLevel: "medium",
    riskScore: 40,
    codeKey: "orders-enricher-flink-2.2.jar",
    fromRuntime: "FLINK-1_20",
    state: "SUCCEEDED",
    runId: "run-1",
    step: null,
    runState: null,
    outcome: "SUCCEEDED",
    note: "SUCCEEDED",
    startedAt: "2026-12-05T10:00:00.000Z",
    finishedAt: "2026-12-05T10:01:30.000Z",
    ...over,
  };
}

function stage(index: number, name: string, targets: TargetView[]): StageView {
  return {
    name,
    selector: [],
    apps: targets.length,
    concurrency: 1,
    allowedFailures: 0,
    soakMinutes: 0,
    gate: false,
    estimatedMs: 0,
    index,
    record: null,
    counts: {},
    failures: 0,
    inFlight: 0,
    targets,
  };
}

const view: CampaignView = {
  id: "c1",
  name: "Dev, first",
  targetRuntime: "FLINK-2_2",
  state: "DONE",
  outcome: "STOPPED",
  stage: 0,
  stagePhase: "RUNNING",
  soakUntil: null,
  waitingFor: null,
  stoppedReason: null,
  cancelMode: "finish",
  createdBy: "ana@example.com",
  createdAt: "2026-12-05T09:59:00.000Z",
  approvedBy: null,
  startedAt: "2026-12-05T10:00:00.000Z",
  finishedAt: "2026-12-05T10:05:00.000Z",
  needsApproval: false,
  estimatedMs: 0,
  etaMs: null,
  stages: [
    stage(0, "dev", [
      target({}),
      target({
        appName: "=cmd|' /C calc'!A0",
        runId: "run-2",
        state: "FAILED",
        outcome: "AUTO_ROLLED_BACK",
        note: 'restore failed: "Kryo", state',
      }),
    ]),
    stage(1, "prod", [
      target({
        appName: "billing",
        stage: 1,
        state: "CANCELLED",
        runId: null,
        startedAt: null,
        finishedAt: null,
        outcome: null,
        note: null,
      }),
    ]),
  ],
  skipped: [
    target({
      appName: "analytics-studio",
      stage: -1,
      state: "SKIPPED",
      riskLevel: "",
      fromRuntime: "ZEPPELIN-FLINK-3_0",
      runId: null,
      outcome: null,
      startedAt: null,
      finishedAt: null,
      codeKey: null,
      note: "Studio notebook: upgraded from the Studio console, not by a campaign",
    }),
  ],
};

const report = {
  rolledBack: [
    {
      account: "123456789012",
      region: "us-east-1",
      appName: "=cmd|' /C calc'!A0",
      runId: "run-2",
      outcome: "AUTO_ROLLED_BACK",
      faultClass: "state-incompatible",
      rootCause: "com.esotericsoftware.kryo.KryoException: Unable to find class",
    },
  ],
};

describe("campaignReportCsv", () => {
  const csv = campaignReportCsv(view, report);
  const lines = csv.split("\r\n");

  it("has the header, one CRLF row per application (waves first, then skipped), and ends with CRLF", () => {
    expect(lines[0]).toBe(campaignCsvHeaders.join(","));
    expect(lines).toHaveLength(1 + 4 + 1);
    expect(lines.at(-1)).toBe("");
    expect(csv.endsWith("\r\n")).toBe(true);
  });

  it("writes a succeeded application with its wave, runtimes, times and duration", () => {
    expect(lines[1]).toBe(
      [
        "c1",
        '"Dev, first"',
        "1",
        "dev",
        "orders-enricher",
        "123456789012",
        "us-east-1",
        "medium",
        "FLINK-1_20",
        "FLINK-2_2",
        "orders-enricher-flink-2.2.jar",
        "SUCCEEDED",
        "SUCCEEDED",
        "run-1",
        "2026-12-05T10:00:00.000Z",
        "2026-12-05T10:01:30.000Z",
        "90",
        "",
        "",
        "SUCCEEDED",
      ].join(","),
    );
  });

  it("guards formula-looking text, quotes quotes and commas, and joins the root cause by run", () => {
    expect(lines[2]).toContain(`'=cmd|' /C calc'!A0`);
    expect(lines[2]).toContain("state-incompatible,com.esotericsoftware.kryo.KryoException: Unable to find class");
    expect(lines[2]).toContain('"restore failed: ""Kryo"", state"');
  });

  it("leaves unknown values empty and marks skipped applications without a wave or target", () => {
    expect(lines[3]).toContain("2,prod,billing");
    expect(lines[3]).toMatch(/,CANCELLED,,,,,,,,$/);
    expect(lines[4]).toMatch(
      /^c1,"Dev, first",,skipped,analytics-studio,123456789012,us-east-1,,ZEPPELIN-FLINK-3_0,,,SKIPPED,/,
    );
    expect(lines[4]).toContain("Studio notebook: upgraded from the Studio console");
  });
});

describe("campaignCsvFileName", () => {
  it("makes the name safe for a header and stamps the UTC day", () => {
    const now = new Date("2026-12-05T23:30:00Z");
    expect(campaignCsvFileName('Dev "wave" / 1', now)).toBe("campaign-dev-wave-1-2026-12-05.csv");
    expect(campaignCsvFileName("   ", now)).toBe("campaign-report-2026-12-05.csv");
  });
});
