import { notFound } from "next/navigation";
import { runExists } from "@/lib/upgrades/queries";

// Checked here, outside any loading boundary, so an unknown run answers HTTP 404 before anything streams.
export default async function RunLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ id: string }>;
}) {
  if (!(await runExists((await params).id))) notFound();
  return children;
}
