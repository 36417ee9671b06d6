import type {
  ApplicationOperationInfo,
  ApplicationVersionSummary,
  SnapshotDetails,
} from "@aws-sdk/client-kinesis-analytics-v2";
import { formatAge, formatRuntime } from "@/lib/format";
import type { FailedOperation } from "@/lib/fleet/read-application";
import type { AwsScope } from "@/lib/aws/accounts";
import { ScrollBox } from "@/components/ui/scroll-box";
import { listApplicationVersions } from "@/lib/fleet/application-view";

const cell = "whitespace-nowrap px-3 py-1.5";

export function SnapshotsTable({ snapshots }: { snapshots: SnapshotDetails[] }) {
  if (!snapshots.length)
    return <p className="text-sm text-red-700">No snapshots: a rollback would have no state to return to.</p>;
  return (
    <SmallTable label="Snapshots" testId="snapshots" headers={["Name", "Status", "Taken", "Runtime", "App version"]}>
      {snapshots.map((s) => (
        <tr key={s.SnapshotName} className="border-t border-slate-100">
          <td className={`${cell} font-mono text-xs`}>{s.SnapshotName}</td>
          <td className={cell}>{s.SnapshotStatus}</td>
          <td className={cell}>{formatAge(s.SnapshotCreationTimestamp)}</td>
          <td className={cell}>{s.RuntimeEnvironment ? formatRuntime(s.RuntimeEnvironment) : "—"}</td>
          <td className={cell}>{s.ApplicationVersionId}</td>
        </tr>
      ))}
    </SmallTable>
  );
}

export function OperationsTable({
  operations,
  failed,
}: {
  operations: ApplicationOperationInfo[];
  failed: FailedOperation[];
}) {
  if (!operations.length) return <p className="text-sm text-slate-600">No operations recorded.</p>;
  const failureOf = new Map(failed.map((f) => [f.operationId, f.details.OperationFailureDetails]));
  return (
    <SmallTable label="Recent operations" testId="operations" headers={["Operation", "Status", "Started", "Id"]}>
      {operations.map((o) => (
        <tr key={o.OperationId} className="border-t border-slate-100">
          <td className={cell}>{o.Operation}</td>
          <td className={`${cell} ${o.OperationStatus === "FAILED" ? "font-semibold text-red-700" : ""}`}>
            {o.OperationStatus}
            <FailureNote failure={failureOf.get(o.OperationId!)} />
          </td>
          <td className={cell}>{formatAge(o.StartTime)}</td>
          <td className={`${cell} font-mono text-xs`}>{o.OperationId}</td>
        </tr>
      ))}
    </SmallTable>
  );
}

/** The application's versions, read live from AWS when the page renders (the page streams it in). */
export async function LiveVersionsTable({ scope, name }: { scope: AwsScope; name: string }) {
  return <VersionsTable result={await listApplicationVersions(scope, name)} />;
}

export function VersionsTable({ result }: { result: { versions: ApplicationVersionSummary[] } | { error: string } }) {
  if ("error" in result)
    return (
      <p role="alert" className="text-sm text-red-700">
        Versions could not be read live from AWS: {result.error}
      </p>
    );
  if (!result.versions.length) return <p className="text-sm text-slate-600">No versions.</p>;
  return (
    <SmallTable label="Application versions" testId="versions" headers={["Version", "Status"]}>
      {result.versions.map((v) => (
        <tr key={String(v.ApplicationVersionId)} className="border-t border-slate-100">
          <td className={cell}>{v.ApplicationVersionId}</td>
          <td className={cell}>{v.ApplicationStatus}</td>
        </tr>
      ))}
    </SmallTable>
  );
}

function FailureNote({
  failure,
}: {
  failure: { RollbackOperationId?: string; ErrorInfo?: { ErrorString?: string } } | undefined;
}) {
  if (!failure) return null;
  return (
    <span className="block whitespace-normal text-xs font-normal text-red-800">
      {failure.ErrorInfo?.ErrorString}
      {failure.RollbackOperationId ? (
        <span className="block">MSF rolled back by itself (operation {failure.RollbackOperationId}).</span>
      ) : null}
    </span>
  );
}

/** A narrow table of the application page; on a phone it scrolls inside its own box. */
function SmallTable({
  label,
  testId,
  headers,
  children,
}: {
  label: string;
  testId: string;
  headers: string[];
  children: React.ReactNode;
}) {
  return (
    <ScrollBox label={label}>
      <table className="w-full text-sm" data-testid={testId}>
        <thead>
          <tr className="text-left text-xs uppercase text-slate-500">
            {headers.map((header) => (
              <th key={header} className={cell}>
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </ScrollBox>
  );
}
