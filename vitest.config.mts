import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": import.meta.dirname } },
  test: {
    include: ["**/*.test.ts"],
    // *.pg.test.ts need a PostgreSQL server: only `npm run test:pg` runs them (vitest.postgres.config.mts).
    exclude: ["node_modules/**", "e2e/**", ".next/**", "generated/**", "**/*.pg.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
