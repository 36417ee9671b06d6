import type { Locator, Page } from "@playwright/test";
import { anotherPerson, expect, signInAs } from "./fixtures";

/** Opens the upgrade wizard of an application, fills a 2.2 upgrade and stops at the preflight screen. */
export async function fillUpgradeToPreflight(page: Page, region: string, name: string) {
  await page.goto(`/apps/123456789012/${region}/${name}`);
  await page.getByRole("button", { name: "Upgrade…" }).click();
  const wizard = page.getByTestId("upgrade-wizard");
  await expect(wizard.getByLabel("Target runtime")).toHaveValue("FLINK-2_2");
  await wizard.getByLabel("New code S3 key").fill(`${name}-flink-2.2.jar`);
  await wizard.getByRole("button", { name: "Review preflight" }).click();
  await expect(page.getByTestId("preflight")).toContainText("Flink 2.2");
  await confirmNameIfAsked(page, name);
  return wizard;
}

/** High-risk upgrades ask for the application's name before they can start. */
export async function confirmNameIfAsked(page: Page, name: string) {
  const confirm = page.getByTestId("upgrade-wizard").getByLabel(/type .* to confirm/);
  if (await confirm.count()) await confirm.fill(name);
}

/** The wizard's submit button: "Start upgrade", or "Request approval" for a production or high-risk upgrade. */
export function submitButton(page: Page): Locator {
  return page.getByTestId("upgrade-wizard").getByRole("button", { name: /^(Start upgrade|Request approval)$/ });
}

/**
 * Submits the filled wizard and waits on the run page. An upgrade that needs a second person's approval is
 * approved by Ada Approver in a browser context of her own, the way a colleague would.
 */
export async function submitUpgrade(page: Page): Promise<string> {
  const needsApproval = (await submitButton(page).textContent()) === "Request approval";
  await submitButton(page).click();
  await expect(page).toHaveURL(/\/upgrades\/\w+$/);
  const runPath = new URL(page.url()).pathname;
  if (needsApproval) {
    await expect(page.getByTestId("approval-waiting")).toBeVisible();
    await approveAs(page, runPath);
  }
  return runPath.split("/").pop()!;
}

/** Ada Approver opens the run in her own browser context and approves it. */
export async function approveAs(page: Page, runPath: string, note?: string) {
  const approver = await anotherPerson(page.context().browser()!);
  await signInAs(approver, "approver", runPath);
  if (note) await approver.getByLabel("Note (optional)").fill(note);
  await approver.getByRole("button", { name: "Approve and start" }).click();
  await expect(approver.getByTestId("approval-decision")).toContainText("Approved by approver@example.com");
  await approver.close();
}
