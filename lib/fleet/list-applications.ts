import { paginateListApplications, type ApplicationSummary } from "@aws-sdk/client-kinesis-analytics-v2";
import type { AccountRegion } from "@/lib/aws/accounts";
import { msfClient } from "@/lib/aws/clients";

interface RegionListing {
  place: AccountRegion;
  applications: ApplicationSummary[];
}

/** Every application of one region, following ListApplications pages of 50. */
export async function listRegionApplications(place: AccountRegion): Promise<RegionListing> {
  const applications: ApplicationSummary[] = [];
  for await (const page of paginateListApplications({ client: msfClient(place), pageSize: 50 }, {})) {
    applications.push(...(page.ApplicationSummaries ?? []));
  }
  return { place, applications };
}
