import { anotherPerson, expect, signInAs, test } from "./fixtures";
import { fillUpgradeToPreflight, submitButton } from "./wizard";

// The change controls as an admin uses them: a freeze window refused for a bad cron (nothing typed is lost), then
// stop-the-line, which the wizard obeys at once, and which a viewer sees but cannot touch.

test.describe("change controls", () => {
  // Stop-the-line is fleet-wide: whatever happens here, the journeys after this one must find the line running.
  test.afterEach(async ({ page }) => {
    await signInAs(page, "admin", "/controls");
    const stop = page.getByTestId("stop-the-line");
    if ((await stop.getAttribute("data-stopped")) !== "true") return;
    await stop.getByRole("switch").click();
    await stop.getByRole("button", { name: "Confirm: let upgrades start again" }).click();
    await expect(stop.getByTestId("stop-state")).toHaveText("off");
  });

  test("a bad cron is refused under its field; stop-the-line holds the wizard until it is off", async ({ page }) => {
    await page.goto("/controls");
    const form = page.getByTestId("window-form");
    await form.getByLabel("Name").fill("quarter close");
    await form.getByLabel("Cron (starts)").fill("0 25 * * *");
    await form.getByLabel("Duration (minutes)").fill("120");
    await form.getByLabel("Accounts (optional)").fill("payments-prod");
    await form.getByRole("button", { name: "Add window" }).click();
    await expect(form.getByLabel("Cron (starts)")).toHaveAttribute("aria-invalid", "true");
    await expect(form.getByLabel("Accounts (optional)")).toHaveAttribute("aria-invalid", "true");
    await expect(form).toContainText('"payments-prod" is not an AWS account ID');
    await expect(form.getByLabel("Name")).toHaveValue("quarter close");
    await expect(form.getByLabel("Cron (starts)")).toHaveValue("0 25 * * *");
    await expect(form.getByLabel("Accounts (optional)")).toHaveValue("payments-prod");

    // Fixed, it is added for that account alone (New Year's first minute: it holds nothing the later journeys do).
    await form.getByLabel("Cron (starts)").fill("0 0 1 1 *");
    await form.getByLabel("Duration (minutes)").fill("1");
    await form.getByLabel("Accounts (optional)").fill("210987654321");
    await form.getByRole("button", { name: "Add window" }).click();
    const row = page.getByTestId("window-row").filter({ hasText: "quarter close" });
    await expect(row).toContainText("account payments-prod (210987654321)");
    await row.getByRole("button", { name: "Delete window quarter close" }).click();
    await row.getByRole("button", { name: "Confirm: delete window quarter close" }).click();
    await expect(row).toHaveCount(0);

    const stop = page.getByTestId("stop-the-line");
    await stop.getByRole("switch").click();
    await stop.getByLabel(/Why stop the line/).fill("incident INC-4711");
    await stop.getByRole("button", { name: "Confirm: stop every new upgrade" }).click();
    await expect(stop.getByTestId("stop-state")).toHaveText("ON");
    await page.screenshot({ path: "test-results/controls.png", fullPage: true });

    await fillUpgradeToPreflight(page, "us-east-1", "invoice-changes-compactor");
    await submitButton(page).click();
    await expect(page.getByTestId("upgrade-wizard").getByRole("alert").first()).toContainText(
      "Stop-the-line is on (by admin@example.com: incident INC-4711)",
    );

    const viewer = await anotherPerson(page.context().browser()!);
    await signInAs(viewer, "viewer", "/controls");
    await expect(viewer.getByTestId("stop-state")).toHaveText("ON");
    await expect(viewer.getByRole("switch")).toHaveCount(0);
    await viewer.close();
  });
});
