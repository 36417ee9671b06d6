// Which Flink a runtime runs, and the REST shape differences that follow from it (Flink 2.0 release notes,
// "List of REST APIs changes"; `endpoint` arrived in 1.19 next to the deprecated `location`/`host`).

export interface FlinkVersion {
  /** e.g. "1.20.0", "2.2.0" */
  text: string;
  major: number;
  minor: number;
}

/** Studio runtimes map to the Flink they bundle (ZEPPELIN-FLINK-1_0/2_0/3_0 → 1.11/1.13/1.15). */
const STUDIO: Record<string, string> = { "1_0": "1_11", "2_0": "1_13", "3_0": "1_15" };

export function flinkVersionOf(runtime: string): FlinkVersion {
  const studio = /^ZEPPELIN-FLINK-(\d+_\d+)$/.exec(runtime)?.[1];
  const digits = studio ? STUDIO[studio] : /^FLINK-(\d+_\d+)$/.exec(runtime)?.[1];
  const [major, minor] = (digits ?? "1_20").split("_").map(Number) as [number, number];
  return { text: `${major}.${minor}.0`, major, minor };
}

const atLeast = (v: FlinkVersion, major: number, minor: number) =>
  v.major > major || (v.major === major && v.minor >= minor);

export const restShape = (v: FlinkVersion) => ({
  /** 2.0 removed `host` from vertex/subtask/taskmanager responses. */
  host: v.major < 2,
  /** `endpoint` (host:port) since 1.19. */
  endpoint: atLeast(v, 1, 19),
  /** exceptionHistory entries: deprecated `location` (UNCONFIRMED for 2.x: omitted, see README). */
  location: v.major < 2,
  /** Deprecated top-level root-exception/timestamp/all-exceptions/truncated (UNCONFIRMED for 2.x: omitted). */
  legacyExceptionFields: v.major < 2,
  /** 2.0 removed execution-config.execution-mode from /jobs/:jobid/config. */
  executionMode: v.major < 2,
  /** `job-type` in job details since 1.18. */
  jobType: atLeast(v, 1, 18),
});
