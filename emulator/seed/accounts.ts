// The demo organisation: the management account (the default caller's), two member accounts with their own
// smaller fleets, and a suspended member with no fleet and no role (README "Accounts and regions").
import { DEFAULT_ACCOUNT_ID } from "./spec";

export const PAYMENTS_PROD_ACCOUNT_ID = "210987654321";
export const ANALYTICS_DEV_ACCOUNT_ID = "345678901234";
export const RETIRED_SANDBOX_ACCOUNT_ID = "456789012345";
export const ORGANIZATION_ID = "o-demo12345";
export const DEFAULT_EXTRA_ACCOUNT_APPS = 12;

export interface OrgAccount {
  id: string;
  name: string;
  email: string;
  status: "ACTIVE" | "SUSPENDED";
  joinedMethod: "CREATED" | "INVITED";
  joinedAt: string;
}

export const ORG_ACCOUNTS: readonly OrgAccount[] = [
  {
    id: DEFAULT_ACCOUNT_ID,
    name: "platform",
    email: "aws-platform@example.com",
    status: "ACTIVE",
    joinedMethod: "INVITED",
    joinedAt: "2019-03-04T09:12:45.000Z",
  },
  {
    id: PAYMENTS_PROD_ACCOUNT_ID,
    name: "payments-prod",
    email: "aws-payments-prod@example.com",
    status: "ACTIVE",
    joinedMethod: "CREATED",
    joinedAt: "2020-06-17T14:03:11.000Z",
  },
  {
    id: ANALYTICS_DEV_ACCOUNT_ID,
    name: "analytics-dev",
    email: "aws-analytics-dev@example.com",
    status: "ACTIVE",
    joinedMethod: "CREATED",
    joinedAt: "2021-11-02T08:45:30.000Z",
  },
  {
    id: RETIRED_SANDBOX_ACCOUNT_ID,
    name: "retired-sandbox",
    email: "aws-retired-sandbox@example.com",
    status: "SUSPENDED",
    joinedMethod: "CREATED",
    joinedAt: "2020-01-20T16:30:00.000Z",
  },
];

/** Member accounts with a fleet of their own; `prefix` keeps their generated names apart from the default fleet's. */
export interface ExtraFleetAccount {
  id: string;
  prefix: string;
  /** The shared app (same name and region as in the default fleet) differs visibly: its own runtime and env. */
  shared: { runtime: "FLINK-1_18" | "FLINK-1_15"; env: "prod" | "dev"; team: string; owner: string };
}

export const EXTRA_FLEET_ACCOUNTS: readonly ExtraFleetAccount[] = [
  {
    id: PAYMENTS_PROD_ACCOUNT_ID,
    prefix: "pay-",
    shared: { runtime: "FLINK-1_18", env: "prod", team: "payments", owner: "omar.haddad" },
  },
  {
    id: ANALYTICS_DEV_ACCOUNT_ID,
    prefix: "ana-",
    shared: { runtime: "FLINK-1_15", env: "dev", team: "analytics", owner: "li.wei" },
  },
];

/** The app name both extra accounts share with the default account's us-east-1 fleet. */
export const SHARED_APP_NAME = "orders-enricher";
export const SHARED_APP_REGION = "us-east-1";
