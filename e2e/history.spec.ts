import { readFile } from "node:fs/promises";
import type { Locator, Page } from "@playwright/test";
import { emulatorUrl, expect, test } from "./fixtures";
import { fillUpgradeToPreflight, submitUpgrade } from "./wizard";

// One upgrade of us-east-1/orders-enricher, then what a manager does with it: the run's charts, the history,
// its filters and CSV, and the stored charts surviving an emulator reset. The tests share the run: serial.
const region = "us-east-1";
const name = "orders-enricher";
const chartSignals = ["restarts", "runningTime", "failedCheckpoints", "checkpointDuration"];

async function getMetricDataCalls(): Promise<number> {
  const res = await fetch(`${emulatorUrl}/_emulator/calls`);
  const { calls } = (await res.json()) as { calls: { operation: string; count: number }[] };
  return calls.filter((c) => c.operation === "GetMetricData").reduce((n, c) => n + c.count, 0);
}

async function expectFourChartsWithTheWindowShaded(page: Page, source: "stored" | "live") {
  const charts = page.getByTestId("run-charts");
  await expect(charts).toHaveAttribute("data-source", source, { timeout: 15_000 });
  // The chart code loads when the charts come into view, as a person scrolls to them.
  await charts.scrollIntoViewIfNeeded();
  const figures = charts.getByTestId("metric-chart");
  await expect(figures).toHaveCount(4);
  expect(await figures.evaluateAll((els) => els.map((el) => el.getAttribute("data-signal")))).toEqual(chartSignals);
  for (const figure of await figures.all()) {
    expect(Number(await figure.getAttribute("data-points"))).toBeGreaterThan(0);
    await expect(figure.locator(".recharts-reference-area")).toHaveCount(1);
    await expect(figure.locator(".recharts-line")).toHaveCount(1);
    expect(await figure.locator(".recharts-xAxis-tick-labels text").count()).toBeGreaterThan(1);
  }
  // Labels are placed without measuring text in the browser (recharts' hidden span: a forced layout per label).
  await expect(page.locator("#recharts_measurement_span")).toHaveCount(0);
  // Times and tick labels are formatted without Intl dates, whose first use costs 35-130 ms on a page.
  expect(await page.evaluate(() => (window as unknown as { intlDateUses?: number }).intlDateUses)).toBe(0);
  await expect(charts.getByTestId("upgrade-window")).toContainText("update call → verdict");
  await expect(figures.first()).toContainText("fullRestarts → numRestarts");
  await expect(charts.getByTestId("chart-events")).toContainText("update → Flink 2.2");
  await expect(charts.getByTestId("chart-events")).toContainText("verdict: HEALTHY");
}

async function rowIds(rows: Locator): Promise<string[]> {
  return rows.evaluateAll((els) => els.map((el) => el.getAttribute("data-run-id") ?? ""));
}

/** Counts the page's uses of Intl's date formatting (the constructor and Date's toLocale* methods). */
function countIntlDateUses() {
  const counted = window as unknown as { intlDateUses: number };
  counted.intlDateUses = 0;
  const Format = Intl.DateTimeFormat;
  Intl.DateTimeFormat = new Proxy(Format, {
    construct(target, args: ConstructorParameters<typeof Format>) {
      counted.intlDateUses++;
      return new target(...args);
    },
    apply(target, self, args: ConstructorParameters<typeof Format>) {
      counted.intlDateUses++;
      return target(...args);
    },
  });
  for (const method of ["toLocaleString", "toLocaleDateString", "toLocaleTimeString"] as const) {
    const original = Date.prototype[method];
    Date.prototype[method] = function (this: Date, ...args: Parameters<typeof original>) {
      counted.intlDateUses++;
      return original.apply(this, args);
    };
  }
}

