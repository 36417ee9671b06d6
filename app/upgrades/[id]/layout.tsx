import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user";
import { runExists } from "@/lib/upgrades/queries";

// Checked here, outside any loading boundary, so an unknown run answers HTTP 404 before anything streams.
export default async function RunLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ id: string }>;
}) {
  const { id } = await params;
  await requireUser(`/upgrades/${id}`);
  if (!(await runExists(id))) notFound();
  return children;
}
