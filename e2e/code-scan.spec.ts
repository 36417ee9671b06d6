import { expect, test } from "./fixtures";
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
    await page.goto("/?code=clean");
    await expect(page.getByTestId("fleet-row").first()).toBeVisible();
    await page.goto("/apps/us-east-1/payments-fraud-scorer");
    const panel = page.getByTestId("code-scan");
    await expect(panel).toHaveAttribute("data-status", "breaks");
    await expect(panel.getByTestId("code-finding").first()).toContainText("Will break");
    await page.screenshot({ path: "test-results/code-scan.png", fullPage: true });
  });

  test("a breaking target build is refused until the engineer overrides it with a reason", async ({ page }) => {
    await fillUpgradeToPreflight(page, "us-east-1", "payments-fraud-scorer");
    await submitButton(page).click();
    const blocker = page.getByTestId("scan-blocker");
    await expect(blocker).toContainText("will break");
    await expect(page).toHaveURL(/\/apps\//);
    await page.screenshot({ path: "test-results/scan-blocker.png", fullPage: true });
    await blocker.getByRole("textbox").fill("short");
    await submitButton(page).click();
    await expect(blocker).toContainText("at least 10 characters");
    await blocker.getByRole("textbox").fill("vendor patch INC-99 replaces the consumer at runtime");
    await submitButton(page).click();
    await expect(page).toHaveURL(/\/upgrades\/\w+$/);
    await expect(page.getByText(/scan finding overridden by admin@example.com \(vendor patch INC-99/)).toBeVisible();
  });
});
