// What a failure looks like in /jobs/:jobid/exceptions: the top-level throwable Flink records (exceptionName)
// and a stack trace whose last "Caused by:" is the root cause. Texts follow real Flink traces, abridged.
import { hashString } from "../cloudwatch/hash";
import type { MsfApp } from "../msf/model";

export type FailureKind = "state-migration" | "kryo" | "class-not-found" | "no-such-method" | "maintenance";

/** Restart loops fail on state (state-incompatible, rollback-fails, slow-restart-loop); one cause per app. */
export function stateFailureOf(app: MsfApp): FailureKind {
  return hashString(`${app.arn}#state`) % 2 === 0 ? "state-migration" : "kryo";
}

/** binary-incompatible updates fail on code; one cause per app. */
export function binaryFailureOf(app: MsfApp): FailureKind {
  return hashString(`${app.arn}#binary`) % 2 === 0 ? "class-not-found" : "no-such-method";
}

export interface FailureText {
  exceptionName: string;
  stacktrace: string;
}

const TASK_RUN = [
  "org.apache.flink.streaming.runtime.tasks.StreamTask.restore(StreamTask.java:688)",
  "org.apache.flink.runtime.taskmanager.Task.runWithSystemExitMonitoring(Task.java:952)",
  "org.apache.flink.runtime.taskmanager.Task.restoreAndInvoke(Task.java:931)",
  "org.apache.flink.runtime.taskmanager.Task.doRun(Task.java:745)",
  "org.apache.flink.runtime.taskmanager.Task.run(Task.java:562)",
  "java.base/java.lang.Thread.run(Thread.java:840)",
];

const frames = (lines: readonly string[]) => lines.map((line) => `\tat ${line}`).join("\n");

