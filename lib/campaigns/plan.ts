import { compareRuntimes, isMajorJump } from "@/lib/risk";
import { formatRuntime } from "@/lib/format";
import { appKeyText } from "@/lib/aws/accounts";
import { approvalReasons, type ApprovalRule } from "@/lib/approvals/policy";
import { allowedFailures, concurrencyOf, parseAmount } from "./budget";
import { keyBuiltFor, keyFromPattern, type CodeKeyCsv } from "./code-keys";
import type { CampaignInput } from "./definition";

// The plan, pure: which applications the campaign upgrades, in which stage and order, which it skips and why,
// how long it should take and which approvals it needs. The preview shows it; starting stores it as targets.

export interface PlanApp {
  account: string;
  region: string;
  name: string;
  runtime: string;
  status: string;
  versionId: number;
  tags: Record<string, string>;
  /** low | medium | high | blocked | unknown */
  riskLevel: string;
  riskScore: number;
  riskSummary: string | null;
  /** the S3 key of the application's current code */
  codeKey: string | null;
}

export interface PlannedApp {
  account: string;
  region: string;
  name: string;
  runtime: string;
  riskLevel: string;
  riskScore: number;
  codeKey: string | null;
  /** where the code key came from */
  codeKeyFrom: "csv" | "pattern" | "current" | "unchanged";
  /** why a second person would have to approve it alone (the campaign's approval covers it) */
  approval: string[];
}

export interface PlannedStage {
  index: number;
  name: string;
  apps: PlannedApp[];
  concurrency: number;
  allowedFailures: number;
  soakMinutes: number;
  gate: boolean;
  estimatedMs: number;
}

export interface Plan {
  stages: PlannedStage[];
  skipped: { account: string; region: string; name: string; runtime: string; reason: string }[];
  estimatedMs: number;
  /** applications that would need an approval on their own: the campaign then needs one */
  needsApproval: number;
  problems: string[];
}

const riskOrder = ["low", "medium", "high"];

function hasTags(tags: Record<string, string>, wanted: readonly string[]): boolean {
  return wanted.every((pair) => {
    const at = pair.indexOf("=");
    return tags[pair.slice(0, at)] === pair.slice(at + 1);
  });
}

function selected(app: PlanApp, def: CampaignInput): boolean {
  const id = appKeyText(app);
  const s = def.selection;
  if (s.exclude.includes(id)) return false;
  if (s.include.includes(id)) return true;
  const filtered = s.regions.length + s.runtimes.length + s.tags.length > 0;
  // Explicit includes alone select only themselves; no filter and no include selects nothing.
  if (!filtered) return false;
  return (
    (!s.regions.length || s.regions.includes(app.region)) &&
    (!s.runtimes.length || s.runtimes.includes(app.runtime)) &&
    hasTags(app.tags, s.tags)
  );
}

function skipReason(app: PlanApp, def: CampaignInput): string | null {
  if (app.runtime.startsWith("ZEPPELIN")) return "Studio notebook: upgraded from the Studio console, not by a campaign";
  if (!app.runtime.startsWith("FLINK-")) return `not a Flink application (${app.runtime})`;
  if (compareRuntimes(def.targetRuntime, app.runtime) <= 0) return `already on ${formatRuntime(app.runtime)}`;
  if (app.riskLevel === "unknown") return "not described in the last sync: its risk is unknown";
  // The risk summary of a blocked application already starts with "Blocked:".
  if (app.riskLevel === "blocked") return app.riskSummary ?? "Blocked: see its risk";
  if (riskOrder.indexOf(app.riskLevel) > riskOrder.indexOf(def.selection.maxRisk))
    return `${app.riskLevel} risk, above the campaign's limit (${def.selection.maxRisk})`;
  return null;
}