test.describe.serial("upgrade history", () => {
  let runId = "";

  test.beforeEach(async ({ page }) => {
    await page.addInitScript(countIntlDateUses);
  });

  test.beforeAll(async () => {
    expect(emulatorUrl).toMatch(/^http:\/\/127\.0\.0\.1:/);
  });

  test("after an emulated upgrade the run page shows the four charts with the window shaded", async ({ page, app }) => {
    test.setTimeout(150_000);
    // The e2e database outlives the emulator: read the fresh fleet before starting from it.
    await app.waitForSync();
    const since = new Date();
    await page.goto("/");
    await page.getByRole("button", { name: "Sync now" }).click();
    await app.waitForSync(since);

    // A live run's page reads its metrics every few seconds: they arrive packed, like a finished run's page.
    const metricBodies: Promise<unknown>[] = [];
    page.on("response", (r) => {
      if (/^\/api\/upgrades\/[^/]+\/metrics$/.test(new URL(r.url()).pathname) && r.ok()) metricBodies.push(r.json());
    });
    await fillUpgradeToPreflight(page, region, name);
    runId = await submitUpgrade(page);

    await expect(page.getByTestId("run-charts")).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId("run-outcome")).toContainText("Outcome: SUCCEEDED", { timeout: 90_000 });
    await expectFourChartsWithTheWindowShaded(page, "stored");
    const series = (await Promise.all(metricBodies)).flatMap((b) => (b as { series: { points: unknown }[] }).series);
    expect(series.filter((s) => typeof (s.points as { t0?: unknown }).t0 === "number").length).toBeGreaterThan(0);
    expect(series.filter((s) => Array.isArray(s.points) && s.points.length > 0)).toEqual([]);
    await page.getByTestId("run-charts").screenshot({ path: "test-results/history-run-charts.png" });
  });

  test("the history lists the run with its outcome, filters narrow it, and the CSV has the same rows", async ({
    page,
  }) => {
    await page.goto("/upgrades?pageSize=200");
    await expect(page.getByRole("heading", { name: "Upgrade history" })).toBeVisible();
    const rows = page.getByTestId("history-row");
    const mine = page.locator(`[data-testid=history-row][data-run-id="${runId}"]`);
    await expect(mine).toHaveCount(1);
    await expect(mine).toContainText(name);
    await expect(mine).toContainText("Flink 1.20 → Flink 2.2");
    await expect(mine.locator("[data-outcome]")).toHaveAttribute("data-outcome", "SUCCEEDED");
    await expect(page.getByTestId("manager-summary")).toBeVisible();
    await page.screenshot({ path: "test-results/history.png", fullPage: true });

    await page.getByLabel("Outcome").selectOption("FAILED");
    await expect(page).toHaveURL(/outcome=FAILED/);
    await expect(mine).toHaveCount(0);
    await expect(rows.locator("[data-outcome]:not([data-outcome=FAILED])")).toHaveCount(0);

    await page.getByLabel("Outcome").selectOption("SUCCEEDED");
    await expect(mine).toHaveCount(1);
    await page.getByLabel("Team").selectOption("commerce");
    await expect(page).toHaveURL(/team=commerce/);
    await expect(mine).toHaveCount(1);
    for (const row of await rows.all()) await expect(row).toContainText("commerce");
    await page.getByLabel("Account").selectOption({ label: "platform (123456789012)" });
    await expect(page).toHaveURL(/account=123456789012/);
    await expect(mine).toHaveCount(1);
    for (const row of await rows.all()) await expect(row).toContainText("platform");

    await page.getByLabel("From (UTC)").fill("2999-01-01");
    await expect(page).toHaveURL(/from=2999-01-01/);
    await expect(page.getByTestId("history-empty")).toContainText("No run matches these filters");
    await page.goBack();
    await expect(mine).toHaveCount(1);

    const shown = await rowIds(rows);
    expect(shown).toContain(runId);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
    expect(download.suggestedFilename()).toMatch(/^upgrade-history-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = (await readFile((await download.path())!, "utf8")).split("\r\n").filter(Boolean);
    expect(lines[0]).toBe(
      "run_id,application,account,account_name,region,team,kind,from_runtime,to_runtime,initiated_by,started_at_utc,finished_at_utc,duration_seconds,outcome,rolled_back,rolled_back_by,verdict,fault_class,fault,approval,approval_decided_by,approval_note,campaign_id",
    );
    expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual(shown);
    const mineCsv = lines.find((line) => line.startsWith(`${runId},`))!.split(",");
    expect([mineCsv[1], mineCsv[2], mineCsv[3], mineCsv[4], mineCsv[5], mineCsv[8], mineCsv[13], mineCsv[14]]).toEqual([
      name,
      "123456789012",
      "platform",
      region,
      "commerce",
      "FLINK-2_2",
      "SUCCEEDED",
      "no",
    ]);
  });

  test("upgrades made outside the dashboard are listed apart, with MSF's rollback and their charts", async ({
    page,
  }) => {
    await page.goto("/upgrades?pageSize=200");
    await page.getByLabel("Made").selectOption("outside");
    await expect(page).toHaveURL(/source=outside/);
    const rows = page.getByTestId("history-row");
    await expect(rows.first()).toBeVisible();
    for (const row of await rows.all()) await expect(row).toContainText("outside the dashboard");
    await expect(page.getByTestId("summary-runs")).toBeVisible();
    const rolledBack = rows.filter({ hasText: "device-shadow-merger" });
    await expect(rolledBack.locator("[data-outcome]")).toHaveAttribute("data-outcome", "AUTO_ROLLED_BACK");
    await page.screenshot({ path: "test-results/history-outside.png", fullPage: true });
    await rolledBack.getByRole("link").first().click();
    await expect(page).toHaveURL(/\/upgrades\/\w+$/);
    await expect(
      page.getByText(/made outside the dashboard: Flink 1\.18 → Flink 2\.2, failed; MSF rolled it back/),
    ).toBeVisible();
    await expect(page.getByTestId("outside-run")).toContainText("Made outside the dashboard");
    await expect(page.getByRole("heading", { name: "Health verdict" })).toHaveCount(0);
    await page.screenshot({ path: "test-results/run-outside.png", fullPage: true });
  });

  test("the stored charts still render when the emulator is reset", async ({ page, emulator }) => {
    await emulator.reset(); // also clears the call counts
    const reads: string[] = [];
    page.on("request", (request) => {
      if (new URL(request.url()).pathname.startsWith(`/api/upgrades/${runId}`)) reads.push(request.url());
    });
    await page.goto(`/upgrades/${runId}`);
    await expect(page.getByTestId("run-outcome")).toContainText("Outcome: SUCCEEDED");
    await expectFourChartsWithTheWindowShaded(page, "stored");
    expect(await getMetricDataCalls()).toBe(0);
    // A finished run's page arrives with its final state, events and stored charts: the browser reads none again.
    expect(reads).toEqual([]);
  });
});