export function failureText(kind: FailureKind, sourceClass: string, operatorId: string): FailureText {
  switch (kind) {
    case "state-migration":
      return {
        exceptionName: "java.lang.Exception",
        stacktrace: [
          "java.lang.Exception: Exception while creating StreamOperatorStateContext.",
          frames([
            "org.apache.flink.streaming.api.operators.StreamTaskStateInitializerImpl.streamOperatorStateContext(StreamTaskStateInitializerImpl.java:258)",
            "org.apache.flink.streaming.api.operators.AbstractStreamOperator.initializeState(AbstractStreamOperator.java:256)",
            "org.apache.flink.streaming.runtime.tasks.RegularOperatorChain.initializeStateAndOpenOperators(RegularOperatorChain.java:106)",
            "org.apache.flink.streaming.runtime.tasks.StreamTask.restoreStateAndGates(StreamTask.java:799)",
            ...TASK_RUN,
          ]),
          `Caused by: org.apache.flink.util.FlinkException: Could not restore keyed state backend for KeyedProcessOperator_${operatorId}_(1/1) from any of the 1 provided restore options.`,
          frames([
            "org.apache.flink.streaming.api.operators.BackendRestorerProcedure.createAndRestore(BackendRestorerProcedure.java:165)",
            "org.apache.flink.streaming.api.operators.StreamTaskStateInitializerImpl.keyedStatedBackend(StreamTaskStateInitializerImpl.java:399)",
          ]),
          "\t... 11 more",
          "Caused by: org.apache.flink.runtime.state.BackendBuildingException: Caught unexpected exception.",
          frames([
            "org.apache.flink.contrib.streaming.state.RocksDBKeyedStateBackendBuilder.build(RocksDBKeyedStateBackendBuilder.java:407)",
          ]),
          "\t... 13 more",
          "Caused by: org.apache.flink.util.StateMigrationException: The new key serializer (org.apache.flink.api.common.typeutils.base.StringSerializer@5b2a7b1c) must be compatible with the previous key serializer (org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer@4e1d422d).",
          frames([
            "org.apache.flink.contrib.streaming.state.restore.RocksDBFullRestoreOperation.restoreKVStateMetaData(RocksDBFullRestoreOperation.java:181)",
            "org.apache.flink.contrib.streaming.state.RocksDBKeyedStateBackendBuilder.build(RocksDBKeyedStateBackendBuilder.java:336)",
          ]),
          "\t... 14 more",
        ].join("\n"),
      };
    case "kryo":
      return {
        exceptionName: "com.esotericsoftware.kryo.KryoException",
        stacktrace: [
          "com.esotericsoftware.kryo.KryoException: Encountered unregistered class ID: 13994",
          "Serialization trace:",
          "items (com.example.model.OrderState)",
          frames([
            "com.esotericsoftware.kryo.util.DefaultClassResolver.readClass(DefaultClassResolver.java:137)",
            "com.esotericsoftware.kryo.Kryo.readClass(Kryo.java:693)",
            "com.esotericsoftware.kryo.serializers.ObjectField.read(ObjectField.java:118)",
            "com.esotericsoftware.kryo.serializers.FieldSerializer.read(FieldSerializer.java:543)",
            "com.esotericsoftware.kryo.Kryo.readClassAndObject(Kryo.java:813)",
            "org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer.deserialize(KryoSerializer.java:394)",
            "org.apache.flink.contrib.streaming.state.RocksDBValueState.value(RocksDBValueState.java:90)",
            "com.example.OrderEnricher.processElement(OrderEnricher.java:57)",
            "org.apache.flink.streaming.api.operators.KeyedProcessOperator.processElement(KeyedProcessOperator.java:83)",
            "org.apache.flink.streaming.runtime.tasks.OneInputStreamTask$StreamTaskNetworkOutput.emitRecord(OneInputStreamTask.java:237)",
            "org.apache.flink.streaming.runtime.tasks.StreamTask.processInput(StreamTask.java:562)",
            "org.apache.flink.streaming.runtime.tasks.mailbox.MailboxProcessor.runMailboxLoop(MailboxProcessor.java:231)",
            "org.apache.flink.streaming.runtime.tasks.StreamTask.invoke(StreamTask.java:858)",
            ...TASK_RUN.slice(1),
          ]),
        ].join("\n"),
      };
    case "class-not-found":
      return {
        exceptionName: "org.apache.flink.streaming.runtime.tasks.StreamTaskException",
        stacktrace: [
          `org.apache.flink.streaming.runtime.tasks.StreamTaskException: Cannot load user class: ${sourceClass}`,
          "ClassLoader info: URL ClassLoader:",
          "    file: '/tmp/flink-web-upload/application.jar' (valid JAR)",
          "Class not resolvable through given classloader.",
          frames([
            "org.apache.flink.streaming.api.graph.StreamConfig.getStreamOperatorFactory(StreamConfig.java:414)",
            "org.apache.flink.streaming.runtime.tasks.OperatorChain.<init>(OperatorChain.java:168)",
            "org.apache.flink.streaming.runtime.tasks.StreamTask.restoreInternal(StreamTask.java:717)",
            ...TASK_RUN,
          ]),
          `Caused by: java.lang.ClassNotFoundException: ${sourceClass}`,
          frames([
            "java.base/java.net.URLClassLoader.findClass(URLClassLoader.java:445)",
            "java.base/java.lang.ClassLoader.loadClass(ClassLoader.java:592)",
            "org.apache.flink.util.FlinkUserCodeClassLoader.loadClassWithoutExceptionHandling(FlinkUserCodeClassLoader.java:67)",
          ]),
          "\t... 12 more",
        ].join("\n"),
      };
    case "no-such-method":
      return {
        exceptionName: "java.lang.NoSuchMethodError",
        stacktrace: [
          "java.lang.NoSuchMethodError: 'void org.apache.flink.api.common.functions.RichFunction.open(org.apache.flink.configuration.Configuration)'",
          frames([
            "com.example.OrderEnricher.open(OrderEnricher.java:41)",
            "org.apache.flink.api.common.functions.util.FunctionUtils.openFunction(FunctionUtils.java:34)",
            "org.apache.flink.streaming.api.operators.AbstractUdfStreamOperator.open(AbstractUdfStreamOperator.java:101)",
            "org.apache.flink.streaming.runtime.tasks.RegularOperatorChain.initializeStateAndOpenOperators(RegularOperatorChain.java:107)",
            ...TASK_RUN,
          ]),
        ].join("\n"),
      };
    case "maintenance":
      return {
        exceptionName: "org.apache.flink.util.FlinkExpectedException",
        stacktrace: [
          "org.apache.flink.util.FlinkExpectedException: The TaskExecutor is shutting down.",
          frames([
            "org.apache.flink.runtime.taskexecutor.TaskExecutor.onStop(TaskExecutor.java:481)",
            "org.apache.flink.runtime.rpc.RpcEndpoint.internalCallOnStop(RpcEndpoint.java:239)",
            "org.apache.flink.runtime.rpc.pekko.PekkoRpcActor$StartedState.lambda$terminate$0(PekkoRpcActor.java:574)",
            "java.base/java.lang.Thread.run(Thread.java:840)",
          ]),
        ].join("\n"),
      };
  }
}
