import { expect, test } from "./fixtures";

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
});