test("the application page charts the chosen range and lists the alarms that stop working", async ({ page }) => {
  await page.goto("/apps/123456789012/us-east-1/payments-fraud-scorer?range=3h");
  const charts = page.getByTestId("app-charts");
  await expect(charts).toHaveAttribute("data-range", "3h");
  // The charts come after the risk: their code loads, and each draws, as a person scrolls to them.
  await charts.scrollIntoViewIfNeeded();
  await charts.getByRole("button", { name: "Show checkpoint size, CPU and heap" }).scrollIntoViewIfNeeded();
  const figures = charts.getByTestId("metric-chart");
  await expect(figures).toHaveCount(4, { timeout: 15_000 });
  for (const figure of await figures.all()) expect(Number(await figure.getAttribute("data-points"))).toBeGreaterThan(0);
  await expect(figures.first()).toContainText("count");

  await charts.getByRole("link", { name: "Last 7 days" }).click();
  await expect(page).toHaveURL(/range=7d/);
  await expect(charts).toHaveAttribute("data-range", "7d");
  await expect(charts.getByRole("link", { name: "Last 7 days" })).toHaveAttribute("aria-current", "page");
  await charts.getByRole("button", { name: "Show checkpoint size, CPU and heap" }).click();
  await charts.evaluate((el) => el.scrollIntoView({ block: "end" }));
  await expect(figures).toHaveCount(7);
  await expect(charts.locator("[data-signal=checkpointSize]")).toContainText("MiB");

  const findings = page.getByTestId("alarm-finding");
  await expect(findings).toHaveCount(3);
  await expect(findings.filter({ hasText: "fullRestarts" })).toContainText("numRestarts");
  await expect(findings.filter({ hasText: "fullRestarts" })).toContainText("stops working");
  await expect(findings.filter({ hasText: "uptime" })).toContainText("runningTime");
  await page.screenshot({ path: "test-results/app-charts.png", fullPage: true });
});
