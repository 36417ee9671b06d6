import { describe, expect, it } from "vitest";
import {
  assessPython,
  pinnedPyflink,
  pyflinkImports,
  pythonFromConstraint,
  pythonFromFileName,
  pythonFromMarker,
  removedPyflinkModule,
} from "./python";

describe("Python version evidence", () => {
  it("reads CPython tags from native extensions and bytecode caches", () => {
    expect(pythonFromFileName("lib/x.cpython-38-x86_64-linux-gnu.so")).toEqual({
      version: "3.8",
      source: "lib/x.cpython-38-x86_64-linux-gnu.so",
      isBinary: true,
    });
    expect(pythonFromFileName("app/__pycache__/main.cpython-312.pyc")?.version).toBe("3.12");
    expect(pythonFromFileName("app/main.cpython-312.pyc")).toBeNull();
    expect(pythonFromFileName("app/main.py")).toBeNull();
  });

  it.each([
    ["==3.8.*", "3.8"],
    ["~=3.10", "3.10"],
    [">=3.8,<3.11", "<3.11"],
    [">=3.9", null],
    [">=3.9,<3.13", null],
    ["==3.12.*", null],
  ])("constraint %s → %s", (constraint, expected) => {
    expect(pythonFromConstraint(constraint)).toBe(expected);
  });

  it("reads runtime markers and project metadata", () => {
    expect(pythonFromMarker(".python-version", "3.11.9\n")?.version).toBe("3.11");
    expect(pythonFromMarker("runtime.txt", "python-3.8.10")?.version).toBe("3.8");
    expect(pythonFromMarker("pyproject.toml", 'requires-python = ">=3.8,<3.10"')?.version).toBe("<3.10");
    expect(pythonFromMarker("setup.py", "setup(python_requires='>=3.9')")).toBeNull();
  });

  it("breaks below 3.9 or for binaries of another interpreter, warns for other versions", () => {
    expect(assessPython([{ version: "3.12", source: ".python-version", isBinary: false }])).toBeNull();
    expect(assessPython([{ version: "3.11", source: ".python-version", isBinary: false }])).toEqual({
      severity: "warning",
      evidence: "Python 3.11 (.python-version)",
    });
    expect(assessPython([{ version: "3.11", source: "a.cpython-311.so", isBinary: true }])?.severity).toBe("breaks");
    expect(assessPython([{ version: "3.8", source: "runtime.txt", isBinary: false }])?.severity).toBe("breaks");
  });
});

describe("pyflink imports", () => {
  it("collects modules and legacy connector names, across parenthesised imports", () => {
    const source = [
      "import pyflink.table, pyflink.common",
      "from pyflink.datastream import StreamExecutionEnvironment",
      "from pyflink.datastream.connectors.kafka import (",
      "    FlinkKafkaConsumer,",
      "    KafkaSource as Source,",
      ")",
      "from pyflink.datastream.connectors.kinesis import FlinkKinesisProducer",
      "import json",
      "# from pyflink.dataset import ExecutionEnvironment",
    ].join("\n");
    expect(pyflinkImports(source)).toEqual({
      modules: [
        "pyflink.table",
        "pyflink.common",
        "pyflink.datastream",
        "pyflink.datastream.connectors.kafka",
        "pyflink.datastream.connectors.kinesis",
      ],
      legacyConnectors: ["FlinkKafkaConsumer", "FlinkKinesisProducer"],
    });
  });

  it("knows the removed modules", () => {
    expect(removedPyflinkModule("pyflink.dataset")).toBe("pyflink.dataset");
    expect(removedPyflinkModule("pyflink.dataset.execution_environment")).toBe("pyflink.dataset");
    expect(removedPyflinkModule("pyflink.datastream")).toBeNull();
  });

  it("finds an apache-flink pin", () => {
    expect(pinnedPyflink("boto3\napache-flink==1.20.0\n")).toEqual({ version: "1.20.0", line: "apache-flink==1.20.0" });
    expect(pinnedPyflink("apache-flink>=1.20")).toBeNull();
    expect(pinnedPyflink("apache-flink-libraries==1.20.0")).toBeNull();
  });
});
