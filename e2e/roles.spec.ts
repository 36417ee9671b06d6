import { readFileSync } from "node:fs";
import type { APIRequestContext } from "@playwright/test";
import { anotherPerson, emulatorUrl, expect, signInAs, test } from "./fixtures";
import { fillUpgradeToPreflight, submitButton } from "./wizard";

// Who may do what, through the real sign-in flow: the local identity provider's seeded users, one per role.

/** A server action's id from the production build's own manifest, to post it the way Next's client does. */
function actionId(exportedName: string): string {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { exportedName: string }>;
  };
  const found = Object.entries(manifest.node).find(([, v]) => v.exportedName === exportedName);
  expect(found, `action ${exportedName} in the build`).toBeDefined();
  return found![0];
}

async function postAction(request: APIRequestContext, page: string, name: string, args: unknown[]) {
  const res = await request.post(page, {
    headers: { "Next-Action": actionId(name), Accept: "text/x-component", "Content-Type": "text/plain;charset=UTF-8" },
    data: JSON.stringify(args),
  });
  return { status: res.status(), body: await res.text() };
}

async function awsMutations(): Promise<number> {
  const { calls } = (await (await fetch(`${emulatorUrl}/_emulator/calls`)).json()) as {
    calls: { operation: string; count: number }[];
  };
  return calls
    .filter((c) => ["UpdateApplication", "RollbackApplication", "CreateApplicationSnapshot"].includes(c.operation))
    .reduce((n, c) => n + c.count, 0);
}

