import { requireUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/roles";
import { controlsView } from "@/lib/controls/queries";
import { timeZoneNames } from "@/lib/controls/windows";
import { StopTheLine } from "@/components/controls/stop-the-line";
import { OverridePanel } from "@/components/controls/override-panel";
import { WindowsTable } from "@/components/controls/windows-table";
import { OverlapsList } from "@/components/controls/overlaps-list";
import { WindowForm } from "@/components/controls/window-form";

export const dynamic = "force-dynamic";

export default async function ControlsPage() {
  const user = await requireUser("/controls");
  const canChange = can(user.roles, "settings.change");
  const view = await controlsView();
  return (
    <article className="space-y-6">
      <header>
        <h1 className="text-xl font-semibold">Change controls</h1>
        <p className="text-sm text-slate-600">
          What may start now: stop-the-line holds every new upgrade; the freeze calendar holds them by time and by
          application; an emergency override lifts the calendar for a while. Rollbacks are never held.
          {canChange ? "" : " Only admins change these."}
        </p>
      </header>
      <StopTheLine stop={view.stop} canChange={canChange} />
      <OverridePanel override={view.override} recent={view.recentOverrides} canChange={canChange} />
      <section aria-labelledby="calendar-heading" className="space-y-3">
        <h2 id="calendar-heading" className="text-base font-semibold">
          Freeze calendar
        </h2>
        <p className="text-sm text-slate-600">
          A window is open from each time its cron expression matches, in its own time zone, for its duration. Deny
          wins. An application that some allow window applies to changes only inside one; one that no allow window
          applies to changes unless a deny window holds it.
          {view.override ? " An override is active: the calendar holds nothing until it ends." : ""}
        </p>
        <WindowsTable windows={view.windows} canChange={canChange} />
        <h3 className="text-sm font-semibold">Overlaps in the next 7 days</h3>
        <OverlapsList overlaps={view.overlaps} />
        {canChange ? <WindowForm zones={timeZoneNames()} /> : null}
      </section>
    </article>
  );
}
