// STS AssumeRole / GetCallerIdentity through the real @aws-sdk/client-sts (awsQuery on the wire).
import { AssumeRoleCommand, GetCallerIdentityCommand, type STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, stsClient, type StartedEmulator } from "./harness";
import { expectAwsError } from "./msf-helpers";
import {
  ANALYTICS_DEV,
  EXTERNAL_ID,
  PAYMENTS_PROD,
  PLATFORM,
  assume,
  denied,
  fleetOf,
  roleArn,
} from "./identity-helpers";

let emu: StartedEmulator;
let sts: STSClient;

beforeAll(async () => {
  emu = await startEmulator();
  sts = stsClient(emu.url, "us-east-1");
});
afterAll(() => emu.close());
beforeEach(() => emu.control.reset());

const assumeRole = (input: Partial<ConstructorParameters<typeof AssumeRoleCommand>[0]>, client = sts) =>
  client.send(new AssumeRoleCommand({ RoleArn: roleArn(PAYMENTS_PROD), RoleSessionName: "dash", ...input }));

describe("GetCallerIdentity", () => {
  it("answers the demo user for long-term keys and the assumed role for a session", async () => {
    const me = await sts.send(new GetCallerIdentityCommand({}));
    expect(me).toMatchObject({ Account: PLATFORM, Arn: `arn:aws:iam::${PLATFORM}:user/demo` });
    expect(me.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);

    const session = await assume(sts, PAYMENTS_PROD, { sessionName: "who-am-i" });
    const them = await stsClient(emu.url, "us-east-1", { credentials: session.credentials }).send(
      new GetCallerIdentityCommand({}),
    );
    expect(them.Account).toBe(PAYMENTS_PROD);
    expect(them.Arn).toBe(`arn:aws:sts::${PAYMENTS_PROD}:assumed-role/MsfFleetDashboard/who-am-i`);
    expect(them.UserId).toBe(session.assumedRoleId);
    expect(them.UserId).toMatch(/^AROA[A-Z2-7]{17}:who-am-i$/);
  });
});

