import { expect, signInAs, test } from "./fixtures";
import { fillUpgradeToPreflight, submitButton } from "./wizard";

// The code scan as people meet it: the fleet separates code that will break from clean code, the application page
// says what must change, and the wizard refuses breaking code unless the engineer writes down why (audited).

test.describe("code scan", () => {
  test.beforeEach(async ({ app }) => {
    await app.waitForSync();
  });

  test("the fleet filters code that will break; the application page says what must change", async ({ page }) => {
    await expect
      .poll(
        async () => {
          await page.goto("/?code=breaks&q=payments-fraud-scorer");
          return page.getByTestId("fleet-row").count();
        },
        { timeout: 60_000, intervals: [1000] },
      )
      .toBeGreaterThan(0);
    await expect(page.getByTestId("fleet-row").first().locator("[data-code]")).toHaveAttribute("data-code", "breaks");
    await page.goto("/?code=warnings");
    await expect(page.getByTestId("fleet-row").first().locator("[data-code]")).toHaveAttribute("data-code", "warnings");
    await page.goto("/apps/us-east-1/payments-fraud-scorer");
    const panel = page.getByTestId("code-scan");
    await expect(panel).toHaveAttribute("data-status", "breaks");
    await expect(panel.getByTestId("code-finding").first()).toContainText("Will break");
    await page.screenshot({ path: "test-results/code-scan.png", fullPage: true });
  });

  test("the wizard refuses code that will break until the engineer writes why, and the audit keeps it", async ({
    page,
  }) => {
    const reason = "SourceFunction is only in a test helper the job graph never loads";
    await signInAs(page, "engineer");
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
    await expect(page.getByText(`overridden by engineer@example.com: ${reason}`)).toBeVisible();

    await signInAs(page, "manager", "/audit");
    const row = page.getByTestId("audit-row").filter({ hasText: "inventory-sync" }).first();
    await expect(row).toContainText("upgrade.requested");
    await expect(row).toContainText(reason);
  });
});
