import { defineConfig, devices } from "@playwright/test";

// The e2e suite runs `npm start`'s own launcher on its own ports and database, with the emulator
// at test speed, so the journeys exercise exactly what a user starts.
const port = 3100;
const emulatorPort = 4590;
const idpPort = 4690;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    command: "node scripts/start.mjs --fresh",
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: String(port),
      EMULATOR_PORT: String(emulatorPort),
      EMULATOR_SPEED: "test",
      DATABASE_URL: "file:./data/e2e.db",
      IDP_PORT: String(idpPort),
      APP_URL: `http://127.0.0.1:${port}`,
    },
  },
});
