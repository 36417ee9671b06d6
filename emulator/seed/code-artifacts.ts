// The bytes of an application's code object: a JAR (a real zip of real class files, written with class-writer.ts)
// for Java apps, a zip with main.py / requirements.txt / lib/connectors.jar for PyFlink apps. What the classes
// reference follows the build's problems (legacy connector, SourceFunction, DataSet, Scala API, Kryo
// registrations, old Java target, a nested JAR); the README's "Code objects" section has the mapping.
// Deterministic: the same CodeBuild always gives the same bytes (fixed zip timestamps, no clock, no randomness).
import { zipSync } from "fflate";
import { appCamel } from "../logs/kryo-types";
import { ZIP_OPTIONS, type CodeBuild } from "./artifact-common";
import { javaEntries } from "./java-build";
import { pythonEntries } from "./python-build";

export type { CodeBuild, CodeProblem } from "./artifact-common";

/** The artifact bytes: a JAR (Java) or a zip (PyFlink). */
export function buildArtifact(build: CodeBuild): Uint8Array {
  const entries =
    build.language === "python" ? pythonEntries(build) : javaEntries(build, `com/example/${appCamel(build.app)}`);
  return zipSync(entries, ZIP_OPTIONS);
}
