import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { env, isEmulated } from "@/lib/env";
import { currentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/roles";
import { pendingApprovalCount } from "@/lib/approvals/queries";
import { lineStopped } from "@/lib/controls/gate";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: "MSF fleet upgrades",
  description: "Upgrade fleets of Amazon Managed Service for Apache Flink applications safely",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  const waiting = user ? await pendingApprovalCount() : 0;
  const stopped = user ? await lineStopped() : null;
  return (
    <html lang="en">
      <body className="min-h-screen">
        <header className="border-b border-slate-200 bg-white">
          <nav className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-6 py-3" aria-label="Main">
            <Link href="/" className="whitespace-nowrap font-semibold text-slate-900">
              MSF fleet upgrades
            </Link>
            <Link href="/" className="text-sm text-slate-600 hover:text-slate-900">
              Fleet
            </Link>
            <Link href="/upgrades" className="text-sm text-slate-600 hover:text-slate-900">
              Upgrades
            </Link>
            {user ? (
              <Link href="/campaigns" className="text-sm text-slate-600 hover:text-slate-900">
                Campaigns
              </Link>
            ) : null}
            {user ? (
              <Link href="/approvals" className="text-sm text-slate-600 hover:text-slate-900">
                Approvals{waiting ? ` (${waiting})` : ""}
              </Link>
            ) : null}
            {user ? (
              <Link href="/controls" className="text-sm text-slate-600 hover:text-slate-900">
                Controls{stopped ? " (line stopped)" : ""}
              </Link>
            ) : null}
            {user && can(user.roles, "audit.read") ? (
              <Link href="/audit" className="text-sm text-slate-600 hover:text-slate-900">
                Audit
              </Link>
            ) : null}
            <span
              className="ml-auto whitespace-nowrap rounded bg-slate-100 px-2 py-1 text-xs text-slate-600"
              data-testid="mode"
              title={`${isEmulated() ? `Emulated AWS at ${env().AWS_ENDPOINT_URL}` : "AWS"}; regions ${env().MSF_REGIONS.join(", ")}`}
            >
              {isEmulated() ? "Emulated AWS" : "AWS"} · {env().MSF_REGIONS.length} region
              {env().MSF_REGIONS.length === 1 ? "" : "s"}
            </span>
            {user ? (
              <form action="/auth/logout" method="post" className="flex items-center gap-2 whitespace-nowrap text-sm">
                <span data-testid="signed-in-as" className="text-slate-700">
                  {user.name} <span className="text-xs text-slate-500">({user.roles.join(", ")})</span>
                </span>
                <button type="submit" className="rounded px-2 py-1 text-sky-700 hover:bg-slate-100 hover:underline">
                  Sign out
                </button>
              </form>
            ) : null}
          </nav>
        </header>
        <main className="mx-auto max-w-7xl px-6 py-6">
          <Providers>{children}</Providers>
        </main>
      </body>
    </html>
  );
}
