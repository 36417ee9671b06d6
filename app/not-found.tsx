import Link from "@/components/ui/link";

export default function NotFound() {
  return (
    <div className="rounded border border-slate-200 bg-white p-8 text-center">
      <h1 className="mb-2 text-xl font-semibold">Not found</h1>
      <p className="mb-4 text-sm text-slate-600">
        There is no such application in the inventory. It may have been deleted, or the last sync has not seen it yet.
      </p>
      <Link href="/" className="text-sky-700 hover:underline">
        Back to the fleet
      </Link>
    </div>
  );
}
