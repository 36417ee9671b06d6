import { expect, test } from "./fixtures";

// On a phone (Lighthouse's mobile width, 412 px) every page fits the screen: wide tables scroll inside their own
// box, and long values (S3 keys, setting names) wrap, so the page itself never scrolls sideways.
const pages = [
  "/",
  "/upgrades",
  "/apps/123456789012/ap-southeast-2/cart-stats-enricher",
  "/campaigns",
  "/campaigns/new",
  "/approvals",
  "/controls",
  "/audit",
];

test.use({ viewport: { width: 412, height: 823 } });

test("every page fits a phone's width", async ({ page, app }) => {
  await app.waitForSync();
  for (const path of pages) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `${path} is ${width} px wide`).toBeLessThanOrEqual(412);
  }
  // A run page: one of the seed's runs made outside the dashboard.
  await page.goto("/upgrades?source=outside");
  await page.getByTestId("run-link").first().click();
  await expect(page).toHaveURL(/\/upgrades\/\w+$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(412);
});
