import { readFile } from "node:fs/promises";
import { anotherPerson, expect, signInAs, test } from "./fixtures";

// A campaign over the demo fleet's dev applications, the way an engineer runs one: plan it, preview it, create and
// start it (an approver approves it when its applications need it), pause and resume it, and read its report.

const csvHeader =
  "campaign_id,campaign,wave,wave_name,application,account,region,risk_level,from_runtime,to_runtime,code_key,state," +
  "run_outcome,run_id,started_at_utc,finished_at_utc,duration_seconds,fault_class,root_cause,note";

test("a campaign over the dev applications: preview, create, start, pause, resume, done, report", async ({
  page,
  app,
  browser,
  emulator,
}) => {
  test.setTimeout(300_000);
  // The e2e database outlives the emulator: read the fresh fleet before planning from it.
  await app.waitForSync();
  const since = new Date();
  await page.goto("/");
  await page.getByRole("button", { name: "Sync now" }).click();
  await app.waitForSync(since);

  await page.goto("/campaigns");
  await page.getByRole("link", { name: "New campaign" }).click();
  await expect(page.getByRole("heading", { name: "New campaign" })).toBeVisible();
  const nameField = page.getByLabel("Name", { exact: true });
  // The form's buttons are enabled once React has hydrated it: typing before that could be lost.
  await expect(page.getByRole("button", { name: "Preview", exact: true })).toBeEnabled();

  // Refused before anything is sent: the message is under the field, and the focus lands on it.
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  await expect(page.getByTestId("campaign-form-error")).toContainText("Some fields need attention");
  await expect(nameField).toHaveAttribute("aria-invalid", "true");
  await expect(nameField).toBeFocused();

  const name = `Dev to Flink 2.2 ${Date.now()}`;
  await nameField.fill(name);
  await expect(page.getByLabel("Target runtime")).toHaveValue("FLINK-2_2");
  await page.getByLabel("Tags", { exact: true }).fill("env=dev");
  // Slow checkpoints end DEGRADED, and a DEGRADED run waits for an engineer's decision (and the campaign with it):
  // this journey leaves those applications out rather than decide for them.
  const asking = (await emulator.apps()).filter(
    (a) => a.scenario === "slow-checkpoints" || a.scenario === "stuck-updating",
  );
  await page.getByLabel("Exclude").fill(asking.map((a) => `${a.account}/${a.region}/${a.name}`).join("\n"));
  await expect(page.getByLabel("Pattern")).toHaveValue("{name}-flink-2.2.jar");
  await page.getByRole("button", { name: "Remove stage 3 (prod)" }).click();
  await page.getByRole("button", { name: "Remove stage 2 (staging)" }).click();
  const stage = page.getByTestId("stage-row");
  await expect(stage).toHaveCount(1);
  await stage.getByLabel("Stage tags").fill("env=dev");
  await stage.getByLabel("Max concurrency").fill("2");
  await stage.getByLabel("Error budget").fill("1");
  await stage.getByLabel("Soak (min)").fill("0");

  await page.getByRole("button", { name: "Preview", exact: true }).click();
  const preview = page.getByTestId("plan-preview");
  await expect(preview).toBeVisible();
  await expect(page.getByTestId("campaign-form-error")).toHaveCount(0);
  await expect(preview.getByTestId("plan-wave")).toHaveCount(1);
  await expect(preview.getByTestId("plan-wave")).toHaveAttribute("data-wave", "dev");
  const planned = await preview.getByTestId("plan-app").count();
  expect(planned).toBeGreaterThan(1);
  await expect(preview.getByTestId("plan-app").first()).toContainText("-flink-2.2.jar");
  await expect(preview.getByTestId("plan-app").first()).toContainText("from the pattern");
  const studio = preview.getByTestId("plan-skipped-app").filter({ hasText: "analytics-studio" });
  await expect(studio).toContainText("Studio notebook: upgraded from the Studio console, not by a campaign");
  await expect(preview.getByTestId("plan-duration")).toContainText(/under a minute|about \d+/);
  await page.screenshot({ path: "test-results/campaign-form.png", fullPage: true });

  // A CSV line for an unknown application: kept out of the plan, and creating is refused with the line named under
  // the field, focus on it, and nothing typed lost.
  const csv = page.getByLabel("CSV", { exact: true });
  await csv.fill("region,name,codeKey\nus-east-1,no-such-app,no-such-app-2.2.jar");
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  await expect(preview.getByTestId("plan-csv")).toContainText("line 2: unknown application us-east-1/no-such-app");
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page.getByTestId("campaign-form-error")).toContainText("1 code-key line rejected");
  await expect(csv).toHaveAttribute("aria-invalid", "true");
  await expect(csv).toBeFocused();
  await expect(page.locator("#code-csv-error")).toContainText("line 2: unknown application us-east-1/no-such-app");
  await expect(nameField).toHaveValue(name);
  await expect(stage.getByLabel("Max concurrency")).toHaveValue("2");
  await csv.fill("");

  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}$/);
  const path = new URL(page.url()).pathname;
  const live = page.getByTestId("campaign-live");
  await expect(live).toHaveAttribute("data-state", "DRAFT");
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByTestId("campaign-target")).toHaveCount(planned);

  // On a phone the charts below the fold load when a person scrolls to them, not with the page.
  const desktop = page.viewportSize()!;
  await page.setViewportSize({ width: 412, height: 823 });
  await page.reload();
  await page.waitForLoadState("networkidle");
  const chartsToCome = page.getByRole("status", { name: "Loading charts" });
  await expect(chartsToCome).toHaveCount(1);
  await chartsToCome.scrollIntoViewIfNeeded();
  await expect(chartsToCome).toHaveCount(0);
  await page.setViewportSize(desktop);

  await page.getByRole("button", { name: "Start campaign" }).click();
  await expect(live).toHaveAttribute("data-state", /AWAITING_APPROVAL|RUNNING/);
  if ((await live.getAttribute("data-state")) === "AWAITING_APPROVAL") {
    // Ana created it: she holds the approver role and still cannot approve it. Ada does, in her own browser.
    await expect(page.getByTestId("campaign-waiting-approver")).toContainText("you created this campaign");
    await expect(page.getByRole("button", { name: "Approve campaign" })).toHaveCount(0);
    const approver = await anotherPerson(browser);
    await signInAs(approver, "approver", path);
    await approver.getByRole("button", { name: "Approve campaign" }).click();
    await expect(approver.getByTestId("campaign-live")).toHaveAttribute("data-state", /RUNNING|DONE/);
    await approver.close();
  }

  // A wave under way: an application leaves PENDING.
  await expect(page.locator("[data-testid=campaign-target]:not([data-state=PENDING])").first()).toBeVisible({
    timeout: 30_000,
  });
  await page.getByRole("button", { name: "Pause" }).click();
  await expect(live).toHaveAttribute("data-state", "PAUSED");
  await expect(page.getByTestId("campaign-state")).toHaveText("Paused");
  await expect(page.getByTestId("campaign-waiting")).toContainText("paused by");
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(live).toHaveAttribute("data-state", /RUNNING|DONE/);

  await expect(live).toHaveAttribute("data-state", "DONE", { timeout: 150_000 });
  await expect(page.getByTestId("campaign-state")).toHaveAttribute("data-outcome", /COMPLETED|STOPPED/);
  await expect(page.locator("[data-testid=campaign-target][data-state=PENDING]")).toHaveCount(0);
  await expect(page.getByTestId("runtime-share")).toBeVisible();
  await expect(page.getByTestId("metric-multiple").first()).toBeVisible({ timeout: 15_000 });
  await page.screenshot({ path: "test-results/campaign-live.png", fullPage: true });

  await page.getByRole("link", { name: "Report", exact: true }).click();
  await expect(page.getByRole("heading", { name: `Report: ${name}` })).toBeVisible();
  await expect(page.getByTestId("report-success")).toHaveText(/^\d+%$/);
  await expect(page.getByTestId("report-waves")).toContainText("dev");
  await page.screenshot({ path: "test-results/campaign-report.png", fullPage: true });
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("report-csv").click()]);
  expect(download.suggestedFilename()).toMatch(/^campaign-dev-to-flink-2-2-\d+-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = (await readFile((await download.path())!, "utf8")).split("\r\n").filter(Boolean);
  expect(lines[0]).toBe(csvHeader);
  expect(lines.filter((l) => l.includes(",1,dev,"))).toHaveLength(planned);
  expect(lines.some((l) => l.includes(",skipped,analytics-studio,"))).toBe(true);

  await page.goto("/campaigns");
  const row = page.locator(`[data-testid=campaign-row][data-id="${path.split("/").pop()}"]`);
  await expect(row).toContainText(name);
  await expect(row.getByTestId("campaign-state")).toHaveAttribute("data-state", "DONE");
  await page.screenshot({ path: "test-results/campaign-list.png", fullPage: true });

  // The history filtered by the campaign lists exactly its runs.
  await page.goto(path);
  const runs = await page.locator("[data-testid=campaign-target] a[href^='/upgrades/']").count();
  expect(runs).toBeGreaterThan(0);
  await page.getByRole("link", { name: "Its runs in the upgrade history" }).click();
  await expect(page).toHaveURL(/\/upgrades\?campaign=/);
  await expect(page.getByTestId("history-row")).toHaveCount(runs);

  // A viewer reads the campaign but is offered neither the form nor a control.
  await signInAs(page, "viewer", "/campaigns/new");
  await expect(page.getByTestId("campaign-form-refused")).toContainText("Engineers and admins create campaigns");
  await page.goto(path);
  await expect(page.getByTestId("campaign-live")).toHaveAttribute("data-state", "DONE");
  await expect(page.getByTestId("campaign-controls")).toHaveCount(0);
});
