import Link from "@/components/ui/link";
import { requireUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/roles";
import { campaignFormOptions } from "@/lib/campaigns/form-options";
import { CampaignForm } from "@/components/campaigns/campaign-form";

export const dynamic = "force-dynamic";

export default async function NewCampaignPage() {
  const user = await requireUser("/campaigns/new");
  const mayCreate = can(user.roles, "upgrade.start");
  return (
    <article className="space-y-4">
      <header>
        <Link href="/campaigns" className="text-sm text-sky-700 hover:underline">
          ← Campaigns
        </Link>
        <h1 className="mt-1 text-xl font-semibold">New campaign</h1>
        <p className="text-sm text-slate-600">
          Choose the applications, where their new code is, and the stages they go through. Preview the plan, then
          create it as a draft; nothing reaches AWS until the campaign is started (and approved, when it needs it).
        </p>
      </header>
      {mayCreate ? (
        <CampaignForm options={await campaignFormOptions()} />
      ) : (
        <p
          className="rounded border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600"
          data-testid="campaign-form-refused"
        >
          Engineers and admins create campaigns (they hold the upgrade.start permission); your roles (
          {user.roles.join(", ") || "none"}) do not. Ask one of them, or an admin to grant you the engineer role.
        </p>
      )}
    </article>
  );
}
