import { expect, test } from "./fixtures";

test.describe("fleet inventory", () => {
  test.beforeEach(async ({ app }) => {
    await app.waitForSync();
  });

  test("lists every seeded application with its risk", async ({ page, emulator }) => {
    const apps = await emulator.apps();
    await page.goto("/?pageSize=200");
    await expect(page.getByRole("heading", { name: "Fleet" })).toBeVisible();
    await expect(page.getByTestId("fleet-row")).toHaveCount(apps.length);
    for (const app of apps) {
      const row = page
        .getByTestId("fleet-row")
        .filter({ has: page.getByRole("link", { name: app.name, exact: true }) })
        .filter({ has: page.locator(`[title="${app.account}"]`) })
        .filter({ hasText: app.region });
      await expect(row).toHaveCount(1);
      await expect(row.getByText(/^(low|medium|high|blocked)/)).toBeVisible();
    }
    await page.screenshot({ path: "test-results/fleet.png", fullPage: true });
  });

  test("shows 25 applications a page, and more when a person asks", async ({ page, emulator }) => {
    const apps = await emulator.apps();
    expect(apps.length).toBeGreaterThan(25);
    await page.goto("/");
    const rows = page.getByTestId("fleet-row");
    await expect(rows).toHaveCount(25);
    await expect(page.getByTestId("fleet-count")).toHaveText(`1–25 of ${apps.length}`);
    await page.getByRole("link", { name: "100 rows per page" }).click();
    await expect(page).toHaveURL(/pageSize=100/);
    await expect(rows).toHaveCount(Math.min(100, apps.length));
    await expect(page.getByTestId("page-sizes").locator('[aria-current="true"]')).toHaveText("100");
  });

  test("the fleet spans three accounts: an account column, a filter, and one page per account's application", async ({
    page,
    emulator,
  }) => {
    const apps = await emulator.apps();
    const byAccount = new Map<string, number>();
    for (const app of apps) byAccount.set(app.account, (byAccount.get(app.account) ?? 0) + 1);
    expect([...byAccount.keys()].sort()).toEqual(["123456789012", "210987654321", "345678901234"]);
    await page.goto("/?pageSize=200");
    const rows = page.getByTestId("fleet-row");
    await expect(rows).toHaveCount(apps.length);
    await page.getByLabel("Account").selectOption({ label: "payments-prod (210987654321)" });
    await expect(page).toHaveURL(/account=210987654321/);
    await expect(rows).toHaveCount(byAccount.get("210987654321")!);
    await expect(rows.filter({ hasNotText: "payments-prod" })).toHaveCount(0);
    await page.screenshot({ path: "test-results/fleet-account.png", fullPage: true });
    // The same name in another account is another application, with its own page.
    const shared = apps.find(
      (a) =>
        a.account === "210987654321" &&
        apps.some((b) => b.account !== a.account && b.name === a.name && b.region === a.region),
    )!;
    await rows.getByRole("link", { name: shared.name, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/apps/210987654321/${shared.region}/${shared.name}$`));
    await expect(page.getByTestId("app-account")).toHaveText("payments-prod (210987654321)");
    await page.goto(`/apps/123456789012/${shared.region}/${shared.name}`);
    await expect(page.getByTestId("app-account")).toHaveText("platform (123456789012)");
  });

  test("filters narrow the table and survive a reload", async ({ page }) => {
    await page.goto("/?pageSize=200");
    const rows = page.getByTestId("fleet-row");
    const total = await rows.count();
    // Two changes in quick succession: the second must not drop the first.
    await page.getByLabel("Risk").selectOption("high");
    await page.getByLabel("Region").selectOption("eu-west-1");
    await expect(page).toHaveURL(/risk=high/);
    await expect(page).toHaveURL(/region=eu-west-1/);
    await expect(async () => {
      const n = await rows.count();
      expect(n).toBeGreaterThan(0);
      expect(n).toBeLessThan(total);
    }).toPass();
    await expect(rows.filter({ hasNotText: "eu-west-1" })).toHaveCount(0);
    await expect(rows.filter({ hasNotText: "high" })).toHaveCount(0);
    const narrowed = await rows.count();

    await page.reload();
    await expect(page.getByLabel("Risk")).toHaveValue("high");
    await expect(page.getByLabel("Region")).toHaveValue("eu-west-1");
    await expect(rows).toHaveCount(narrowed);

    await page.getByLabel("Search").fill("orders");
    await expect(page).toHaveURL(/q=orders/);
    await expect(rows.filter({ hasNotText: "orders" })).toHaveCount(0);
  });

  test("the application page explains each risk factor", async ({ page }) => {
    await page.goto("/?risk=high&pageSize=200");
    const first = page.getByTestId("fleet-row").first().getByRole("link").first();
    const name = await first.textContent();
    await first.click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(name!);
    const factors = page.getByTestId("risk-factor");
    expect(await factors.count()).toBeGreaterThan(0);
    for (const factor of await factors.all()) {
      await expect(factor.getByText("Why it matters")).toBeVisible();
      await expect(factor.getByText("What to do")).toBeVisible();
      await expect(factor.locator("dd").first()).not.toBeEmpty();
    }
    await expect(page.getByTestId("configuration")).toBeVisible();
    await expect(page.getByTestId("versions")).toBeVisible();
    await page.screenshot({ path: "test-results/app-page.png", fullPage: true });
  });

  test("Sync now runs a sync in the background and the page shows when it finished", async ({ page, app }) => {
    await page.goto("/");
    const status = page.getByTestId("sync-status");
    const button = status.getByRole("button", { name: "Sync now" });
    await expect(button).toBeEnabled();
    const clickedAt = new Date();
    await button.click();
    await app.waitForSync(clickedAt);
    // A full sync ran at start: this one reads only what changed, and says when the last full one was.
    await expect(status).toContainText(/Last sync \d+ s ago · incremental: \d+ read, \d+ unchanged · succeeded/);
    await expect(status).toContainText(/last full sync \d+ (s|min) ago/);
    await expect(status.getByRole("button", { name: "Sync now" })).toBeEnabled();
    const fullAt = new Date();
    await status.getByRole("button", { name: "Full sync" }).click();
    await app.waitForSync(fullAt);
    await expect(status).toContainText(/Last sync \d+ s ago · full: \d+ applications read · succeeded/);
  });

  test("Sync now works before the page's JavaScript has loaded (the form posts to the server action)", async ({
    page,
    app,
  }) => {
    // A slow network: the HTML is there but the app's bundles are not, so React has not hydrated.
    await page.route("**/_next/static/chunks/**/*.js", (route) => route.abort());
    await page.goto("/");
    const clickedAt = new Date();
    await page.getByRole("button", { name: "Sync now" }).click();
    await app.waitForSync(clickedAt);
  });

  test("an unknown application is a 404 page", async ({ page }) => {
    const response = await page.goto("/apps/123456789012/us-east-1/no-such-application");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    const run = await page.goto("/upgrades/no-such-run");
    expect(run?.status()).toBe(404);
    await expect(page.getByText("There is no upgrade run with this id.")).toBeVisible();
  });
});
