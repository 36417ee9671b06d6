import { describe, expect, it } from "vitest";
import { CampaignInput } from "./definition";
import { parseCodeKeyCsv } from "./code-keys";
import { planCampaign, type PlanApp } from "./plan";

const app = (o: Partial<PlanApp> & { name: string }): PlanApp => ({
  account: "123456789012",
  region: "us-east-1",
  runtime: "FLINK-1_20",
  status: "RUNNING",
  versionId: 3,
  tags: { env: "dev" },
  riskLevel: "low",
  riskScore: 10,
  riskSummary: null,
  codeKey: `${o.name}-1.20.jar`,
  ...o,
});

const fleet: PlanApp[] = [
  app({ name: "dev-b", riskScore: 30, riskLevel: "medium" }),
  app({ name: "dev-a", riskScore: 5 }),
  app({ name: "stg-a", tags: { env: "staging" } }),
  app({ name: "prod-a", tags: { env: "prod" }, riskScore: 20 }),
  app({ name: "studio", runtime: "ZEPPELIN-FLINK-3_0" }),
  app({ name: "done", runtime: "FLINK-2_2" }),
  app({ name: "blocked", riskLevel: "blocked", riskSummary: "Blocked: Studio-only API" }),
  app({ name: "risky", riskLevel: "high", riskScore: 80 }),
  app({ name: "orphan", tags: { env: "sandbox" } }),
  app({ name: "other-region", region: "eu-west-1" }),
];

const def = (o: Partial<CampaignInput> = {}) =>
  CampaignInput.parse({
    name: "to 2.2",
    targetRuntime: "FLINK-2_2",
    selection: { regions: ["us-east-1"], maxRisk: "medium" },
    codeKeys: { pattern: "{name}-flink-2.2.jar" },
    stages: [
      { name: "dev", selector: ["env=dev"], maxConcurrency: "50%", errorBudget: "1", soakMinutes: 5 },
      { name: "staging", selector: ["env=staging"], maxConcurrency: "2", errorBudget: "0", soakMinutes: 0 },
      { name: "prod", selector: ["env=prod"], maxConcurrency: "1", errorBudget: "0", soakMinutes: 0, gate: true },
    ],
    ...o,
  });
const rule = { tag: "env=prod", risk: "high" as const };
const noCsv = parseCodeKeyCsv("", new Set());

describe("planCampaign", () => {
  it("puts each application in the first stage that selects it, in ascending risk", () => {
    const plan = planCampaign(fleet, def(), noCsv, rule, 60_000);
    expect(plan.stages.map((s) => s.apps.map((a) => a.name))).toEqual([["dev-a", "dev-b"], ["stg-a"], ["prod-a"]]);
    expect(plan.stages[0]).toMatchObject({ concurrency: 1, allowedFailures: 1 });
    expect(plan.problems).toEqual([]);
  });

  it("skips what it cannot upgrade, and says why", () => {
    const plan = planCampaign(fleet, def(), noCsv, rule, 60_000);
    expect(Object.fromEntries(plan.skipped.map((s) => [s.name, s.reason]))).toEqual({
      studio: expect.stringMatching(/^Studio notebook/),
      done: "already on Flink 2.2",
      blocked: "Blocked: Studio-only API",
      risky: "high risk, above the campaign's limit (medium)",
      orphan: "no stage selects it",
    });
  });

  it("takes code keys from the CSV first, then the pattern, then current code built for the target", () => {
    const csv = parseCodeKeyCsv("us-east-1,dev-a,custom/dev-a.jar", new Set(["123456789012/us-east-1/dev-a"]));
    const withCurrent = fleet.map((a) => (a.name === "dev-b" ? { ...a, codeKey: "dev-b-flink-2.2.jar" } : a));
    const plan = planCampaign(withCurrent, def({ codeKeys: { pattern: "", csv: "" } }), csv, rule, 60_000);
    expect(plan.stages[0]!.apps.map((a) => [a.name, a.codeKey, a.codeKeyFrom])).toEqual([
      ["dev-a", "custom/dev-a.jar", "csv"],
      ["dev-b", "dev-b-flink-2.2.jar", "current"],
    ]);
    expect(plan.skipped.find((s) => s.name === "stg-a")?.reason).toMatch(/^no code key/);
  });

  it("honours includes and excludes, counts the approvals, and estimates rounds plus soak", () => {
    const plan = planCampaign(
      fleet,
      def({
        selection: {
          regions: ["us-east-1"],
          runtimes: [],
          tags: [],
          maxRisk: "medium",
          include: ["123456789012/eu-west-1/other-region"],
          exclude: ["123456789012/us-east-1/dev-b"],
        },
      }),
      noCsv,
      rule,
      60_000,
    );
    expect(plan.stages[0]!.apps.map((a) => a.name)).toEqual(["dev-a", "other-region"]);
    expect(plan.needsApproval).toBe(1);
    // dev: 2 apps at 1 at a time = 2 rounds + 5 min soak; staging 1 round; prod 1 round
    expect(plan.estimatedMs).toBe(2 * 60_000 + 5 * 60_000 + 60_000 + 60_000);
  });

  it("an empty selection, or a budget above the stage's size, is a problem stated plainly", () => {
    const empty = planCampaign(
      fleet,
      def({ selection: { ...def().selection, regions: ["ap-south-1"] } }),
      noCsv,
      rule,
      1,
    );
    expect(empty.problems).toEqual([
      "The selection holds no application to upgrade: widen the filter or include some.",
    ]);
    const big = def();
    big.stages[1]!.errorBudget = "3";
    expect(planCampaign(fleet, big, noCsv, rule, 1).problems).toEqual([
      "Stage staging: an error budget of 3 is more than its 1 application.",
    ]);
  });

  it("a team-scoped creator's plan skips other teams' applications", () => {
    const teamed = fleet.map((a) => ({ ...a, tags: { ...a.tags, team: a.name === "dev-a" ? "payments" : "risk" } }));
    const plan = planCampaign(teamed, def(), noCsv, rule, 1, ["payments"]);
    expect(plan.stages.flatMap((s) => s.apps.map((a) => a.name))).toEqual(["dev-a"]);
    expect(plan.skipped.find((s) => s.name === "dev-b")?.reason).toBe("team risk: outside your teams");
  });
});

describe("the campaign form's rules", () => {
  it("refuses a concurrency of 0 and a percentage above 100", () => {
    const bad = CampaignInput.safeParse({
      ...def(),
      stages: [{ name: "dev", selector: [], maxConcurrency: "0", errorBudget: "101%", soakMinutes: 0 }],
    });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => [i.path.join("."), i.message]);
    expect(paths).toEqual([
      ["stages.0.maxConcurrency", "concurrency: at least 1"],
      ["stages.0.errorBudget", "error budget: a number, or a percentage up to 100%"],
    ]);
  });
});
