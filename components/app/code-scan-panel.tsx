import type { ScanResult } from "@/lib/compat/scan";
import { CodeStatusBadge } from "@/components/ui/badge";

/** The current code's scan, as what must change before Flink 2.2: each finding with where, why and what to do. */
export function CodeScanPanel({ scan, location }: { scan: ScanResult | null; location: string | null }) {
  if (!location) return <p className="text-sm text-slate-600">This application has no code in S3 to scan.</p>;
  if (!scan)
    return (
      <p className="text-sm text-slate-600" data-testid="code-scan">
        <code className="text-xs">{location}</code> has not been scanned yet; the worker scans new code in the
        background after each sync.
      </p>
    );
  const versions = Object.entries(scan.majorVersions)
    .map(([major, n]) => `${n} × Java ${Number(major) - 44}`)
    .join(", ");
  return (
    <div className="space-y-3 text-sm" data-testid="code-scan" data-status={scan.status}>
      <p className="flex flex-wrap items-center gap-2">
        <CodeStatusBadge status={scan.status} />
        <code className="text-xs">{location}</code>
        {scan.status !== "unreadable" ? (
          <span className="text-slate-600">
            {scan.classes} classes in {scan.entries} entries{versions ? ` (${versions})` : ""}
          </span>
        ) : null}
      </p>
      {scan.error ? (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900">
          The code could not be scanned: {scan.error.message}
        </p>
      ) : null}
      {scan.status === "clean" ? (
        <p className="text-slate-700">Nothing in this code is known to break or to be deprecated on Flink 2.2.</p>
      ) : null}
      {scan.findings.length ? (
        <ol className="space-y-3" aria-label="What must change before Flink 2.2">
          {scan.findings.map((f) => (
            <li
              key={`${f.id}:${f.entry}:${f.evidence}`}
              className={`rounded border p-3 ${f.severity === "breaks" ? "border-red-300 bg-red-50/40" : "border-slate-200"}`}
              data-testid="code-finding"
              data-finding={f.id}
            >
              <p className="font-semibold">
                {f.severity === "breaks" ? "Will break: " : ""}
                {f.title}
                {f.occurrences > 1 ? <span className="font-normal text-slate-600"> · {f.occurrences}×</span> : null}
              </p>
              <dl className="mt-1 grid grid-cols-[max-content_minmax(0,1fr)] [overflow-wrap:anywhere] gap-x-3 gap-y-1">
                <dt className="text-slate-600">Seen</dt>
                <dd>
                  <code className="text-xs">{f.evidence}</code>
                  <span className="block text-xs text-slate-500">
                    in {f.entry}
                    {f.className ? ` (${f.className})` : ""}
                  </span>
                </dd>
                <dt className="text-slate-600">Why it matters</dt>
                <dd>{f.why}</dd>
                <dt className="text-slate-600">What to do</dt>
                <dd>
                  {f.remediation}{" "}
                  <a href={f.docUrl} className="text-sky-700 hover:underline" target="_blank" rel="noreferrer">
                    Docs ↗
                  </a>
                </dd>
              </dl>
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}

/** The build for the target runtime found beside the current code: the code that will run, so it decides the risk. */
export function TargetBuild({ location, status, scan }: { location: string; status: string; scan: ScanResult | null }) {
  return (
    <section
      aria-label="Target build"
      className="mt-4 space-y-2 border-t border-slate-200 pt-3"
      data-testid="target-build"
    >
      <h3 className="text-sm font-semibold">Target build</h3>
      {status === "missing" ? (
        <p className="text-sm text-slate-600">
          No build at <code className="text-xs">{location}</code> yet: the risk reads the current code above. Upload the
          rebuilt JAR there (or give its key in the wizard) and the next scan judges it.
        </p>
      ) : (
        <CodeScanPanel scan={scan} location={location} />
      )}
    </section>
  );
}
