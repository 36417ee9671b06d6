import { test as base, expect } from "@playwright/test";

export const emulatorUrl = "http://127.0.0.1:4590";

// Refuse to run against anything but the local emulator and app (a guard against real AWS).
export const test = base.extend<{ emulator: { reset(): Promise<void>; state(): Promise<EmulatorState> } }>({
  emulator: async ({ baseURL }, use) => {
    expect(baseURL).toMatch(/^http:\/\/127\.0\.0\.1:/);
    await use({
      async reset() {
        const res = await fetch(`${emulatorUrl}/_emulator/reset`, { method: "POST" });
        expect(res.ok).toBe(true);
      },
      async state() {
        const res = await fetch(`${emulatorUrl}/_emulator/state`);
        expect(res.ok).toBe(true);
        return (await res.json()) as EmulatorState;
      },
    });
  },
});

export interface EmulatorState {
  accounts: { accountId: string; regions: { region: string; apps: { name: string; status: string; runtime: string }[] }[] }[];
}

export { expect };
