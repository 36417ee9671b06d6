import { expect, signInAs, test } from "./fixtures";
import { fillUpgradeToPreflight, submitButton } from "./wizard";

// The code scan as people meet it: the fleet separates code that will break from clean code, the application page
// says what must change, and the wizard refuses breaking code unless the engineer writes down why (audited).

test.describe("code scan", () => {
  test.beforeEach(async ({ app }) => {
    await app.waitForSync();
  });

  test("the fleet filters code that will break; the application page says what must change", async ({ page }) => {
    // The scan lane works in the background after the first sync: wait for the rows it decides.
    const rowsOnceScanned = (url: string) =>
      expect
        .poll(
          async () => {
            await page.goto(url);
            return page.getByTestId("fleet-row").count();
          },
          { timeout: 60_000, intervals: [1000] },
        )
        .toBeGreaterThan(0);
    await rowsOnceScanned("/?code=breaks&q=payments-fraud-scorer");
    await expect(page.getByTestId("fleet-row").first().locator("[data-code]")).toHaveAttribute("data-code", "breaks");
    // Clean target builds decide for most applications: the fleet separates them from the ones that will break.
    await rowsOnceScanned("/?code=clean");
    await expect(page.getByTestId("fleet-row").first().locator("[data-code]")).toHaveAttribute("data-code", "clean");
    await page.goto("/apps/123456789012/us-east-1/payments-fraud-scorer");
    const panel = page.getByTestId("code-scan").first();
    await expect(panel).toHaveAttribute("data-status", "breaks");
    await expect(panel.getByTestId("code-finding").first()).toContainText("Will break");
    // Its rebuilt JAR beside it still uses the legacy consumer: the target build breaks too, and decides the risk.
    const target = page.getByTestId("target-build");
    await expect(target).toContainText("payments-fraud-scorer-flink-2.2.jar");
    await expect(target.getByTestId("code-scan")).toHaveAttribute("data-status", "breaks");
    await page.screenshot({ path: "test-results/code-scan.png", fullPage: true });
  });

  test("the wizard refuses code that will break until the engineer writes why, and the audit keeps it", async ({
    page,
  }) => {
    const reason = "SourceFunction is only in a test helper the job graph never loads";
    await signInAs(page, "engineer2");
    const wizard = await fillUpgradeToPreflight(page, "us-east-1", "inventory-sync");
    const scan = wizard.getByTestId("new-code-scan");
    await expect(scan.getByTestId("code-scan")).toHaveAttribute("data-status", "breaks", { timeout: 30_000 });
    await expect(scan.getByTestId("code-finding").first()).toContainText("Will break");
    await expect(wizard.getByTestId("scan-blocker")).toContainText("will break on the target runtime");
    await expect(submitButton(page)).toBeDisabled();
    // From the keyboard: the override field, a reason too short to count, then a real one.
    const override = wizard.getByLabel(/Override: why upgrade to this code anyway/);
    await override.focus();
    await page.keyboard.type("because");
    await expect(submitButton(page)).toBeDisabled();
    await override.fill(reason);
    await expect(submitButton(page)).toBeEnabled();
    await page.screenshot({ path: "test-results/code-scan-override.png", fullPage: true });
    await submitButton(page).focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/upgrades\/\w+$/);
    await expect(page.getByText(`overridden by engineer2@example.com: ${reason}`)).toBeVisible();
    // Code that will break makes the risk high: the approver sees the override with the request.
    await expect(page.getByTestId("approval-code-scan")).toContainText(reason);

    await signInAs(page, "manager", "/audit");
    const row = page.getByTestId("audit-row").filter({ hasText: "inventory-sync" }).first();
    await expect(row).toContainText("upgrade.approval-requested");
    await expect(row).toContainText(reason);
  });
});
