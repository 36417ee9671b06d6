// The extra demo accounts' fleets (210987654321 payments-prod, 345678901234 analytics-dev), reached the way the
// dashboard reaches them: AssumeRole, then the real MSF client with the returned credentials.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, stsClient, type StartedEmulator } from "./harness";
import { ANALYTICS_DEV, PAYMENTS_PROD, PLATFORM, assume, fleetOf } from "./identity-helpers";

let emu: StartedEmulator;

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());

describe("extra demo accounts", () => {
  it("each has 12 apps over the fleet regions, sharing exactly orders-enricher (us-east-1) with the default fleet", async () => {
    const sts = stsClient(emu.url, "us-east-1");
    const platform = await fleetOf(emu.url);
    expect(platform).toHaveLength(72);
    const platformKeys = new Set(platform.map((a) => `${a.region}/${a.name}`));
    const platformNames = new Set(platform.map((a) => a.name));
    const fleets = new Map<string, Awaited<ReturnType<typeof fleetOf>>>();
    for (const account of [PAYMENTS_PROD, ANALYTICS_DEV]) {
      const { credentials } = await assume(sts, account, { sessionName: `sync-${account}` });
      const apps = await fleetOf(emu.url, credentials);
      fleets.set(account, apps);
      expect(apps).toHaveLength(12);
      expect(new Set(apps.map((a) => a.region))).toEqual(new Set(["us-east-1", "eu-west-1", "ap-southeast-2"]));
      expect(apps.filter((a) => a.region === "us-east-1")).toHaveLength(4);
      expect(apps.every((a) => a.arn === `arn:aws:kinesisanalytics:${a.region}:${account}:application/${a.name}`)).toBe(
        true,
      );
      expect(apps.filter((a) => platformNames.has(a.name)).map((a) => `${a.region}/${a.name}`)).toEqual([
        "us-east-1/orders-enricher",
      ]);
      expect(platformKeys.has("us-east-1/orders-enricher")).toBe(true);
    }
    const names = (account: string) => fleets.get(account)!.map((a) => a.name);
    expect(names(PAYMENTS_PROD).filter((n) => names(ANALYTICS_DEV).includes(n))).toEqual(["orders-enricher"]);
    const runtimeOf = (apps: Awaited<ReturnType<typeof fleetOf>>) =>
      apps.find((a) => a.region === "us-east-1" && a.name === "orders-enricher")!.runtime;
    expect([runtimeOf(platform), runtimeOf(fleets.get(PAYMENTS_PROD)!), runtimeOf(fleets.get(ANALYTICS_DEV)!)]).toEqual(
      ["FLINK-1_20", "FLINK-1_18", "FLINK-1_15"],
    );
  });

  it("is deterministic and appears in GET /_emulator/state once used or asked for by id", async () => {
    const other = await startEmulator();
    try {
      const before = await other.control.state();
      expect(before.accounts.map((a) => a.accountId)).toEqual([PLATFORM]);
      const res = await fetch(`${other.url}/_emulator/state?account=${PAYMENTS_PROD}`);
      const view = (await res.json()) as Awaited<ReturnType<typeof other.control.state>>;
      const apps = view.accounts[0]!.regions.flatMap((r) => r.apps.map((a) => `${r.region}/${a.name}`));
      expect(apps).toHaveLength(12);
      const mine = (await emu.control.state()).accounts.find((a) => a.accountId === PAYMENTS_PROD)!;
      expect(apps).toEqual(mine.regions.flatMap((r) => r.apps.map((a) => `${r.region}/${a.name}`)));
      expect((await other.control.state()).accounts.map((a) => a.accountId)).toEqual([PLATFORM, PAYMENTS_PROD]);
    } finally {
      await other.close();
    }
  });

  it("extraAccountApps sizes the extra fleets (0 = empty) without touching the default one", async () => {
    for (const [extraAccountApps, expected] of [
      [0, 0],
      [5, 5],
    ] as const) {
      const sized = await startEmulator({ extraAccountApps });
      try {
        const { credentials } = await assume(stsClient(sized.url, "us-east-1"), ANALYTICS_DEV);
        const apps = await fleetOf(sized.url, credentials);
        expect(apps).toHaveLength(expected);
        if (expected > 0) expect(apps.map((a) => a.name)).toContain("orders-enricher");
        expect(await fleetOf(sized.url)).toHaveLength(72);
      } finally {
        await sized.close();
      }
    }
  });
});
