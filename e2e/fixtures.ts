import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Browser, type Page } from "@playwright/test";

export const emulatorUrl = "http://127.0.0.1:4590";

export interface SeededApp {
  /** the account id (state lists it per account) */
  account: string;
  region: string;
  name: string;
  status: string;
  runtime: string;
  scenario: string;
}

interface StateView {
  accounts: { accountId: string; regions: { region: string; apps: Omit<SeededApp, "account">[] }[] }[];
}

export interface Emulator {
  reset(): Promise<void>;
  apps(): Promise<SeededApp[]>;
  setScenario(region: string, name: string, scenario: string): Promise<void>;
}

/** The seeded users of the local identity provider (idp/users.ts), by the name on their sign-in button. */
export const people = {
  viewer: "Vera Viewer",
  engineer: "Eli Engineer",
  approver: "Ada Approver",
  manager: "Max Manager",
  admin: "Ana Admin",
  /** an engineer who is also an approver, with no team: she still cannot approve her own requests */
  engineer2: "Erin Engineer",
} as const;

// The addresses axe has checked in this worker. axe takes seconds on a 50-row table, and every journey lands on the
// fleet page when it signs in: each address is checked the first time a journey is on it.
const checked = new Set<string>();

/**
 * axe on the page as it is now: a journey fails on any serious or critical violation. Pages of the dashboard only
 * (the local identity provider stands in for a company's own).
 */
export async function expectAccessible(page: Page) {
  const url = new URL(page.url());
  if (url.origin !== new URL(test.info().project.use.baseURL!).origin) return;
  if (checked.has(url.pathname + url.search)) return;
  checked.add(url.pathname + url.search);
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .analyze();
  const blocking = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help}; ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
  expect(blocking, `axe on ${page.url()}`).toEqual([]);
}

/** page.goto that runs axe on every page it lands on. */
function checkingEachPage(page: Page): Page {
  const goto = page.goto.bind(page);
  page.goto = async (url, options) => {
    const response = await goto(url, options);
    await expectAccessible(page);
    return response;
  };
  return page;
}

/** A second person's browser: a context of its own (its own cookies), which axe also needs. */
export async function anotherPerson(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

/** Signs in through the real flow: the dashboard's sign-in page, then one click on the identity provider's page. */
export async function signInAs(page: Page, who: keyof typeof people, returnTo = "/") {
  await page.context().clearCookies();
  await page.goto(`/login?returnTo=${encodeURIComponent(returnTo)}`);
  await page.getByRole("link", { name: "Sign in with your identity provider" }).click();
  await page.getByRole("button", { name: new RegExp(`^Sign in as ${people[who]}`) }).click();
  await expect(page.getByTestId("signed-in-as")).toContainText(people[who]);
  await expectAccessible(page);
}

export interface App {
  /** Waits until an inventory sync that started after `since` has finished. */
  waitForSync(since?: Date): Promise<void>;
}

// Fixtures refuse to run against anything but the local emulator and app: a guard against real AWS.
export const test = base.extend<{ emulator: Emulator; app: App }>({
  // Every journey starts signed in as an admin (who may do everything); role journeys sign in again as someone else.
  // axe runs on every page a journey opens with goto, where each sign-in lands, and where the journey ends.
  page: async ({ page }, use, testInfo) => {
    await signInAs(page, "admin");
    await use(checkingEachPage(page));
    if (testInfo.status === testInfo.expectedStatus && !page.isClosed()) await expectAccessible(page);
  },
  emulator: async ({ baseURL }, use) => {
    expect(baseURL).toMatch(/^http:\/\/127\.0\.0\.1:/);
    await use({
      async reset() {
        // The dashboard under test holds STS sessions: the fleet resets, the identities stay.
        const res = await fetch(`${emulatorUrl}/_emulator/reset`, { method: "POST", body: '{"keepIdentity":true}' });
        expect(res.ok).toBe(true);
      },
      async setScenario(region, name, scenario) {
        const res = await fetch(`${emulatorUrl}/_emulator/apps/${region}/${name}/scenario`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ scenario }),
        });
        expect(res.ok).toBe(true);
      },
      async apps() {
        const res = await fetch(`${emulatorUrl}/_emulator/state`);
        expect(res.ok).toBe(true);
        const state = (await res.json()) as StateView;
        return state.accounts.flatMap((a) =>
          a.regions.flatMap((r) => r.apps.map((app) => ({ ...app, region: r.region, account: a.accountId }))),
        );
      },
    });
  },
  app: async ({ page }, use) => {
    const waitForSync = async (since = new Date(0)) => {
      await expect
        .poll(
          async () => {
            const res = await page.request.get("/api/sync");
            const body = (await res.json()) as { active: unknown; lastFinished: { startedAt: string } | null };
            return !body.active && body.lastFinished !== null && new Date(body.lastFinished.startedAt) >= since;
          },
          { timeout: 60_000, intervals: [250] },
        )
        .toBe(true);
    };
    await use({ waitForSync });
  },
});

export { expect };
