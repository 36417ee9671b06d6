// TEMPORARY preview (helper session) — deleted before hand-back.
import { AppCharts } from "@/components/charts/app-charts";
import { AlarmCheck } from "@/components/alarms/alarm-check";
import { getFleetApp, targetRuntime } from "@/lib/fleet/queries";
import { notFound } from "next/navigation";

export const dynamic = "force-dynamic";

export default async function Preview({ params }: { params: Promise<{ region: string; name: string }> }) {
  const { region, name } = await params;
  const app = await getFleetApp(region, decodeURIComponent(name));
  if (!app) notFound();
  return (
    <article className="space-y-6">
      <section className="rounded border border-slate-200 bg-white p-4">
        <h2 className="mb-3 text-base font-semibold">Metrics</h2>
        <AppCharts region={region} name={app.name} />
      </section>
      <section className="rounded border border-slate-200 bg-white p-4">
        <h2 className="mb-3 text-base font-semibold">Alarms that stop working on Flink 2.2</h2>
        <AlarmCheck region={region} name={app.name} runtime={app.runtime} target={targetRuntime} />
      </section>
    </article>
  );
}
