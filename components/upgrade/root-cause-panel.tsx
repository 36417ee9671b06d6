import type { RootCause } from "@/lib/upgrades/root-cause";
import { LocalTime } from "@/components/ui/local-time";

const classLabel: Record<RootCause["faultClass"], string> = {
  "state-incompatibility": "State incompatibility",
  "binary-incompatibility": "Binary incompatibility",
  connector: "Connector",
  permissions: "Permissions",
  "out-of-memory": "Out of memory",
  unknown: "Unclassified",
};

/** Why the new job failed: its first fault (attempt #0), what kind it is, and what to do. */
export function RootCausePanel({ cause }: { cause: RootCause }) {
  return (
    <section className="rounded border border-red-200 bg-white p-4 text-sm" data-testid="root-cause">
      <h2 className="mb-2 text-base font-semibold">
        Root cause: {classLabel[cause.faultClass]}
        <span className="ml-2 text-xs font-normal text-slate-500">
          first fault, found in the{" "}
          {cause.source === "job view" ? "job view (Flink exception history)" : "application logs"} at{" "}
          <LocalTime iso={cause.at} mode="time" />
        </span>
      </h2>
      <p className="break-words font-mono text-xs">{cause.firstLine}</p>
      <p className="mt-2">
        {cause.remediation}{" "}
        <a className="text-sky-700 underline" href={cause.docUrl} target="_blank" rel="noreferrer">
          AWS docs ↗
        </a>
      </p>
      {cause.stack ? (
        <details className="mt-2">
          <summary className="cursor-pointer text-xs text-slate-600">Stack trace</summary>
          <pre className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap rounded bg-slate-50 p-2 text-xs">
            {cause.stack}
          </pre>
        </details>
      ) : null}
    </section>
  );
}
