// The demo fleet's code objects: every application's code key (BucketARN + FileKey from DescribeApplication) and
// its target build `<name>-flink-2.2.jar` exist, are valid zips (a reader written here: central directory, local
// headers, CRC-32) whose class files parse (a class-file reader written here: magic, version, constant pool), and
// carry what the app's scenario implies. Also: seeding stays fast.
import { inflateRawSync, crc32 } from "node:zlib";
import {
  DescribeApplicationCommand,
  paginateListApplications,
  type ApplicationDetail,
} from "@aws-sdk/client-kinesis-analytics-v2";
import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Store } from "../core/store";
import { msfClient, s3Client, startEmulator, type StartedEmulator } from "./harness";

// ---- a tiny zip reader -----------------------------------------------------------------------------------------

type Zip = Map<string, Uint8Array>;

function readZip(bytes: Uint8Array): Zip {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error("no end of central directory record");
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  let at = view.getUint32(eocd + 16, true);
  if (at + cdSize !== eocd) throw new Error("central directory does not end at the EOCD record");
  const entries: Zip = new Map();
  for (let n = 0; n < count; n++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error(`bad central directory entry ${n}`);
    const method = view.getUint16(at + 10, true);
    const crc = view.getUint32(at + 16, true);
    const compressed = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = Buffer.from(bytes.subarray(at + 46, at + 46 + nameLength)).toString("utf8");
    if (view.getUint32(local, true) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    const dataAt = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const raw = bytes.subarray(dataAt, dataAt + compressed);
    const data = method === 0 ? raw : method === 8 ? new Uint8Array(inflateRawSync(raw)) : undefined;
    if (!data) throw new Error(`unsupported method ${method} for ${name}`);
    if (data.length !== size) throw new Error(`size mismatch for ${name}`);
    if (crc32(data) >>> 0 !== crc) throw new Error(`CRC mismatch for ${name}`);
    entries.set(name, data);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

// ---- a tiny class-file reader ----------------------------------------------------------------------------------

interface ClassInfo {
  major: number;
  name: string;
  superName: string;
  interfaces: string[];
  /** Class constants (internal names). */
  classes: Set<string>;
  /** Member references: "owner.name:descriptor". */
  members: Set<string>;
  strings: Set<string>;
}

function readClass(bytes: Uint8Array): ClassInfo {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0) !== 0xcafebabe) throw new Error("bad magic");
  const major = view.getUint16(6);
  const count = view.getUint16(8);
  const utf8 = new Map<number, string>();
  const pool: { tag: number; a: number; b: number }[] = [];
  let at = 10;
  for (let i = 1; i < count; i++) {
    const tag = bytes[at]!;
    at++;
    if (tag === 1) {
      const length = view.getUint16(at);
      utf8.set(i, Buffer.from(bytes.subarray(at + 2, at + 2 + length)).toString("utf8"));
      at += 2 + length;
    } else if (tag === 7 || tag === 8 || tag === 16 || tag === 19 || tag === 20) {
      pool[i] = { tag, a: view.getUint16(at), b: 0 };
      at += 2;
    } else if ([9, 10, 11, 12, 17, 18].includes(tag)) {
      pool[i] = { tag, a: view.getUint16(at), b: view.getUint16(at + 2) };
      at += 4;
    } else if (tag === 3 || tag === 4) at += 4;
    else if (tag === 5 || tag === 6) {
      at += 8;
      i++;
    } else if (tag === 15) at += 3;
    else throw new Error(`bad constant pool tag ${tag} at #${i}`);
  }
  const className = (index: number) => {
    const entry = pool[index];
    if (entry?.tag !== 7) throw new Error(`#${index} is not a Class`);
    const name = utf8.get(entry.a);
    if (name === undefined) throw new Error(`Class #${index} names no Utf8`);
    return name;
  };
  const classes = new Set<string>();
  const members = new Set<string>();
  const strings = new Set<string>();
  pool.forEach((entry, i) => {
    if (!entry) return;
    if (entry.tag === 7) classes.add(className(i));
    else if (entry.tag === 8) strings.add(utf8.get(entry.a)!);
    else if (entry.tag === 9 || entry.tag === 10 || entry.tag === 11) {
      const nt = pool[entry.b];
      if (nt?.tag !== 12) throw new Error(`member #${i} has no NameAndType`);
      members.add(`${className(entry.a)}.${utf8.get(nt.a)}:${utf8.get(nt.b)}`);
    }
  });
  const name = className(view.getUint16(at + 2));
  const superName = className(view.getUint16(at + 4));
  const interfaceCount = view.getUint16(at + 6);
  const interfaces = Array.from({ length: interfaceCount }, (_, k) => className(view.getUint16(at + 8 + 2 * k)));
  return { major, name, superName, interfaces, classes, members, strings };
}

// ---- what an archive shows ---------------------------------------------------------------------------------------

interface Scan {
  classes: ClassInfo[];
  /** Every class or member reference of every class file, nested JARs included. */
  refs: Set<string>;
  /** path → text of pom.properties, main.py, requirements.txt, … */
  texts: Map<string, string>;
  nested: string[];
  entries: string[];
}

function scanArchive(bytes: Uint8Array, into?: Scan, prefix = ""): Scan {
  const scan: Scan = into ?? { classes: [], refs: new Set(), texts: new Map(), nested: [], entries: [] };
  for (const [name, data] of readZip(bytes)) {
    scan.entries.push(prefix + name);
    if (name.endsWith(".class")) {
      const info = readClass(data);
      expect(`${info.name}.class`).toBe(name);
      scan.classes.push(info);
      for (const c of info.classes) scan.refs.add(c);
      for (const m of info.members) scan.refs.add(m);
    } else if (name.endsWith(".jar")) {
      scan.nested.push(prefix + name);
      scanArchive(data, scan, `${prefix}${name}!/`);
    } else scan.texts.set(prefix + name, Buffer.from(data).toString("utf8"));
  }
  return scan;
}

const userClasses = (scan: Scan) => scan.classes.filter((c) => c.name.startsWith("com/example/"));
const hasRef = (scan: Scan, part: string) => [...scan.refs].some((r) => r.includes(part));
const pom = (scan: Scan, artifact: string) =>
  [...scan.texts].find(([path]) => path.endsWith(`/${artifact}/pom.properties`))?.[1];

const REMOVED_IN_2X = [
  "org/apache/flink/streaming/connectors/kinesis/FlinkKinesisConsumer",
  "org/apache/flink/streaming/connectors/kafka/FlinkKafkaConsumer",
  "org/apache/flink/streaming/api/functions/source/SourceFunction",
  "org/apache/flink/api/java/ExecutionEnvironment",
  "org/apache/flink/api/java/DataSet",
  "org/apache/flink/streaming/api/scala/",
  "org/apache/flink/api/common/ExecutionConfig.registerKryoType",
  "org/apache/flink/api/common/ExecutionConfig.registerTypeWithKryoSerializer",
];

// ---- the fleet ---------------------------------------------------------------------------------------------------

interface AppCode {
  region: string;
  name: string;
  scenario: string;
  runtime: string;
  python: boolean;
  key: string;
  current: Scan;
  target: Scan;
}

let emu: StartedEmulator;
const fleet: AppCode[] = [];

async function fetchObject(client: S3Client, bucket: string, key: string): Promise<Uint8Array> {
  const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return got.Body!.transformToByteArray();
}

beforeAll(async () => {
  emu = await startEmulator();
  const state = await emu.control.state();
  const scenarios = new Map(
    state.accounts.flatMap((a) =>
      a.regions.flatMap((r) => r.apps.map((app) => [`${app.region}/${app.name}`, app.scenario])),
    ),
  );
  for (const region of ["us-east-1", "eu-west-1", "ap-southeast-2"]) {
    const msf = msfClient(emu.url, region);
    const s3 = s3Client(emu.url, region);
    for await (const page of paginateListApplications({ client: msf }, {})) {
      for (const summary of page.ApplicationSummaries ?? []) {
        const { ApplicationDetail: detail } = await msf.send(
          new DescribeApplicationCommand({ ApplicationName: summary.ApplicationName }),
        );
        const location = codeLocation(detail!);
        if (!location) continue;
        const bucket = location.BucketARN!.replace("arn:aws:s3:::", "");
        const current = scanArchive(await fetchObject(s3, bucket, location.FileKey!));
        const target = scanArchive(await fetchObject(s3, bucket, `${summary.ApplicationName}-flink-2.2.jar`));
        fleet.push({
          region,
          name: summary.ApplicationName!,
          scenario: scenarios.get(`${region}/${summary.ApplicationName}`)!,
          runtime: summary.RuntimeEnvironment!,
          python: current.texts.has("main.py"),
          key: location.FileKey!,
          current,
          target,
        });
      }
    }
  }
}, 120_000);
afterAll(() => emu.close());

function codeLocation(detail: ApplicationDetail) {
  return detail.ApplicationConfigurationDescription?.ApplicationCodeConfigurationDescription?.CodeContentDescription
    ?.S3ApplicationCodeLocationDescription;
}

const app = (region: string, name: string) => {
  const found = fleet.find((a) => a.region === region && a.name === name);
  if (!found) throw new Error(`${region}/${name} has no code objects`);
  return found;
};
const KRYO = new Set(["state-incompatible", "rollback-fails", "slow-restart-loop"]);

describe("every application's code", () => {
  it("exists at DescribeApplication's location and as a target build, as valid archives", () => {
    // 72 apps minus 2 SQL and 1 Studio app (no S3 code).
    expect(fleet.length).toBe(69);
    for (const a of fleet) {
      expect(a.current.entries.length, a.name).toBeGreaterThan(2);
      if (a.python) {
        expect(a.key.endsWith(".zip"), a.name).toBe(true);
        expect(a.current.texts.get("main.py"), a.name).toMatch(
          /^from pyflink\.datastream import StreamExecutionEnvironment$/m,
        );
        expect(a.current.texts.get("requirements.txt"), a.name).toMatch(/^apache-flink==\d+\.\d+\.0$/m);
        expect(a.current.texts.get(".python-version"), a.name).toMatch(/^3\.\d+\n$/);
        expect(a.current.nested, a.name).toEqual(["lib/connectors.jar"]);
        expect(a.target.texts.get("requirements.txt"), a.name).toContain("apache-flink==2.2.0");
        expect(a.target.texts.get(".python-version"), a.name).toBe("3.12\n");
      } else {
        expect(a.current.texts.get("META-INF/MANIFEST.MF"), a.name).toMatch(/^Main-Class: com\.example\./m);
        expect(userClasses(a.current).length, a.name).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it("healthy-side target builds are clean 2.2 builds: Java 17, only 2.x APIs, 2.x connectors", () => {
    const clean = fleet.filter((a) => a.scenario !== "binary-incompatible" && !KRYO.has(a.scenario));
    expect(clean.length).toBeGreaterThan(30);
    for (const a of clean) {
      for (const removed of REMOVED_IN_2X) expect(hasRef(a.target, removed), `${a.name}: ${removed}`).toBe(false);
      if (a.python) {
        expect(a.target.texts.get("main.py"), a.name).not.toContain("FlinkKinesisConsumer");
        continue;
      }
      for (const c of userClasses(a.target)) expect(c.major, `${a.name} ${c.name}`).toBe(61);
      expect(hasRef(a.target, "org/apache/flink/streaming/api/environment/StreamExecutionEnvironment"), a.name).toBe(
        true,
      );
      const connector = pom(a.target, "flink-connector-aws-kinesis-streams") ?? pom(a.target, "flink-connector-kafka");
      expect(connector, a.name).toMatch(/^version=(6\.0\.0-2\.0|4\.0\.0-2\.0)$/m);
      if (connector?.includes("kinesis")) {
        expect(hasRef(a.target, "org/apache/flink/connector/kinesis/source/KinesisStreamsSource"), a.name).toBe(true);
        expect(hasRef(a.target, "org/apache/flink/api/connector/source/Source"), a.name).toBe(true);
      }
    }
  });

  it("binary-incompatible target builds still reference an API 2.x removed", () => {
    const broken = fleet.filter((a) => a.scenario === "binary-incompatible");
    expect(broken.length).toBeGreaterThanOrEqual(4);
    for (const a of broken) {
      if (a.runtime === "FLINK-2_2") continue; // already runs its 2.2 build
      const removed = REMOVED_IN_2X.some((r) => hasRef(a.target, r));
      const pythonLegacy = a.python && /FlinkK(inesis|afka)Consumer/.test(a.target.texts.get("main.py") ?? "");
      expect(removed || pythonLegacy, a.name).toBe(true);
    }
  });

  it("state-breaking apps register their types with Kryo, on 1.x and on 2.2", () => {
    const kryo = fleet.filter((a) => KRYO.has(a.scenario) && !a.python);
    expect(kryo.length).toBeGreaterThanOrEqual(4);
    for (const a of kryo) {
      expect(hasRef(a.target, "org/apache/flink/api/common/serialization/SerializerConfig.register"), a.name).toBe(
        true,
      );
      if (a.runtime !== "FLINK-2_2") {
        expect(hasRef(a.current, "org/apache/flink/api/common/ExecutionConfig.register"), a.name).toBe(true);
      }
    }
  });
});

describe("hand-written apps", () => {
  it("payments-fraud-scorer: the 2.2 build still uses FlinkKinesisConsumer with connector 4.2.0-1.18", () => {
    const a = app("us-east-1", "payments-fraud-scorer");
    expect(hasRef(a.target, "org/apache/flink/streaming/connectors/kinesis/FlinkKinesisConsumer.<init>")).toBe(true);
    expect(hasRef(a.target, "org/apache/flink/streaming/connectors/kinesis/FlinkKinesisProducer")).toBe(true);
    expect(pom(a.target, "flink-connector-kinesis")).toContain("version=4.2.0-1.18");
    expect(userClasses(a.target).every((c) => c.major === 61)).toBe(true);
  });

  it("inventory-sync: the SourceFunction and the FlinkKafkaConsumer its failure names hide in a nested JAR", () => {
    const a = app("us-east-1", "inventory-sync");
    const nested = "lib/inventory-sync-commons-2.3.1.jar";
    expect(a.target.nested).toEqual([nested]);
    const inner = a.target.classes.find((c) =>
      c.interfaces.includes("org/apache/flink/streaming/api/functions/source/SourceFunction"),
    );
    expect(inner?.name).toBe("com/example/inventorySync/commons/PollingSource");
    expect(a.target.entries).toContain(`${nested}!/com/example/inventorySync/commons/PollingSource.class`);
    expect(a.target.entries).toContain(
      `${nested}!/org/apache/flink/streaming/connectors/kafka/FlinkKafkaConsumer.class`,
    );
    expect(pom(a.target, "flink-connector-kafka")).toContain("version=3.0.2-1.18");
    // The outer JAR only calls the library.
    const outer = a.target.classes.filter(
      (c) => c.name.startsWith("com/example/inventorySync/") && !c.name.includes("/commons/"),
    );
    expect(outer.length).toBeGreaterThanOrEqual(2);
    for (const c of outer) {
      expect(
        [...c.classes].some((n) => /SourceFunction|FlinkKafkaConsumer/.test(n)),
        c.name,
      ).toBe(false);
    }
    const main = outer.find((c) => c.name === "com/example/inventorySync/StreamingJob")!;
    expect(
      main.members.has(
        "com/example/inventorySync/commons/Sources.attach:(Lorg/apache/flink/streaming/api/environment/StreamExecutionEnvironment;)V",
      ),
    ).toBe(true);
  });

  it("clickstream-sessionizer registers the type its logs name (SessionWindow) with Kryo", () => {
    const a = app("us-east-1", "clickstream-sessionizer");
    expect(
      a.current.refs.has(
        "org/apache/flink/api/common/ExecutionConfig.registerTypeWithKryoSerializer:(Ljava/lang/Class;Ljava/lang/Class;)V",
      ),
    ).toBe(true);
    expect(a.current.refs.has("com/example/clickstreamSessionizer/SessionWindow")).toBe(true);
    expect(
      a.target.refs.has(
        "org/apache/flink/api/common/serialization/SerializerConfig.registerTypeWithKryoSerializer:(Ljava/lang/Class;Ljava/lang/Class;)V",
      ),
    ).toBe(true);
  });

  it("orders-enricher (us-east-1) is built for Java 11; telemetry-downsampler uses the Scala API; both rebuilt clean", () => {
    const java11 = app("us-east-1", "orders-enricher");
    expect(userClasses(java11.current).every((c) => c.major === 55)).toBe(true);
    expect(userClasses(java11.target).every((c) => c.major === 61)).toBe(true);
    const scala = app("ap-southeast-2", "telemetry-downsampler");
    expect(hasRef(scala.current, "org/apache/flink/streaming/api/scala/StreamExecutionEnvironment")).toBe(true);
    expect(scala.current.classes.some((c) => c.name.startsWith("scala/"))).toBe(true);
    expect(hasRef(scala.target, "org/apache/flink/streaming/api/scala/")).toBe(false);
  });

  it("device-shadow-merger's failed 2.2 key and the legacy connector of a pre-1.19 Kinesis app", () => {
    const a = app("us-east-1", "device-shadow-merger");
    expect(hasRef(a.target, "org/apache/flink/streaming/connectors/kinesis/FlinkKinesisConsumer")).toBe(true);
    const geo = app("us-east-1", "legacy-geo-filter");
    expect(geo.key).toMatch(/^legacy-geo-filter-flink-1\.6(-b\d+)?\.jar$/);
    expect(userClasses(geo.current).every((c) => c.major === 52)).toBe(true);
    expect(hasRef(geo.current, "org/apache/flink/streaming/connectors/kinesis/FlinkKinesisConsumer")).toBe(true);
    expect(hasRef(geo.target, "FlinkKinesisConsumer")).toBe(false);
  });

  it("PyFlink apps: billing-events-py keeps FlinkKafkaConsumer and an old connector in lib/connectors.jar", () => {
    const a = app("eu-west-1", "billing-events-py");
    expect(a.target.texts.get("main.py")).toContain(
      "from pyflink.datastream.connectors.kafka import FlinkKafkaConsumer",
    );
    expect(pom(a.target, "flink-sql-connector-kafka")).toContain("version=3.0.2-1.18");
    const healthy = app("us-east-1", "sensor-ingest-py");
    expect(healthy.current.texts.get("requirements.txt")).toContain("apache-flink==1.19.0");
    expect(healthy.current.texts.get(".python-version")).toBe("3.11\n");
    expect(healthy.target.texts.get("main.py")).toContain("'connector' = 'kinesis'");
    expect(pom(healthy.target, "flink-sql-connector-aws-kinesis-streams")).toContain("version=6.0.0-2.0");
  });
});

describe("seeding", () => {
  it("seeds the demo fleet and writes every code object in well under 2 s", () => {
    const started = performance.now();
    const store = new Store({ speed: "test" });
    let objects = 0;
    for (const region of store.fleetRegions()) {
      const bucket = store.s3.bucket(`flink-artifacts-123456789012-${region}`)!;
      for (const key of store.s3.sortedKeys(bucket)) {
        expect(store.s3.object(bucket, key)!.body.length).toBeGreaterThan(0);
        objects++;
      }
    }
    const elapsed = performance.now() - started;
    expect(objects).toBeGreaterThan(200);
    expect(elapsed).toBeLessThan(1500);
  });

  it("is deterministic: the same build gives the same bytes", () => {
    const one = new Store({ speed: "test" });
    const two = new Store({ speed: "test" });
    const bucket = "flink-artifacts-123456789012-eu-west-1";
    const a = one.s3.bucket(bucket)!;
    const b = two.s3.bucket(bucket)!;
    for (const key of one.s3.sortedKeys(a)) expect(two.s3.object(b, key)!.etag, key).toBe(one.s3.object(a, key)!.etag);
  });
});
