import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/roles";
import { campaignView } from "@/lib/campaigns/queries";
import { CampaignLive } from "@/components/campaigns/campaign-live";

export const dynamic = "force-dynamic";

export default async function CampaignPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/campaigns/${id}`);
  const view = await campaignView(id);
  if (!view) notFound();
  // A server component renders once per request: its clock is the countdown's until the browser's takes over.
  // eslint-disable-next-line react-hooks/purity
  const renderedAt = Date.now();
  return (
    <article>
      <CampaignLive
        initial={view}
        renderedAt={renderedAt}
        mayExport={can(user.roles, "report.export")}
        may={{
          start: can(user.roles, "upgrade.start"),
          decide: can(user.roles, "approval.decide"),
          control: can(user.roles, "run.control"),
          userId: user.email,
        }}
      />
    </article>
  );
}
