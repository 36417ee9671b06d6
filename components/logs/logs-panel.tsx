import { Suspense } from "react";
import type { ApplicationDetail } from "@aws-sdk/client-kinesis-analytics-v2";
import { readAppLogs } from "@/lib/logs/app-logs";
import type { AwsScope } from "@/lib/aws/accounts";
import type { LogsRead } from "@/lib/logs/read-logs";
import { LocalTime } from "@/components/ui/local-time";
import { ReadingPlaceholder } from "@/components/ui/reading-placeholder";

/** The application's CloudWatch Logs, read live, so the panel streams in after the rest of the page. */
export function LogsPanel(props: { scope: AwsScope; detail: ApplicationDetail }) {
  return (
    <Suspense
      fallback={
        <ReadingPlaceholder height="h-24" testId="logs-loading">
          Reading the application&apos;s logs…
        </ReadingPlaceholder>
      }
    >
      <LogsResults {...props} />
    </Suspense>
  );
}

const streamText = {
  present: "writes its log to",
  missing: "has no log stream: MSF silently drops the log meant for",
  "no-group": "has no log group: MSF silently drops the log meant for",
} as const;

async function LogsResults({ scope, detail }: { scope: AwsScope; detail: ApplicationDetail }) {
  const logs = await readAppLogs(scope, detail);
  const where = logs.target ? `${logs.target.group} / ${logs.target.stream}` : "";
  return (
    <div className="space-y-4 text-sm" data-testid="logs-panel">
      <p data-testid="log-stream">
        {logs.stream.ok ? (
          <>
            <span className={logs.stream.value === "present" ? "" : "font-semibold text-red-800"}>
              {detail.ApplicationName} {streamText[logs.stream.value]}
            </span>{" "}
            <code className="text-xs">{where}</code>
            {logs.stream.value === "present" ? null : " — there would be no evidence during an upgrade."}
          </>
        ) : (
          <Unavailable what="The log stream" reason={logs.stream.reason} />
        )}
      </p>
      <Part title="Restarts in the last 24 h" read={logs.restarts24h}>
        {(r) => (
          <p data-testid="log-restarts">
            <span className="text-lg font-semibold">{r.count.toLocaleString("en-US")}</span>
            {r.complete ? "" : "+"} restart{r.count === 1 ? "" : "s"} (“switched from state RUNNING to RESTARTING”)
          </p>
        )}
      </Part>
      <Part title="Types Flink serialises with Kryo (GenericType)" read={logs.kryoTypes}>
        {(types) =>
          types.length === 0 ? (
            <p className="text-slate-600" data-testid="kryo-types">
              No “cannot be used as a POJO type” line in the last 30 days.
            </p>
          ) : (
            <div data-testid="kryo-types">
              <p className="mb-1 text-amber-900">Their state will not restore on Flink 2.2 (Kryo 2.24 → 5.6):</p>
              <ul className="list-inside list-disc">
                {types.map((t) => (
                  <li key={t}>
                    <code>{t}</code>
                  </li>
                ))}
              </ul>
            </div>
          )
        }
      </Part>
      <Part title="Recent errors and warnings (24 h)" read={logs.recentErrors}>
        {({ groups, complete }) =>
          groups.length === 0 ? (
            <p className="text-slate-600">None in the last 24 h.</p>
          ) : (
            <ul className="space-y-2" data-testid="log-errors">
              {groups.map((g, i) => (
                <li key={i} className="rounded border border-slate-200 p-2">
                  <p className="text-xs text-slate-600">
                    {g.level} ·{" "}
                    {g.count === 1 && complete
                      ? "once"
                      : `${g.count.toLocaleString("en-US")}${complete ? "" : "+"} times`}
                    , last <LocalTime iso={g.last.toISOString()} />
                    {g.count > 1 ? (
                      <>
                        , first <LocalTime iso={g.first.toISOString()} />
                      </>
                    ) : null}
                  </p>
                  <p className="break-words">{g.message}</p>
                  {g.cause ? <p className="mt-1 font-mono text-xs break-words text-red-800">{g.cause}</p> : null}
                </li>
              ))}
            </ul>
          )
        }
      </Part>
    </div>
  );
}

function Part<T>({ title, read, children }: { title: string; read: LogsRead<T>; children: (v: T) => React.ReactNode }) {
  return (
    <section>
      <h3 className="mb-1 font-medium">{title}</h3>
      {read.ok ? children(read.value) : <Unavailable what={title} reason={read.reason} />}
    </section>
  );
}

function Unavailable({ what, reason }: { what: string; reason: string }) {
  return (
    <span role="status" className="text-amber-900">
      {what}: unavailable — {reason}.
    </span>
  );
}
