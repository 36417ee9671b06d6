import { expect, test } from "./fixtures";

// Everything by keyboard: focus moves where the next key press is useful, Enter acts, Escape closes, and closing
// gives the focus back to what opened it.
test.describe("keyboard", () => {
  test.beforeEach(async ({ app }) => {
    await app.waitForSync();
  });

  test("the fleet table sorts, and the filters apply, from the keyboard", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("link", { name: /^Name/ }).focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/sort=name/);
    await expect(page.getByRole("columnheader", { name: /^Name/ })).toHaveAttribute("aria-sort", "descending");
    await page.getByLabel("Search").focus();
    await page.keyboard.type("cart-stats");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/q=cart-stats/);
    await expect(page.getByTestId("fleet-row")).toHaveCount(1);
  });

  test("the wizard and the rollback form: focus lands on each step, Escape closes, focus comes back", async ({
    page,
  }) => {
    await page.goto("/apps/123456789012/ap-southeast-2/cart-stats-enricher");
    const open = page.getByRole("button", { name: "Upgrade…" });
    await open.focus();
    await page.keyboard.press("Enter");
    const wizard = page.getByTestId("upgrade-wizard");
    await expect(wizard.getByLabel("Target runtime")).toBeFocused();
    await wizard.getByLabel("New code S3 key").focus();
    await page.keyboard.type("cart-stats-enricher-flink-2.2.jar");
    await wizard.getByRole("button", { name: "Review preflight" }).focus();
    await page.keyboard.press("Enter");
    await expect(wizard.getByRole("heading", { name: /^Preflight/ })).toBeFocused();
    await expect(wizard.getByRole("listitem").filter({ hasText: "2. Preflight" })).toHaveAttribute(
      "aria-current",
      "step",
    );
    await page.keyboard.press("Escape");
    await expect(wizard).toHaveCount(0);
    await expect(open).toBeFocused();

    const rollback = page.getByRole("button", { name: "Roll back to the previous version…" });
    await rollback.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByLabel("Why roll back?")).toBeFocused();
    await page.keyboard.type("checking the keyboard");
    await page.keyboard.press("Escape");
    await expect(page.getByLabel("Why roll back?")).toHaveCount(0);
    await expect(rollback).toBeFocused();
  });
});
