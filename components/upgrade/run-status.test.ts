import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import type { RunView } from "@/lib/upgrades/queries";
import { Decision, StatusBanner } from "./run-status";

// The rollback form navigates with the app router, which only exists inside a Next.js page.
vi.mock("next/navigation", () => ({ useRouter: () => ({ push: () => undefined, refresh: () => undefined }) }));

const run = (overrides: Partial<RunView>): RunView =>
  ({
    id: "r1",
    kind: "UPGRADE",
    appName: "orders",
    fromRuntime: "FLINK-1_20",
    toRuntime: "FLINK-2_2",
    createdAt: "2026-11-28T12:00:00.000Z",
    finishedAt: null,
    state: "ACTIVE",
    step: "update",
    outcome: null,
    verdict: null,
    updateCalledAt: "2026-11-28T12:01:00.000Z",
    awsStatus: "RUNNING on FLINK-1_20",
    retry: null,
    decisionReason: null,
    pendingCommand: null,
    ...overrides,
  }) as RunView;

function html<P extends object>(element: (props: P) => ReturnType<typeof createElement>, props: P): string {
  return renderToStaticMarkup(createElement(element, props));
}

describe("the run status", () => {
  it("says a step is retrying, which attempt, and why", () => {
    const out = html(StatusBanner, { run: run({ retry: { attempt: 3, reason: "throttled", since: null } }) });
    expect(out).toContain("Retrying (3rd attempt, throttled)");
  });

  it("says a recorded command waits for the current AWS call", () => {
    expect(html(StatusBanner, { run: run({ pendingCommand: "rollback" }) })).toContain(
      "Your rollback request is recorded",
    );
  });

  it("names the outcomes that are not successes", () => {
    const unverified = run({ state: "DONE", outcome: "UNVERIFIED", finishedAt: "2026-11-28T12:10:00.000Z" });
    expect(html(StatusBanner, { run: unverified })).toContain("its health was never proven");
    const cancelled = run({ state: "DONE", outcome: "CANCELLED", finishedAt: "2026-11-28T12:10:00.000Z" });
    expect(html(StatusBanner, { run: cancelled })).toContain("still runs Flink 1.20");
  });

  it("asks the engineer with the reason, and offers to keep the runtime only without proof", () => {
    const reason =
      "not proven healthy: no metrics since 12:02:00 UTC (RUNNING). Roll back, or keep Flink 2.2 without proof.";
    const waiting = run({ state: "NEEDS_DECISION", step: "observe", verdict: "INCONCLUSIVE", decisionReason: reason });
    const may = { rollback: true, control: true };
    const out = html(Decision, { run: waiting, onAbort: () => undefined, pending: false, may });
    expect(out).toContain("is not proven healthy on Flink 2.2");
    expect(out).toContain(reason);
    expect(out).toContain("Keep Flink 2.2 without proof (UNVERIFIED)");
    expect(out).toContain("Roll back now");
  });

  it("shows a person whose roles allow no decision the question, without the buttons", () => {
    const waiting = run({ state: "NEEDS_DECISION", step: "observe", verdict: "INCONCLUSIVE", decisionReason: "why" });
    const out = html(Decision, {
      run: waiting,
      onAbort: () => undefined,
      pending: false,
      may: { rollback: false, control: false },
    });
    expect(out).toContain("why");
    expect(out).not.toContain("Roll back now");
    expect(out).not.toContain("without proof (UNVERIFIED)");
  });
});