describe("AssumeRole", () => {
  it("issues ASIA credentials valid for DurationSeconds (default 3600) and acts in the role's account", async () => {
    const before = Date.now();
    const session = await assume(sts, PAYMENTS_PROD, { sessionName: "fleet-sync" });
    expect(session.credentials.accessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(session.credentials.secretAccessKey).toHaveLength(40);
    expect(session.credentials.sessionToken!.length).toBeGreaterThan(100);
    expect(session.arn).toBe(`arn:aws:sts::${PAYMENTS_PROD}:assumed-role/MsfFleetDashboard/fleet-sync`);
    const lifetime = session.expiration.getTime() - before;
    expect(lifetime).toBeGreaterThan(3_598_000);
    expect(lifetime).toBeLessThanOrEqual(3_601_000);
    const short = await assume(sts, PAYMENTS_PROD, { durationSeconds: 900 });
    expect(short.expiration.getTime() - Date.now()).toBeLessThanOrEqual(900_000);

    const apps = await fleetOf(emu.url, session.credentials);
    expect(apps).toHaveLength(12);
    expect(apps.every((a) => a.arn.includes(`:${PAYMENTS_PROD}:application/`))).toBe(true);
  });

  it("requires the ExternalId of analytics-dev's role; a missing or wrong one is AccessDenied", async () => {
    const arn = roleArn(ANALYTICS_DEV);
    const missing = await expectAwsError(assumeRole({ RoleArn: arn }), "AccessDenied", 403);
    expect(missing.message).toBe(denied(arn));
    const wrong = await expectAwsError(assumeRole({ RoleArn: arn, ExternalId: "not-the-one" }), "AccessDenied", 403);
    expect(wrong.message).toBe(denied(arn));
    const ok = await assumeRole({ RoleArn: arn, ExternalId: EXTERNAL_ID });
    expect(ok.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ANALYTICS_DEV}:assumed-role/MsfFleetDashboard/dash`);
    // A role whose trust policy has no ExternalId condition ignores one.
    expect((await assumeRole({ ExternalId: "anything-goes" })).Credentials?.AccessKeyId).toMatch(/^ASIA/);
  });

  it("refuses roles that do not exist (other names, other accounts, the suspended account) with AccessDenied", async () => {
    for (const arn of [
      roleArn(PAYMENTS_PROD, "Admin"),
      roleArn("456789012345"),
      roleArn("111122223333"),
      `arn:aws:iam::${PAYMENTS_PROD}:role/team/MsfFleetDashboard`,
    ]) {
      const err = await expectAwsError(assumeRole({ RoleArn: arn }), "AccessDenied", 403);
      expect(err.message).toBe(denied(arn));
    }
    await expectAwsError(assumeRole({ RoleArn: "not-an-arn-but-long-enough" }), "ValidationError", 400);
  });

  it("validates RoleSessionName and DurationSeconds with STS's messages", async () => {
    const cases: [Partial<ConstructorParameters<typeof AssumeRoleCommand>[0]>, string][] = [
      [
        { RoleSessionName: "a" },
        "1 validation error detected: Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2",
      ],
      [
        { RoleSessionName: "has space" },
        "1 validation error detected: Value 'has space' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
      ],
      [
        { RoleSessionName: "x".repeat(65) },
        `1 validation error detected: Value '${"x".repeat(65)}' at 'roleSessionName' failed to satisfy constraint: Member must have length less than or equal to 64`,
      ],
      [
        { DurationSeconds: 899 },
        "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
      ],
      [
        { DurationSeconds: 43201, RoleSessionName: "a" },
        "2 validation errors detected: Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2; Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200",
      ],
      [{ DurationSeconds: 3601 }, "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."],
    ];
    for (const [input, message] of cases) {
      const err = await expectAwsError(assumeRole(input), "ValidationError", 400);
      expect(err.message).toBe(message);
    }
    expect((await assumeRole({ DurationSeconds: 3600, RoleSessionName: "a=b,c.d@e-f_g+h" })).Credentials).toBeDefined();
  });

  it("does not let a session assume a role (the trust policies name only the demo user)", async () => {
    const session = await assume(sts, PAYMENTS_PROD, { sessionName: "chain" });
    const chained = stsClient(emu.url, "us-east-1", { credentials: session.credentials });
    const err = await expectAwsError(assumeRole({ RoleArn: roleArn(PLATFORM) }, chained), "AccessDenied", 403);
    expect(err.message).toBe(denied(roleArn(PLATFORM), session.arn));
  });
});

describe("POST /_emulator/roles and reset", () => {
  it("changes trust and ExternalId, creates roles, and reset restores the defaults and forgets sessions", async () => {
    await emu.control.setRole({ accountId: PAYMENTS_PROD, roleName: "MsfFleetDashboard", assumable: false });
    await expectAwsError(assumeRole({}), "AccessDenied", 403);
    await emu.control.setRole({
      accountId: PAYMENTS_PROD,
      roleName: "MsfFleetDashboard",
      externalId: "rotated-id",
      assumable: true,
    });
    await expectAwsError(assumeRole({}), "AccessDenied", 403);
    expect((await assumeRole({ ExternalId: "rotated-id" })).Credentials).toBeDefined();

    await emu.control.setRole({ accountId: "111122223333", roleName: "Reader", assumable: true });
    const other = await assumeRole({ RoleArn: roleArn("111122223333", "Reader") });
    const otherCredentials = {
      accessKeyId: other.Credentials!.AccessKeyId!,
      secretAccessKey: other.Credentials!.SecretAccessKey!,
      sessionToken: other.Credentials!.SessionToken!,
    };
    // Any account other than the two extra demo accounts has the default demo fleet.
    expect(await fleetOf(emu.url, otherCredentials)).toHaveLength(72);

    await emu.control.reset();
    expect((await assumeRole({})).Credentials).toBeDefined();
    await expectAwsError(assumeRole({ RoleArn: roleArn("111122223333", "Reader") }), "AccessDenied", 403);
    const forgotten = stsClient(emu.url, "us-east-1", { credentials: otherCredentials });
    await expectAwsError(forgotten.send(new GetCallerIdentityCommand({})), "InvalidClientTokenId", 403);
  });

  it("rejects malformed role bodies", async () => {
    const post = (body: unknown) =>
      fetch(`${emu.url}/_emulator/roles`, { method: "POST", body: JSON.stringify(body) }).then((r) => r.status);
    expect(await post({ accountId: "123", roleName: "x", assumable: true })).toBe(400);
    expect(await post({ accountId: PLATFORM, roleName: "bad name", assumable: true })).toBe(400);
    expect(await post({ accountId: PLATFORM, roleName: "x", externalId: "a", assumable: true })).toBe(400);
    expect(await post({ accountId: PLATFORM, roleName: "x" })).toBe(400);
    expect(await post({ accountId: PLATFORM, roleName: "x", externalId: null, assumable: true })).toBe(200);
  });
});
