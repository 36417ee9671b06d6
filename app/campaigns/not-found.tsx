import Link from "@/components/ui/link";

export default function CampaignNotFound() {
  return (
    <div className="rounded border border-slate-200 bg-white p-8 text-center">
      <h1 className="mb-2 text-xl font-semibold">Not found</h1>
      <p className="mb-4 text-sm text-slate-600">There is no campaign with this id.</p>
      <Link href="/campaigns" className="text-sky-700 hover:underline">
        All campaigns
      </Link>
    </div>
  );
}