test.describe("roles", () => {
  test("four eyes: an engineer requests a production upgrade, an approver approves, the run succeeds", async ({
    page,
    browser,
  }) => {
    test.setTimeout(120_000);
    // Erin holds the approver role too, and still cannot approve her own request.
    await signInAs(page, "engineer2", "/");
    await fillUpgradeToPreflight(page, "eu-west-1", "orders-enricher");
    await expect(page.getByTestId("approval-needed")).toContainText("production application (tag env=prod)");
    const before = await awsMutations();
    // Posted the way Next posts an action, skipping the wizard: refused, nothing sent.
    const direct = await postAction(
      page.request,
      "/apps/123456789012/eu-west-1/orders-enricher",
      "startUpgradeAction",
      [
        {
          account: "123456789012",
          region: "eu-west-1",
          name: "orders-enricher",
          targetRuntime: "FLINK-2_2",
          codeKey: "orders-enricher-flink-2.2.jar",
          expectedVersionId: 1,
          enableRollback: true,
          enableSnapshots: true,
          takeSnapshot: true,
          confirmName: "orders-enricher",
          policy: {
            observationSeconds: 30,
            restartThreshold: 2,
            failedCheckpointThreshold: 2,
            checkpointDurationFactor: 2,
            autoRollback: true,
          },
        },
      ],
    );
    expect(direct.body).toContain("needs a second person's approval");
    await submitButton(page).click();
    await expect(page).toHaveURL(/\/upgrades\/\w+$/);
    await expect(page.getByTestId("approval-waiting")).toContainText("you cannot approve it yourself");
    await expect(page.getByRole("button", { name: "Approve and start" })).toHaveCount(0);
    const runPath = new URL(page.url()).pathname;
    const own = await postAction(page.request, runPath, "approveUpgradeAction", [{ runId: runPath.split("/").pop() }]);
    expect(own.body).toContain("a second person must");
    expect(await awsMutations()).toBe(before);
    await page.screenshot({ path: "test-results/approval-waiting.png", fullPage: true });

    const ada = await anotherPerson(browser);
    await signInAs(ada, "approver", "/approvals");
    await ada.getByTestId("approval-row").filter({ hasText: "orders-enricher" }).getByRole("link").click();
    await expect(ada.getByTestId("approval-panel")).toContainText("Requested by engineer2@example.com");
    await expect(ada.getByTestId("approval-panel")).toContainText("Flink 1.15 → Flink 2.2");
    await ada.screenshot({ path: "test-results/approval-decide.png", fullPage: true });
    await ada.getByLabel("Note (optional)").fill("change window agreed");
    await ada.getByRole("button", { name: "Approve and start" }).click();
    await expect(ada.getByTestId("approval-decision")).toContainText("Approved by approver@example.com");
    await ada.close();

    await expect(page.getByTestId("run-outcome")).toContainText("Outcome: SUCCEEDED", { timeout: 90_000 });
    await expect(page.getByTestId("approval-decision")).toContainText("change window agreed");
    await page.goto("/upgrades");
    await expect(page.getByTestId("history-approval").first()).toContainText(
      "approval approved by approver@example.com",
    );
  });

  test("a visitor who is not signed in is sent to sign in, and the API answers 401", async ({ browser }) => {
    const page = await anotherPerson(browser);
    const response = await page.goto("/apps/123456789012/us-east-1/orders-enricher");
    const headers = (await response!.request().redirectedFrom()?.response())?.headers() ?? response!.headers();
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    await expect(page).toHaveURL(/\/login\?returnTo=%2Fapps%2F123456789012%2Fus-east-1%2Forders-enricher/);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await page.screenshot({ path: "test-results/login.png" });
    expect((await page.request.get("/api/sync")).status()).toBe(401);
    await page.getByRole("link", { name: "Sign in with your identity provider" }).click();
    await expect(page.getByRole("button", { name: /^Sign in as Vera Viewer/ })).toBeVisible();
    await page.screenshot({ path: "test-results/idp-sign-in.png" });
    await page.close();
  });

  test("a viewer sees no Upgrade button, and a forged action post changes nothing", async ({ page }) => {
    await signInAs(page, "viewer", "/apps/123456789012/us-east-1/orders-enricher");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("orders-enricher");
    await expect(page.getByTestId("no-upgrade-role")).toContainText("viewer");
    await expect(page.getByRole("button", { name: /^Upgrade/ })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /Roll back/ })).toHaveCount(0);
    const before = await awsMutations();
    const forged = await postAction(
      page.request,
      "/apps/123456789012/us-east-1/orders-enricher",
      "requestRollbackAction",
      [{ account: "123456789012", region: "us-east-1", name: "orders-enricher", reason: "forged by a viewer" }],
    );
    expect(forged.body).toContain("do not allow this (rollback.request)");
    expect(await awsMutations()).toBe(before);
    await page.goto("/upgrades");
    await expect(page.getByText("forged by a viewer")).toHaveCount(0);
    await expect(page.getByTestId("export-csv")).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Audit", exact: true })).toHaveCount(0);
    expect((await page.request.get("/audit/export")).status()).toBe(403);
    expect((await page.request.get("/upgrades/export")).status()).toBe(403);
    await page.screenshot({ path: "test-results/role-viewer.png", fullPage: true });
  });

  test("a manager reads and downloads the history CSV, and cannot start an upgrade", async ({ page }) => {
    await signInAs(page, "manager", "/upgrades");
    const csv = await page.request.get("/upgrades/export");
    expect(csv.status()).toBe(200);
    expect((await csv.text()).split("\r\n")[0]).toContain("run_id,application,account,account_name,region");
    const forged = await postAction(
      page.request,
      "/apps/123456789012/eu-west-1/orders-enricher",
      "startUpgradeAction",
      [{}],
    );
    expect(forged.body).toContain("do not allow this (upgrade.start)");
    // The audit trail: the manager's own sign-in is on it, and its CSV has the same rows.
    await page.getByRole("link", { name: "Audit", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Audit trail" })).toBeVisible();
    const mine = page.getByTestId("audit-row").filter({ hasText: "manager@example.com" });
    await expect(mine.first()).toContainText("signed-in");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("audit-csv").click()]);
    const lines = readFileSync((await download.path())!, "utf8")
      .split("\r\n")
      .filter(Boolean);
    expect(lines[0]).toBe("id,at_utc,actor,roles,action,target,before,after,request_id");
    expect(lines.length - 1).toBe(await page.getByTestId("audit-row").count());
    expect(lines.some((l) => l.includes("manager@example.com,manager,signed-in"))).toBe(true);
    await page.screenshot({ path: "test-results/audit.png", fullPage: true });
  });

  test("an engineer scoped to teams acts only on their applications; signing out ends the session", async ({
    page,
  }) => {
    // Eli's groups name the payments and trading teams: another team's application has no upgrade controls.
    await signInAs(page, "engineer", "/apps/123456789012/ap-southeast-2/telemetry-downsampler");
    await expect(page.getByTestId("out-of-scope")).toContainText("you act for payments, trading only");
    await expect(page.getByRole("button", { name: /^Upgrade/ })).toHaveCount(0);
    const forged = await postAction(
      page.request,
      "/apps/123456789012/ap-southeast-2/telemetry-downsampler",
      "requestRollbackAction",
      [
        {
          account: "123456789012",
          region: "ap-southeast-2",
          name: "telemetry-downsampler",
          reason: "forged out of scope",
        },
      ],
    );
    expect(forged.body).toContain("you act for payments, trading only");
    await fillUpgradeToPreflight(page, "eu-west-1", "price-tick-normalizer");
    await expect(page.getByTestId("approval-needed")).toContainText("production application (tag env=prod)");
    await page.getByRole("button", { name: "Sign out" }).click();
    // The identity provider asks to confirm its own sign-out.
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    expect((await page.request.get("/api/sync")).status()).toBe(401);
  });
});
