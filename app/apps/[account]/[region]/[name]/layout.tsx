import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user";
import { getFleetApp } from "@/lib/fleet/queries";

// The existence check lives here, outside the page's loading boundary, so an unknown application
// answers HTTP 404 before anything is streamed.
export default async function ApplicationLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ account: string; region: string; name: string }>;
}) {
  const { account, region, name } = await params;
  await requireUser(`/apps/${account}/${region}/${name}`);
  if (!(await getFleetApp({ account, region, name: decodeURIComponent(name) }))) notFound();
  return children;
}
