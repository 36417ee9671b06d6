"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef } from "react";
import { requestSyncAction } from "@/app/actions/sync";
import { queryKeys } from "@/lib/query-keys";
import { formatAge } from "@/lib/format";
import type { SyncView } from "@/lib/fleet/queries";
import { useNow } from "@/components/ui/local-time";

interface SyncStatusData {
  active: SyncView | null;
  lastFinished: SyncView | null;
  lastFullAt: Date | string | null;
}

async function fetchSyncStatus(): Promise<SyncStatusData> {
  const res = await fetch("/api/sync", { cache: "no-store" });
  if (!res.ok) throw new Error(`sync status: HTTP ${res.status}`);
  return res.json();
}

export function SyncStatus({
  initial,
  staleAfterSeconds,
  renderedAt,
}: {
  initial: SyncStatusData;
  staleAfterSeconds: number;
  renderedAt: number;
}) {
  const now = useNow(renderedAt);
  const router = useRouter();
  const queryClient = useQueryClient();
  const [result, syncNow, pending] = useActionState(requestSyncAction, null);
  const actionError = result && !result.ok ? result.error : null;
  const { data, error } = useQuery({
    queryKey: queryKeys.syncStatus(),
    queryFn: fetchSyncStatus,
    initialData: initial,
    // The page's own copy is fresh: the first read waits for the interval, not for hydration.
    staleTime: 1000,
    refetchInterval: (q) => (q.state.data?.active ? 1000 : 10_000),
  });

  // When a sync finishes, the server-rendered table is out of date: reload it.
  const lastFinishedId = useRef(initial.lastFinished?.id);
  useEffect(() => {
    if (data.lastFinished && data.lastFinished.id !== lastFinishedId.current) {
      lastFinishedId.current = data.lastFinished.id;
      router.refresh();
    }
  }, [data.lastFinished, router]);

  useEffect(() => {
    if (result) void queryClient.invalidateQueries({ queryKey: queryKeys.syncStatus() });
  }, [result, queryClient]);

  const { active, lastFinished } = data;
  const ageSeconds = lastFinished?.finishedAt ? (now - new Date(lastFinished.finishedAt).getTime()) / 1000 : Infinity;
  const isStale = !active && lastFinished !== null && ageSeconds > staleAfterSeconds;

  return (
    <div className="mb-4 space-y-2" data-testid="sync-status">
      <div className="flex flex-wrap items-center gap-3 text-sm text-slate-600">
        {active ? (
          <ActiveSync sync={active} />
        ) : lastFinished ? (
          <span>
            Last sync{" "}
            <time dateTime={new Date(lastFinished.finishedAt!).toISOString()}>
              {formatAge(lastFinished.finishedAt, new Date(now))}
            </time>{" "}
            · <SyncKind sync={lastFinished} /> · {lastFinished.status.toLowerCase()}
            {lastFinished.kind !== "full" ? (
              <>
                {" "}
                · last full sync{" "}
                {data.lastFullAt ? (
                  <time dateTime={new Date(data.lastFullAt).toISOString()}>
                    {formatAge(data.lastFullAt, new Date(now))}
                  </time>
                ) : (
                  "never"
                )}
              </>
            ) : null}
          </span>
        ) : (
          <span>No inventory sync has finished yet.</span>
        )}
        <form action={syncNow}>
          <button
            type="submit"
            disabled={pending || active !== null}
            className="rounded border border-slate-300 bg-white px-3 py-1 text-sm font-medium hover:bg-slate-100 disabled:opacity-50"
          >
            {active ? "Syncing…" : pending ? "Queuing…" : "Sync now"}
          </button>{" "}
          <button
            type="submit"
            name="full"
            value="1"
            disabled={pending || active !== null}
            title="Read every application again (snapshots, tags and operations included), not only what changed"
            className="rounded px-2 py-1 text-sm text-slate-600 hover:underline disabled:opacity-50"
          >
            Full sync
          </button>
        </form>
      </div>
      {error ? (
        <Banner tone="error">
          Could not read the sync status: {(error as Error).message}. Showing the last data received.
        </Banner>
      ) : null}
      {actionError ? <Banner tone="error">Could not start a sync: {actionError}</Banner> : null}
      {isStale ? (
        <Banner tone="warn">
          This data is {formatAge(lastFinished!.finishedAt, new Date(now))} old; it may not match AWS. Run a sync to
          refresh it.
        </Banner>
      ) : null}
      {lastFinished && lastFinished.status !== "SUCCEEDED" && !active ? <SyncProblems sync={lastFinished} /> : null}
    </div>
  );
}

/** What the sync read: every application, or only what changed (and how many it left as they were). */
function SyncKind({ sync }: { sync: SyncView }) {
  if (sync.kind === "full")
    return (
      <span data-testid="sync-kind" data-kind="full">
        full: {sync.total} applications read
      </span>
    );
  return (
    <span data-testid="sync-kind" data-kind="incremental">
      incremental: {sync.total} read, {sync.kept} unchanged
    </span>
  );
}

function ActiveSync({ sync }: { sync: SyncView }) {
  if (sync.status === "QUEUED") return <span>Sync queued…</span>;
  const pct = sync.total ? Math.round((sync.described / sync.total) * 100) : 0;
  return (
    <span className="flex items-center gap-2">
      <span>
        Syncing ({sync.kind}): {sync.described} of {sync.total || "?"} read
        {sync.kept ? `, ${sync.kept} unchanged` : ""}
      </span>
      <span
        role="progressbar"
        aria-label="Sync progress"
        aria-valuenow={pct}
        aria-valuemin={0}
        aria-valuemax={100}
        className="inline-block h-2 w-40 overflow-hidden rounded bg-slate-200"
      >
        <span className="block h-full bg-sky-600 transition-all" style={{ width: `${pct}%` }} />
      </span>
    </span>
  );
}

function SyncProblems({ sync }: { sync: SyncView }) {
  return (
    <Banner tone={sync.status === "FAILED" ? "error" : "warn"}>
      The last sync {sync.status === "FAILED" ? "failed" : "was incomplete"}.
      {sync.regionErrors.map((e) => (
        <span key={`${e.account}|${e.message}`} className="block" data-testid="sync-error">
          {e.account ? `Account ${e.account}` : ""}
          {e.account && e.regions.length ? ", " : ""}
          {e.regions.length ? `${e.regions.length === 1 ? "region" : "regions"} ${e.regions.join(", ")}` : ""}
          {e.account || e.regions.length ? ": " : ""}
          {e.message}
        </span>
      ))}
      {sync.failed ? (
        <span className="block">
          {sync.failed} application(s) could not be described; they show their last known data.
        </span>
      ) : null}
    </Banner>
  );
}

function Banner({ tone, children }: { tone: "warn" | "error"; children: React.ReactNode }) {
  const style =
    tone === "error" ? "border-red-300 bg-red-50 text-red-800" : "border-amber-300 bg-amber-50 text-amber-900";
  return (
    <div role="alert" className={`rounded border px-3 py-2 text-sm ${style}`}>
      {children}
    </div>
  );
}
