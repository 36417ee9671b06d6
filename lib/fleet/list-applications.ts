import { paginateListApplications, type ApplicationSummary } from "@aws-sdk/client-kinesis-analytics-v2";
import { msfClient } from "@/lib/aws/clients";

interface RegionListing {
  region: string;
  applications: ApplicationSummary[];
}

/** Every application of one region, following ListApplications pages of 50. */
export async function listRegionApplications(region: string): Promise<RegionListing> {
  const applications: ApplicationSummary[] = [];
  for await (const page of paginateListApplications({ client: msfClient(region), pageSize: 50 }, {})) {
    applications.push(...(page.ApplicationSummaries ?? []));
  }
  return { region, applications };
}
