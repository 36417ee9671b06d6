// npm run bench:scan — the code scan on generated JARs of 10 MB, 100 MB and 300 MB (one class per ~10 KB of JAR,
// the rest incompressible resources, as a shaded application JAR looks), each scanned from a local file in a fresh
// process (old space capped at 64 MB) so its peak memory is its own. Target: ≤ 10 s per 100 MB, peak memory flat
// across sizes.
// BENCH_SCAN_SIZES=10,100 picks the sizes (MB); the JARs stay in /tmp/bench-scan for reuse.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, statSync, writeSync } from "node:fs";
import path from "node:path";
import { Zip, ZipDeflate, ZipPassThrough } from "fflate";
import { scanFile, type ScanResult } from "@/lib/compat/scan";
import { writeClassFile, type ClassSpec } from "@/lib/compat/test-support/class-writer";
import { printTable, root } from "./support";

const MB = 1024 * 1024;
const sizes = (process.env.BENCH_SCAN_SIZES ?? "10,100,300").split(",").map(Number);
const dir = "/tmp/bench-scan";
const BYTES_PER_CLASS = 10 * 1024;
const FILLER_CHUNK = 256 * 1024;
const HEAP_CAP_MB = 64;

/** A class with a realistic pool: JDK calls, its own package, now and then a Flink 1.x API. */
function classSpec(i: number): ClassSpec {
  const pkg = `com/example/app/module${i % 97}`;
  const flink =
    i % 50 === 0
      ? ["org/apache/flink/api/java/DataSet"]
      : i % 7 === 0
        ? ["org/apache/flink/streaming/api/datastream/DataStream"]
        : [];
  return {
    name: `${pkg}/Generated${i}`,
    major: i % 10 === 0 ? 55 : 61,
    classRefs: ["java/util/ArrayList", "java/util/HashMap", `${pkg}/Helper${i % 13}`, ...flink],
    methodRefs: Array.from({ length: 30 }, (_, m) => ({
      owner: m % 3 === 0 ? "java/lang/StringBuilder" : `${pkg}/Helper${(i + m) % 13}`,
      name: `method${m}`,
      descriptor: `(Ljava/lang/String;I)L${pkg}/Value${m % 5};`,
    })),
    fieldRefs: Array.from({ length: 10 }, (_, f) => ({
      owner: `${pkg}/Generated${i}`,
      name: `field${f}`,
      descriptor: "J",
    })),
    strings: Array.from({ length: 20 }, (_, s) => `message ${i}-${s}: ${randomBytes(12).toString("hex")}`),
    declaredMethods: Array.from({ length: 15 }, (_, m) => ({ name: `run${m}`, descriptor: "(Ljava/lang/Object;)V" })),
  };
}

/** Streams a JAR of about `megabytes` to disk without holding it: fflate's streaming Zip, written as it goes. */
function generateJar(file: string, megabytes: number): { classes: number } {
  const target = megabytes * MB;
  const classes = Math.round(target / BYTES_PER_CLASS);
  const fd = openSync(file, "w");
  let written = 0;
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    writeSync(fd, chunk);
    written += chunk.length;
  });
  const add = (name: string, data: Uint8Array, deflate: boolean) => {
    const entry = deflate ? new ZipDeflate(name, { level: 6 }) : new ZipPassThrough(name);
    zip.add(entry);
    entry.push(data, true);
  };
  add("META-INF/MANIFEST.MF", Buffer.from("Manifest-Version: 1.0\r\nMain-Class: com.example.app.Main\r\n\r\n"), true);
  add(
    "META-INF/maven/com.example/app/pom.properties",
    Buffer.from("groupId=com.example\nartifactId=app\nversion=1.0.0\n"),
    true,
  );
  let filler = 0;
  for (let i = 0; i < classes; i++) {
    add(`${classSpec(i).name}.class`, writeClassFile(classSpec(i)), true);
    // Resources between the classes, as a shaded JAR interleaves them, until the size is reached.
    const due = ((i + 1) / classes) * target;
    while (written + FILLER_CHUNK <= due) add(`assets/blob-${filler++}.bin`, randomBytes(FILLER_CHUNK), false);
  }
  zip.end();
  closeSync(fd);
  return { classes };
}

interface Measured {
  result: ScanResult;
  seconds: number;
  peakRssDeltaMb: number;
  /** V8 heap plus Buffers: what the scan itself holds, garbage included. */
  peakLiveDeltaMb: number;
}

/** Child mode: scan one file, sample RSS while it runs, print JSON. */
async function measure(file: string): Promise<void> {
  const live = () => {
    const usage = process.memoryUsage();
    return usage.heapUsed + usage.external;
  };
  const baseline = { rss: process.memoryUsage.rss(), live: live() };
  const peak = { ...baseline };
  const sample = () => {
    peak.rss = Math.max(peak.rss, process.memoryUsage.rss());
    peak.live = Math.max(peak.live, live());
  };
  const sampler = setInterval(sample, 5);
  const started = performance.now();
  const result = await scanFile(file);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  sample();
  const measured: Measured = {
    result: { ...result, findings: [] },
    seconds,
    peakRssDeltaMb: (peak.rss - baseline.rss) / MB,
    peakLiveDeltaMb: (peak.live - baseline.live) / MB,
  };
  process.stdout.write(`${JSON.stringify({ ...measured, findingIds: result.findings.map((f) => f.id) })}\n`);
}

async function main(): Promise<void> {
  if (process.argv[2] === "--measure") return measure(process.argv[3] ?? "");
  mkdirSync(dir, { recursive: true });
  const rows: Record<string, string | number>[] = [];
  for (const megabytes of sizes) {
    const file = path.join(dir, `app-${megabytes}mb.jar`);
    if (!existsSync(file)) {
      const generated = generateJar(file, megabytes);
      console.log(`generated ${file}: ${generated.classes} classes, ${(statSync(file).size / MB).toFixed(1)} MB`);
    }
    // A 64 MB old-space cap: if the scan's memory grew with the JAR, the 300 MB run would die here.
    const args = [
      `--max-old-space-size=${HEAP_CAP_MB}`,
      "--import",
      "tsx",
      path.join(root, "bench/scan.ts"),
      "--measure",
      file,
    ];
    const output = execFileSync(process.execPath, args, {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 16 * MB,
    });
    const measured = JSON.parse(output.trim().split("\n").pop() ?? "{}") as Measured & { findingIds: string[] };
    const { result } = measured;
    if (result.status === "unreadable") throw new Error(`${file}: ${result.error?.message}`);
    const sizeMb = result.bytes / MB;
    rows.push({
      size: `${sizeMb.toFixed(1)} MB`,
      entries: result.entries,
      classes: result.classes,
      "scan s": Number(measured.seconds.toFixed(2)),
      "MB/s": Number((sizeMb / measured.seconds).toFixed(1)),
      "peak RSS Δ MB": Number(measured.peakRssDeltaMb.toFixed(1)),
      "peak heap+buffers Δ MB": Number(measured.peakLiveDeltaMb.toFixed(1)),
      status: result.status,
      findings: measured.findingIds.join(" "),
    });
  }
  printTable(`Code scan from a local file (fresh process per size, --max-old-space-size=${HEAP_CAP_MB})`, rows);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
