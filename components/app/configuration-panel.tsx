import type { ApplicationDetail } from "@aws-sdk/client-kinesis-analytics-v2";
import { formatRuntime } from "@/lib/format";
import { StatusBadge, YesNo } from "@/components/ui/badge";

export function ConfigurationPanel({ detail, tags }: { detail: ApplicationDetail; tags: Record<string, string> }) {
  const config = detail.ApplicationConfigurationDescription;
  const flink = config?.FlinkApplicationConfigurationDescription;
  const parallelism = flink?.ParallelismConfigurationDescription;
  const checkpoint = flink?.CheckpointConfigurationDescription;
  const s3 =
    config?.ApplicationCodeConfigurationDescription?.CodeContentDescription?.S3ApplicationCodeLocationDescription;
  const rows: [string, React.ReactNode][] = [
    ["Runtime", formatRuntime(detail.RuntimeEnvironment ?? "unknown")],
    ["Status", <StatusBadge key="s" status={detail.ApplicationStatus ?? "UNKNOWN"} />],
    ["Version", detail.ApplicationVersionId],
    ["Mode", detail.ApplicationMode ?? "STREAMING"],
    ["Code", s3 ? `${s3.BucketARN?.replace(/^arn:aws:s3:::/, "s3://")}/${s3.FileKey}` : "—"],
    [
      "Parallelism",
      parallelism
        ? `${parallelism.CurrentParallelism ?? parallelism.Parallelism} (${parallelism.ParallelismPerKPU ?? 1} per KPU, autoscaling ${parallelism.AutoScalingEnabled ? "on" : "off"})`
        : "—",
    ],
    [
      "Checkpointing",
      checkpoint
        ? `${checkpoint.CheckpointingEnabled ? "on" : "off"}, every ${Math.round(Number(checkpoint.CheckpointInterval ?? 0) / 1000)} s`
        : "—",
    ],
    [
      "Snapshots",
      <YesNo key="sn" value={config?.ApplicationSnapshotConfigurationDescription?.SnapshotsEnabled ?? false} />,
    ],
    [
      "System rollback",
      <YesNo key="rb" value={config?.ApplicationSystemRollbackConfigurationDescription?.RollbackEnabled ?? false} />,
    ],
    [
      "Tags",
      Object.entries(tags)
        .map(([k, v]) => `${k}=${v}`)
        .join(", ") || "—",
    ],
  ];
  return (
    <dl
      className="grid grid-cols-[9rem_minmax(0,1fr)] [overflow-wrap:anywhere] gap-x-3 gap-y-1.5 text-sm"
      data-testid="configuration"
    >
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-slate-500">{label}</dt>
          <dd className="break-all">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
