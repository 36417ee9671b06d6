// Organizations ListAccounts through the real @aws-sdk/client-organizations (AWS JSON 1.1).
import {
  ListAccountsCommand,
  OrganizationsClient,
  paginateListAccounts,
  type Account,
  type ListAccountsCommandInput,
} from "@aws-sdk/client-organizations";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { organizationsClient, startEmulator, stsClient, type StartedEmulator } from "./harness";
import { expectAwsError } from "./msf-helpers";
import { ANALYTICS_DEV, PAYMENTS_PROD, PLATFORM, assume } from "./identity-helpers";

let emu: StartedEmulator;
let org: OrganizationsClient;

beforeAll(async () => {
  emu = await startEmulator();
  org = organizationsClient(emu.url);
});
afterAll(() => emu.close());
beforeEach(() => emu.control.reset());

const arnOf = (id: string) => `arn:aws:organizations::${PLATFORM}:account/o-demo12345/${id}`;

describe("ListAccounts", () => {
  it("lists the organisation: three demo accounts and one suspended account", async () => {
    const out = await org.send(new ListAccountsCommand({}));
    expect(out.NextToken).toBeUndefined();
    const summary = (a: Account) => [a.Id, a.Name, a.Status, a.Arn];
    expect(out.Accounts?.map(summary)).toEqual([
      [PLATFORM, "platform", "ACTIVE", arnOf(PLATFORM)],
      [PAYMENTS_PROD, "payments-prod", "ACTIVE", arnOf(PAYMENTS_PROD)],
      [ANALYTICS_DEV, "analytics-dev", "ACTIVE", arnOf(ANALYTICS_DEV)],
      ["456789012345", "retired-sandbox", "SUSPENDED", arnOf("456789012345")],
    ]);
    for (const account of out.Accounts ?? []) {
      expect(account.Email).toMatch(/@example\.com$/);
      expect(["CREATED", "INVITED"]).toContain(account.JoinedMethod);
      expect(account.JoinedTimestamp).toBeInstanceOf(Date);
      expect(account.JoinedTimestamp!.getTime()).toBeLessThan(Date.now());
    }
  });

  it("pages with MaxResults and NextToken (the SDK paginator sees every account once)", async () => {
    const first = await org.send(new ListAccountsCommand({ MaxResults: 3 }));
    expect(first.Accounts).toHaveLength(3);
    expect(first.NextToken).toBeTruthy();
    const second = await org.send(new ListAccountsCommand({ MaxResults: 3, NextToken: first.NextToken }));
    expect(second.Accounts?.map((a) => a.Id)).toEqual(["456789012345"]);
    expect(second.NextToken).toBeUndefined();
    const ids: string[] = [];
    for await (const page of paginateListAccounts({ client: org, pageSize: 1 }, {})) {
      expect(page.Accounts).toHaveLength(1);
      ids.push(page.Accounts![0]!.Id!);
    }
    expect(ids).toEqual([PLATFORM, PAYMENTS_PROD, ANALYTICS_DEV, "456789012345"]);
  });

  it("rejects MaxResults outside 1–20 and unknown tokens with InvalidInputException", async () => {
    const reasonOf = async (input: ListAccountsCommandInput) =>
      (
        (await expectAwsError(org.send(new ListAccountsCommand(input)), "InvalidInputException", 400)) as {
          Reason?: string;
        }
      ).Reason;
    expect(await reasonOf({ MaxResults: 0 })).toBe("MIN_VALUE_EXCEEDED");
    expect(await reasonOf({ MaxResults: 21 })).toBe("MAX_VALUE_EXCEEDED");
    expect(await reasonOf({ NextToken: "bm90LWEtdG9rZW4" })).toBe("INVALID_NEXT_TOKEN");
    expect(await reasonOf({ NextToken: Buffer.from("o-demo12345#9").toString("base64url") })).toBe(
      "INVALID_NEXT_TOKEN",
    );
    expect((await org.send(new ListAccountsCommand({ MaxResults: 20 }))).Accounts).toHaveLength(4);
  });
});

describe("who may call it", () => {
  it("member accounts get AccessDeniedException; the management account's role has no Organizations permission", async () => {
    const sts = stsClient(emu.url, "us-east-1");
    const member = await assume(sts, PAYMENTS_PROD);
    const err = await expectAwsError(
      organizationsClient(emu.url, { credentials: member.credentials }).send(new ListAccountsCommand({})),
      "AccessDeniedException",
      403,
    );
    expect(err.message).toBe("You don't have permissions to access this resource.");
    const own = await assume(sts, PLATFORM, { sessionName: "mgmt" });
    const denied = await expectAwsError(
      organizationsClient(emu.url, { credentials: own.credentials }).send(new ListAccountsCommand({})),
      "AccessDeniedException",
      403,
    );
    expect(denied.message).toContain(`User: ${own.arn} is not authorized to perform: organizations:ListAccounts`);
  });

  it("an account outside the organisation gets AWSOrganizationsNotInUseException", async () => {
    const outsider = organizationsClient(emu.url, {
      credentials: { accessKeyId: "111122223333", secretAccessKey: "x" },
    });
    const err = await expectAwsError(
      outsider.send(new ListAccountsCommand({})),
      "AWSOrganizationsNotInUseException",
      404,
    );
    expect(err.message).toBe("Your account is not a member of an organization.");
  });

  it("is global: any signing region works and no region switch applies; other operations are unknown", async () => {
    await emu.control.setRegionEnabled(PLATFORM, "eu-west-1", false);
    const eu = new OrganizationsClient({
      region: "eu-west-1",
      endpoint: emu.url,
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
    });
    expect((await eu.send(new ListAccountsCommand({}))).Accounts).toHaveLength(4);
    const raw = await fetch(emu.url, {
      method: "POST",
      headers: {
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": "AWSOrganizationsV20161128.DescribeOrganization",
        authorization:
          "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/organizations/aws4_request, SignedHeaders=host, Signature=0",
      },
      body: "{}",
    });
    expect(raw.status).toBe(400);
    expect(((await raw.json()) as { __type: string }).__type).toBe("UnknownOperationException");
    const calls = (await emu.control.calls()).filter((c) => c.service === "organizations");
    expect(calls.map((c) => [c.region, c.operation, c.count])).toEqual([
      ["eu-west-1", "ListAccounts", 1],
      ["us-east-1", "DescribeOrganization", 1],
    ]);
  });
});
