// Which code objects an application's bucket holds at seed time, and what each build contains: every code key
// its versions name (BucketARN + FileKey, as DescribeApplication / DescribeApplicationVersion report them) plus
// the target build `<name>-flink-2.2.jar` the dashboard's campaign/wizard key pattern points at. Only the plan is
// computed at seed time; the bytes are written when the bucket is first read (see s3/store.ts).
import { hashString } from "../core/prng";
import { binaryFailureOf } from "../flink/failures";
import { KRYO_SCENARIOS, kryoTypesOf } from "../logs/kryo-types";
import { currentConfig, type MsfApp } from "../msf/model";
import type { CodeBuild, CodeProblem } from "./code-artifacts";
import type { ClassMajor } from "./class-writer";
import { HOUR, type AppSpec, type CodeTraits } from "./spec";

export interface SeedCodeObject {
  key: string;
  /** Epoch ms, whole seconds (S3 keeps Last-Modified at second precision). */
  lastModified: number;
  contentType: string;
  build: CodeBuild;
}

export const TARGET_RUNTIME = "FLINK-2_2";

/** The key the dashboard's campaign/wizard pattern `{name}-flink-2.2.jar` points at. */
export const targetKeyOf = (name: string) => `${name}-flink-2.2.jar`;

/** The traits of one app: pinned in its spec, else derived from the scenario and a hash of the ARN. */
export function codeTraitsOf(spec: AppSpec, app: MsfApp): CodeTraits {
  const h = hashString(`${app.arn}#code`);
  // A hand-written app pins its traits (omitted = none); generated apps draw them from the hash.
  const pinned = spec.code;
  if (spec.scenario === "binary-incompatible") {
    const fallback =
      spec.language === "python" || binaryFailureOf(app) === "class-not-found"
        ? "legacy-connector"
        : h % 2 === 0
          ? "source-function"
          : "dataset";
    const nested = pinned
      ? pinned.nested
      : spec.language === "java" && (h >>> 3) % 4 === 0
        ? `lib/${spec.name}-commons-2.3.1.jar`
        : undefined;
    return { binaryProblem: pinned?.binaryProblem ?? fallback, ...(nested ? { nested } : {}) };
  }
  if (KRYO_SCENARIOS.has(spec.scenario) || spec.language !== "java") return {};
  const java11 = pinned ? pinned.java11 === true : (h >>> 5) % 9 === 0;
  const scala = pinned ? pinned.scala === true : !java11 && (h >>> 9) % 11 === 0;
  return { ...(java11 ? { java11 } : {}), ...(scala ? { scala } : {}) };
}

function defaultJava(runtime: string): ClassMajor {
  if (runtime === TARGET_RUNTIME) return 61;
  const minor = Number(/_(\d+)$/.exec(runtime)?.[1] ?? 20);
  return minor <= 8 ? 52 : minor <= 15 ? 55 : 61;
}

/** One build of the app for `runtime`. `running22`: the app runs its 2.2 build today, so that build works. */
export function codeBuildOf(
  spec: AppSpec,
  app: MsfApp,
  traits: CodeTraits,
  runtime: string,
  build: number,
  running22: boolean,
): CodeBuild {
  const twoX = runtime === TARGET_RUNTIME;
  const problems: CodeProblem[] = [];
  if (traits.binaryProblem && !(twoX && running22)) {
    problems.push(traits.binaryProblem);
    // What the REST view and the logs show for the app must be in the code too: ClassNotFoundException of the
    // legacy source class, or NoSuchMethodError RichFunction.open(Configuration).
    const failure = binaryFailureOf(app);
    if (failure === "class-not-found" && traits.binaryProblem !== "legacy-connector") problems.push("legacy-connector");
    if (failure === "no-such-method" && spec.language === "java") problems.push("rich-open");
  }
  const kryoTypes = kryoTypesOf(app, runtime);
  if (kryoTypes.length) problems.push("kryo");
  if (!twoX && traits.scala) problems.push("scala-api");
  return {
    app: spec.name,
    language: spec.language === "python" ? "python" : "java",
    runtime,
    build,
    source:
      spec.source.kind === "kinesis"
        ? { kind: "kinesis", streamName: spec.source.streamName }
        : { kind: "kafka", topic: spec.source.topic },
    java: twoX ? 61 : traits.java11 ? 55 : defaultJava(runtime),
    problems,
    kryoTypes,
    ...(traits.nested && problems.some((p) => p === traits.binaryProblem) ? { nested: traits.nested } : {}),
  };
}

const contentTypeOf = (key: string) => (key.endsWith(".zip") ? "application/zip" : "application/java-archive");
const buildNumberOf = (key: string) => Number(/-b(\d+)\.(?:jar|zip)$/.exec(key)?.[1] ?? 1);
const wholeSeconds = (ms: number) => Math.floor(ms / 1000) * 1000;

/** Every code object of one seeded app (empty for SQL and Studio apps, which have no S3 code). */
export function codeObjectsOf(spec: AppSpec, app: MsfApp, seedAt: number): SeedCodeObject[] {
  if (spec.language !== "java" && spec.language !== "python") return [];
  const traits = codeTraitsOf(spec, app);
  const running22 = currentConfig(app).runtime === TARGET_RUNTIME;
  const h = hashString(`${app.arn}#upload`);
  const objects = new Map<string, SeedCodeObject>();
  // One description per runtime; builds of the same runtime differ only in their build number.
  const byRuntime = new Map<string, CodeBuild>();
  const buildFor = (runtime: string, build: number): CodeBuild => {
    let base = byRuntime.get(runtime);
    if (!base) {
      base = codeBuildOf(spec, app, traits, runtime, 1, running22);
      byRuntime.set(runtime, base);
    }
    return build === 1 ? base : { ...base, build };
  };
  for (const version of app.versions) {
    const { fileKey, bucketArn } = version.config.code;
    if (!fileKey || !bucketArn || objects.has(fileKey)) continue;
    // Uploaded 5–60 minutes before the version that first names it.
    const uploadedAt = version.createdAt - (5 + ((h + version.versionId) % 56)) * 60_000;
    objects.set(fileKey, {
      key: fileKey,
      lastModified: wholeSeconds(uploadedAt),
      contentType: contentTypeOf(fileKey),
      build: buildFor(version.config.runtime, buildNumberOf(fileKey)),
    });
  }
  const targetKeys = [targetKeyOf(spec.name), ...(spec.language === "python" ? [`${spec.name}-flink-2.2.zip`] : [])];
  // Built recently for the upgrade: 2–47 hours before the seed.
  const builtAt = wholeSeconds(seedAt - (2 + (h % 46)) * HOUR);
  for (const key of targetKeys) {
    if (objects.has(key)) continue;
    objects.set(key, {
      key,
      lastModified: builtAt,
      contentType: contentTypeOf(key),
      build: buildFor(TARGET_RUNTIME, 1),
    });
  }
  return [...objects.values()];
}

/** The bucket an app's code lives in (from its BucketARN). */
export function bucketOfArn(bucketArn: string): string {
  return bucketArn.replace(/^arn:aws[a-z-]*:s3:::/, "");
}
