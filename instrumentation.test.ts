import { afterEach, beforeEach, expect, it, vi } from "vitest";

const startWorker = vi.fn();
vi.mock("@/lib/worker", () => ({ startWorker }));

beforeEach(() => {
  vi.resetModules();
  startWorker.mockClear();
  vi.stubEnv("NEXT_RUNTIME", "nodejs");
});

afterEach(() => vi.unstubAllEnvs());

it("starts the in-process worker by default", async () => {
  vi.stubEnv("WORKER", undefined);
  await (await import("./instrumentation")).register();
  expect(startWorker).toHaveBeenCalledOnce();
});

it("leaves the writing to `npm run worker` when WORKER=off", async () => {
  vi.stubEnv("WORKER", "off");
  await (await import("./instrumentation")).register();
  expect(startWorker).not.toHaveBeenCalled();
});
