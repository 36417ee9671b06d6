import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

/** Opens the upgrade wizard of an application, fills a 2.2 upgrade and stops at the preflight screen. */
export async function fillUpgradeToPreflight(page: Page, region: string, name: string) {
  await page.goto(`/apps/${region}/${name}`);
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
