import { defineConfig } from "vitest/config";
import base from "./vitest.config.mts";

// `npm run test:pg`: the integration suites that write, claim and lease, again on PostgreSQL (ADR 12). Each file
// gets a database of its own on the server TEST_POSTGRES_URL names (scripts/with-postgres.mjs starts one).
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    // Replaces the base list (a merge would add to it and run everything).
    exclude: base.test!.exclude!.filter((pattern) => pattern !== "**/*.pg.test.ts"),
    include: [
      "lib/**/*.pg.test.ts",
      "lib/db-engines.test.ts",
      "lib/fleet/sync.test.ts",
      "lib/fleet/code-scan.test.ts",
      "lib/history/outside.test.ts",
      "lib/approvals/approvals.test.ts",
      "lib/upgrades/code-gate.test.ts",
      "lib/upgrades/resume.test.ts",
      "lib/campaigns/resume.test.ts",
      "lib/actions/action.test.ts",
      "lib/two-instances.test.ts",
      "lib/aws/accounts.test.ts",
    ],
  },
});