function codeKeyFor(
  app: PlanApp,
  def: CampaignInput,
  csv: CodeKeyCsv,
): Pick<PlannedApp, "codeKey" | "codeKeyFrom"> | null {
  const fromCsv = csv.keys.get(appKeyText(app));
  if (fromCsv) return { codeKey: fromCsv, codeKeyFrom: "csv" };
  const fromPattern = keyFromPattern(def.codeKeys.pattern, app);
  if (fromPattern) return { codeKey: fromPattern, codeKeyFrom: "pattern" };
  if (keyBuiltFor(app.codeKey, def.targetRuntime)) return { codeKey: app.codeKey, codeKeyFrom: "current" };
  if (!isMajorJump(app.runtime, def.targetRuntime)) return { codeKey: null, codeKeyFrom: "unchanged" };
  return null;
}

export function planCampaign(
  apps: readonly PlanApp[],
  def: CampaignInput,
  csv: CodeKeyCsv,
  rule: ApprovalRule,
  perAppMs: number,
  /** The creator's teams: applications of other teams are skipped. Empty: not scoped. */
  teams: readonly string[] = [],
): Plan {
  const skipped: Plan["skipped"] = [];
  const byStage: PlannedApp[][] = def.stages.map(() => []);
  for (const app of apps) {
    if (!selected(app, def)) continue;
    const skip = (reason: string) =>
      skipped.push({ account: app.account, region: app.region, name: app.name, runtime: app.runtime, reason });
    const outside = teams.length > 0 && !teams.includes(app.tags.team ?? "");
    const reason = outside ? `team ${app.tags.team ?? "none"}: outside your teams` : skipReason(app, def);
    if (reason) {
      skip(reason);
      continue;
    }
    const key = codeKeyFor(app, def, csv);
    if (!key) {
      skip(`no code key: no CSV line, no pattern, and its current code is not built for ${def.targetRuntime}`);
      continue;
    }
    const stage = def.stages.findIndex((s) => hasTags(app.tags, s.selector));
    if (stage < 0) {
      skip("no stage selects it");
      continue;
    }
    const risk = { level: app.riskLevel as "low", score: app.riskScore };
    byStage[stage]!.push({
      account: app.account,
      region: app.region,
      name: app.name,
      runtime: app.runtime,
      riskLevel: app.riskLevel,
      riskScore: app.riskScore,
      ...key,
      approval: approvalReasons(app.tags, risk, rule),
    });
  }
  const problems: string[] = [];
  const stages = def.stages.map((s, index): PlannedStage => {
    const planned = byStage[index]!.sort(
      (a, b) =>
        a.riskScore - b.riskScore ||
        a.name.localeCompare(b.name) ||
        a.region.localeCompare(b.region) ||
        a.account.localeCompare(b.account),
    );
    const concurrency = concurrencyOf(parseAmount(s.maxConcurrency)!, planned.length);
    const budget = parseAmount(s.errorBudget)!;
    if (budget.kind === "count" && budget.n > planned.length && planned.length > 0)
      problems.push(
        `Stage ${s.name}: an error budget of ${budget.n} is more than its ${planned.length} application${planned.length === 1 ? "" : "s"}.`,
      );
    const rounds = Math.ceil(planned.length / Math.max(1, concurrency));
    return {
      index,
      name: s.name,
      apps: planned,
      concurrency,
      allowedFailures: allowedFailures(budget, planned.length),
      soakMinutes: s.soakMinutes,
      gate: s.gate,
      estimatedMs: rounds * perAppMs + (planned.length ? s.soakMinutes * 60_000 : 0),
    };
  });
  const total = stages.reduce((n, s) => n + s.apps.length, 0);
  if (total === 0) problems.push("The selection holds no application to upgrade: widen the filter or include some.");
  return {
    stages,
    skipped,
    estimatedMs: stages.reduce((ms, s) => ms + s.estimatedMs, 0),
    needsApproval: stages.reduce((n, s) => n + s.apps.filter((a) => a.approval.length).length, 0),
    problems,
  };
}
