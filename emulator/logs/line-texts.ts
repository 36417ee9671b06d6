// The texts MSF's log appender writes for a Flink job. The message wording follows Flink's own log statements;
// the app side parses "Job … switched from state A to B.", "…#n (…) switched from RUNNING to FAILED …" and
// "Class class … cannot be used as a POJO type …", so those are a contract.
import { createHash } from "node:crypto";
import { hashString } from "../cloudwatch/hash";
import { flinkVersionOf } from "../flink/flink-version";
import type { LogLine } from "./line-model";

export interface JobIdentity {
  appName: string;
  jid: string;
  runtime: string;
}

const EXECUTION_GRAPH = "org.apache.flink.runtime.executiongraph.ExecutionGraph";
const JOB_MASTER = "org.apache.flink.runtime.jobmaster.JobMaster";
const HOST = "ip-10-0-1-23.ec2.internal (dataPort=6121)";

/** The JobManager's RPC dispatcher: Akka until Flink 1.17, Pekko since 1.18. */
function dispatcherThread(job: JobIdentity): string {
  const v = flinkVersionOf(job.runtime);
  const rpc = v.major > 1 || v.minor >= 18 ? "pekko" : "akka";
  return `flink-${rpc}.actor.default-dispatcher-${2 + (hashString(job.jid) % 30)}`;
}

/** ExecutionGraph became an interface in 1.13; its state switches are logged from DefaultExecutionGraph. */
function graphLocation(job: JobIdentity): string {
  const v = flinkVersionOf(job.runtime);
  return v.major > 1 || v.minor >= 13
    ? "org.apache.flink.runtime.executiongraph.DefaultExecutionGraph.transitionState(DefaultExecutionGraph.java:1229)"
    : "org.apache.flink.runtime.executiongraph.ExecutionGraph.transitionState(ExecutionGraph.java:1229)";
}

export function jobSwitchLine(job: JobIdentity, from: string, to: string): LogLine {
  return {
    logger: EXECUTION_GRAPH,
    location: graphLocation(job),
    message: `Job ${job.appName} (${job.jid}) switched from state ${from} to ${to}.`,
    thread: dispatcherThread(job),
  };
}

export interface FailedTask {
  vertexName: string;
  parallelism: number;
  attempt: number;
  taskManagerId: string;
  stacktrace: readonly string[];
}

export function attemptIdOf(jid: string, attempt: number): string {
  return createHash("md5").update(`${jid}#attempt#${attempt}`).digest("hex");
}

export function taskFailedLine(job: JobIdentity, task: FailedTask): LogLine {
  const attemptId = attemptIdOf(job.jid, task.attempt);
  const execution = `${task.vertexName} (1/${task.parallelism})#${task.attempt} (${attemptId})`;
  return {
    logger: EXECUTION_GRAPH,
    location: "org.apache.flink.runtime.executiongraph.Execution.transitionState(Execution.java:1463)",
    message: `${execution} switched from RUNNING to FAILED on ${task.taskManagerId} @ ${HOST}.`,
    throwable: task.stacktrace,
    thread: dispatcherThread(job),
  };
}

export function kryoLine(fqcn: string): LogLine {
  return {
    logger: "org.apache.flink.api.java.typeutils.TypeExtractor",
    location: "org.apache.flink.api.java.typeutils.TypeExtractor.analyzePojo(TypeExtractor.java:2125)",
    message:
      `Class class ${fqcn} cannot be used as a POJO type because not all fields are valid POJO fields, and must ` +
      'be processed as GenericType. Please read the Flink documentation on "Data Types & Serialization" for details ' +
      "of the effect on performance and schema evolution.",
    thread: "main",
  };
}

/** MSF's restart strategy: fixed delay, unlimited attempts, 10 s apart. */
export function restartStrategyLine(job: JobIdentity): LogLine {
  return {
    logger: JOB_MASTER,
    location:
      "org.apache.flink.runtime.scheduler.DefaultSchedulerFactory.createInstance(DefaultSchedulerFactory.java:112)",
    message:
      "Using restart back off time strategy FixedDelayRestartBackoffTimeStrategy(" +
      `maxNumberRestartAttempts=2147483647, backoffTimeMS=10000) for ${job.appName} (${job.jid}).`,
    thread: dispatcherThread(job),
  };
}

export function jobMasterStartLine(job: JobIdentity): LogLine {
  const masterId = createHash("md5").update(`${job.jid}#master`).digest("hex");
  return {
    logger: JOB_MASTER,
    location: "org.apache.flink.runtime.jobmaster.JobMaster.startJobExecution(JobMaster.java:1001)",
    message: `Starting execution of job '${job.appName}' (${job.jid}) under job master id ${masterId}.`,
    thread: dispatcherThread(job),
  };
}

const EXPIRED_TRACE = [
  "org.apache.flink.runtime.checkpoint.CheckpointException: Checkpoint expired before completing.",
  "\tat org.apache.flink.runtime.checkpoint.CheckpointCoordinator$CheckpointCanceller.run(" +
    "CheckpointCoordinator.java:2291)",
  "\tat java.base/java.util.concurrent.Executors$RunnableAdapter.call(Executors.java:539)",
  "\tat java.base/java.lang.Thread.run(Thread.java:840)",
];

/** `consecutive` counts the failures before this one, as Flink's CheckpointFailureManager does. */
export function checkpointFailedLine(job: JobIdentity, checkpointId: number, consecutive: number): LogLine {
  return {
    logger: "org.apache.flink.runtime.checkpoint.CheckpointFailureManager",
    location:
      "org.apache.flink.runtime.checkpoint.CheckpointFailureManager.handleJobLevelCheckpointException(" +
      "CheckpointFailureManager.java:212)",
    message:
      `Failed to trigger or complete checkpoint ${checkpointId} for job ${job.jid}. ` +
      `(${consecutive} consecutive failed attempts so far)`,
    throwable: EXPIRED_TRACE,
    thread: "Checkpoint Timer",
  };
}
