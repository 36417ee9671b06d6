import { expect, test } from "./fixtures";
import { confirmNameIfAsked, fillUpgradeToPreflight, submitButton, submitUpgrade } from "./wizard";

test.describe("upgrade journeys", () => {
  test.beforeEach(async ({ app }) => {
    await app.waitForSync();
  });

  test("a healthy upgrade: the engineer clicks through and sees SUCCEEDED on Flink 2.2", async ({ page, emulator }) => {
    await fillUpgradeToPreflight(page, "ap-southeast-2", "cart-stats-enricher");
    await submitUpgrade(page);
    await expect(page.getByTestId("run-progress")).toBeVisible();
    await expect(page.getByTestId("run-announcer")).toContainText(/^In progress: /);
    await expect(page.getByTestId("run-outcome")).toContainText("Outcome: SUCCEEDED", { timeout: 60_000 });
    // The end of the run is announced, and the focus moves to the outcome.
    await expect(page.getByTestId("run-announcer")).toContainText("Outcome: SUCCEEDED");
    await expect(page.getByTestId("run-outcome")).toBeFocused();
    await expect(page.getByTestId("verdict")).toContainText("HEALTHY");
    await expect(page.getByTestId("step-timeline")).toContainText("UpdateApplication");
    const after = (await emulator.apps()).find(
      (a) => a.region === "ap-southeast-2" && a.name === "cart-stats-enricher",
    );
    expect(after?.runtime).toBe("FLINK-2_2");
    await page.screenshot({ path: "test-results/run-healthy.png", fullPage: true });
  });

  test("a state-incompatible upgrade: the restart loop is caught and rolled back automatically", async ({
    page,
    emulator,
  }) => {
    await fillUpgradeToPreflight(page, "eu-west-1", "returns-scores-enricher");
    await submitUpgrade(page);
    await expect(page.getByTestId("run-outcome")).toContainText("Outcome: ROLLED_BACK", { timeout: 60_000 });
    await expect(page.getByTestId("run-outcome")).toContainText("automatically");
    await expect(page.getByTestId("verdict")).toContainText("UNHEALTHY");
    await expect(page.getByTestId("verdict-source")).toContainText("detected by the job view");
    await expect(page.getByTestId("root-cause")).toContainText("Root cause: State incompatibility");
    const after = (await emulator.apps()).find((a) => a.region === "eu-west-1" && a.name === "returns-scores-enricher");
    expect(after).toMatchObject({ runtime: "FLINK-1_20", status: "RUNNING" });
    await page.screenshot({ path: "test-results/run-rolled-back.png", fullPage: true });
  });

  test("with the ask policy the page asks the engineer, who rolls back by hand", async ({ page }) => {
    const wizard = await fillUpgradeToPreflight(page, "eu-west-1", "shipment-eta-predictor");
    await wizard.getByRole("button", { name: "Back" }).click();
    await wizard.getByLabel(/Roll back automatically/).uncheck();
    await wizard.getByRole("button", { name: "Review preflight" }).click();
    await confirmNameIfAsked(page, "shipment-eta-predictor");
    await submitUpgrade(page);
    const decision = page.getByRole("alert").filter({ hasText: "UNHEALTHY" });
    await expect(decision).toBeVisible({ timeout: 60_000 });
    await decision.getByRole("button", { name: "Roll back now…" }).click();
    await page.getByLabel("Why roll back?").fill("restart loop after the upgrade");
    await page.getByRole("button", { name: "Confirm rollback" }).click();
    await expect(page.getByTestId("run-outcome")).toContainText("Outcome: ROLLED_BACK", { timeout: 60_000 });
    await expect(page.getByTestId("run-outcome")).toContainText("restart loop after the upgrade");
  });

  test("a job that publishes no metrics ends waiting for the engineer, with the reason on the page", async ({
    page,
    emulator,
  }) => {
    await emulator.setScenario("us-east-1", "sensor-ingest-py", "silent");
    await fillUpgradeToPreflight(page, "us-east-1", "sensor-ingest-py");
    await submitUpgrade(page);
    const decision = page.getByTestId("run-decision");
    await expect(decision).toContainText("not proven healthy", { timeout: 60_000 });
    await expect(decision).toContainText(/not proven healthy: no metrics since \d\d:\d\d:\d\d UTC/);
    await expect(page.getByTestId("run-outcome")).toHaveCount(0);
    await expect(decision.getByRole("button", { name: /Keep Flink 2.2 without proof/ })).toBeVisible();
    await page.screenshot({ path: "test-results/run-silent.png", fullPage: true });
    await decision.getByRole("button", { name: /Keep Flink 2.2 without proof/ }).click();
    await expect(page.getByTestId("run-outcome")).toContainText("Outcome: UNVERIFIED", { timeout: 30_000 });
    await expect(page.getByTestId("run-outcome")).toContainText("never proven");
  });

  test("bad input keeps what was typed and says what is wrong", async ({ page }) => {
    await page.goto("/apps/123456789012/us-east-1/claims-scores-windower");
    await page.getByRole("button", { name: "Upgrade…" }).click();
    const wizard = page.getByTestId("upgrade-wizard");
    await wizard.getByLabel("Restart threshold").fill("0");
    await wizard.getByRole("button", { name: "Review preflight" }).click();
    await expect(wizard.getByRole("alert").first()).toContainText("S3 key");
    await wizard.getByLabel("New code S3 key").fill("claims-scores-windower-flink-2.2.jar");
    await wizard.getByRole("button", { name: "Review preflight" }).click();
    await confirmNameIfAsked(page, "claims-scores-windower");
    await submitButton(page).click();
    await expect(wizard.getByText("at least 1 restart")).toBeVisible();
    await expect(wizard.getByLabel("Restart threshold")).toHaveValue("0");
    await expect(wizard.getByLabel("New code S3 key")).toHaveValue("claims-scores-windower-flink-2.2.jar");
    // A window the metric cadence cannot fill (here 1 s, AWS's minute at test speed) is refused with the reason.
    await wizard.getByLabel("Restart threshold").fill("2");
    await wizard.getByLabel("Observation window (s)").fill("2");
    await wizard.getByRole("button", { name: "Review preflight" }).click();
    await confirmNameIfAsked(page, "claims-scores-windower");
    await submitButton(page).click();
    await expect(wizard.getByText(/^Too short: MSF publishes metrics every 1 s/)).toBeVisible();
    await expect(wizard.getByLabel("Observation window (s)")).toHaveValue("2");
    await expect(wizard.getByLabel("Observation window (s)")).toHaveAttribute("aria-invalid", "true");
  });
});
