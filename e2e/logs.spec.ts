import AxeBuilder from "@axe-core/playwright";
import { emulatorUrl, expect, test } from "./fixtures";

// The Logs panel as an engineer reads it before an upgrade: restarts and errors of the last 24 h, the types Flink
// serialises with Kryo (which break on 2.2), and whether there is a log at all — each also a risk factor.
test.describe("the application's logs", () => {
  test.beforeEach(async ({ app }) => {
    await app.waitForSync();
  });

  test("a looping 2.2 application shows its restarts and the exception behind them", async ({ page }) => {
    await page.goto("/apps/123456789012/eu-west-1/fx-rates-joiner");
    const logs = page.getByTestId("logs-panel");
    await expect(logs).toBeVisible({ timeout: 30_000 });
    await expect(logs.getByTestId("log-stream")).toContainText("writes its log to");
    const restarts = Number(
      (await logs.getByTestId("log-restarts").locator("span").first().textContent())!.replaceAll(",", ""),
    );
    expect(restarts).toBeGreaterThan(10);
    await expect(logs.getByTestId("log-errors")).toContainText(/StateMigrationException|KryoException/);
    await page.screenshot({ path: "test-results/app-logs-looping.png", fullPage: true });
  });

  test("a state-incompatible application names its Kryo types in the panel and in its risk", async ({ page }) => {
    await page.goto("/apps/123456789012/us-east-1/clickstream-sessionizer");
    const kryo = page.getByTestId("kryo-types");
    await expect(kryo).toContainText("com.example.", { timeout: 30_000 });
    const type = (await kryo.locator("code").first().textContent())!;
    const factor = page.getByTestId("risk-factor").filter({ hasText: "State types serialised with Kryo" });
    await expect(factor).toContainText(type);
  });

  test("while the logs are read (CloudWatch Logs slow), their place says so in readable text", async ({ page }) => {
    const fault = await fetch(`${emulatorUrl}/_emulator/faults`, {
      method: "POST",
      body: JSON.stringify({ service: "logs", latencyMs: 1500 }),
    });
    expect(fault.ok).toBe(true);
    try {
      // A link followed in the browser shows the page as it streams; goto would wait for the whole document.
      await page.goto("/?q=fx-rates-joiner");
      await page.getByRole("link", { name: "fx-rates-joiner", exact: true }).click();
      const reading = page.getByTestId("logs-loading");
      await expect(reading).toHaveText("Reading the application's logs…");
      const { violations } = await new AxeBuilder({ page }).include('[data-testid="logs-loading"]').analyze();
      expect(violations.map((v) => v.id)).toEqual([]);
      await expect(page.getByTestId("logs-panel")).toBeVisible({ timeout: 30_000 });
    } finally {
      await fetch(`${emulatorUrl}/_emulator/faults`, { method: "DELETE" });
    }
  });

  test("an application without a log stream says so, and it is a risk factor", async ({ page }) => {
    await page.goto("/apps/123456789012/us-east-1/legacy-geo-filter");
    await expect(page.getByTestId("log-stream")).toContainText("has no log stream", { timeout: 30_000 });
    await expect(page.getByTestId("risk-factor").filter({ hasText: "No application log stream" })).toBeVisible();
    await page.screenshot({ path: "test-results/app-logs-missing.png", fullPage: true });
  });
});
